// Counted words in messages (shared/plural.ts): English plural rules, so no "1 minutes".
import { describe, expect, it } from 'vitest';
import { plural, pluralWord } from '../../shared/plural.ts';
import { syncSummary } from '../../shared/sync-summary.ts';

describe('plural', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(plural(1, 'minute')).toBe('1 minute');
    expect(plural(2, 'minute')).toBe('2 minutes');
    expect(plural(0, 'post')).toBe('0 posts');
    expect(plural(1.5, 'hour')).toBe('1.5 hours');
    expect(plural(-1, 'day')).toBe('-1 day');
  });

  it('takes an irregular plural', () => {
    expect(plural(1, 'reply', 'replies')).toBe('1 reply');
    expect(plural(3, 'reply', 'replies')).toBe('3 replies');
    expect(pluralWord(2, 'media file')).toBe('media files');
  });

  it('reads right in the sync message, which said "1 post(s)"', () => {
    const result = {
      accounts: 1,
      accountIds: ['a'],
      postsRead: 1,
      accountsRead: 1,
      deleted: 0,
      reads: 2,
      readsToday: 2,
      readCap: 1000,
      capReached: false,
      problems: [],
    };
    expect(syncSummary(result)).toBe('Read metrics of 1 post and follower counts of 1 account.');
  });
});
