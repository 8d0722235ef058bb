// [Note: upgrade progress] on the command line: the real `starling` on a real database left
// at an older migration prints the upgrade's steps on stderr, one line each (no terminal
// here), before the command's own answer, which stays one JSON document on stdout; the
// next command, with nothing to migrate, prints nothing of it.
import { describe, expect, it } from 'vitest';
import { migrationDescriptions } from '../../migrations/index.ts';
import { runCli } from '../helpers/cli.ts';
import { makeOldDatabase, migrationsAfter } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const last = '0024-part-containers';

describe('starling upgrading a database', () => {
  it('prints each step of the upgrade on stderr, then answers as usual', async () => {
    const dataDir = tempDataDir();
    await makeOldDatabase(dataDir, { last, posts: 100 });
    const pending = migrationsAfter(last);

    const run = runCli(['--data-dir', dataDir, '--json', 'clients', 'list']);
    expect(run.status).toBe(0);
    expect(run.json()).toMatchObject([{ name: 'Bakery' }]);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'Upgrading your Starling data before going on. This may take several minutes for a big archive; do not stop it meanwhile.',
      'Backing up your data before changing it',
      ...pending.map(
        (name, i) =>
          `Step ${String(i + 1)} of ${String(pending.length)}: ${migrationDescriptions[name] ?? ''}`,
      ),
      'Checking the upgraded data',
      // An upgrade through 0037 always compacts (compactAfter in migrations/index.ts).
      'Giving freed space back to the disk',
    ]);

    const again = runCli(['--data-dir', dataDir, '--json', 'clients', 'list']);
    expect(again.status).toBe(0);
    expect(again.stderr).toBe('');
  });
});
