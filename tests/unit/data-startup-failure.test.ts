// The desktop app's start-up notice for a damaged database: the core's explanation, the
// newest good backup to offer, and the promise that the damaged file is kept.
import { describe, expect, it } from 'vitest';
import { startupFailureNotice } from '../../main/shell/startup-failure.ts';
import { failure } from '../../shared/result.ts';

describe('start-up notice for a damaged database', () => {
  it('explains, names the backup to restore and keeps the damaged file', () => {
    const error = failure(
      'DATABASE_CORRUPT',
      'The database at /d/starling.db cannot be read: it is truncated.',
      {
        details: {
          file: '/d/starling.db',
          newestGoodBackup: '/d/backups/daily/starling-daily-x.db',
        },
      },
    );
    const notice = startupFailureNotice(error, '/d');
    expect(notice).toMatchObject({
      title: 'Starling’s database is damaged',
      restoreCandidate: '/d/backups/daily/starling-daily-x.db',
    });
    expect(notice.message).toContain('it is truncated');
    expect(notice.message).toContain('Restore starling-daily-x.db now?');
    expect(notice.message).toContain('backups/damaged/');
  });

  it('offers nothing to restore when no good backup exists', () => {
    const notice = startupFailureNotice(
      failure('DATABASE_CORRUPT', 'No good backup was found.'),
      '/d',
    );
    expect(notice.restoreCandidate).toBeUndefined();
  });
});
