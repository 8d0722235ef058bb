// A restore reads the database it replaces, which may be older than the app: after a
// failed upgrade, the user restores a backup over a file still at an older migration. Its
// event log then names targets by id (before 0037: [Note: event log by number]).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReplaced } from '../../main/core/data/restore-replaced-read.ts';
import { openOldDatabase } from '../helpers/old-database.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('the replaced database of a restore', () => {
  it('reads a gone target’s publication from a replaced database older than 0037', async () => {
    // A restore after a failed upgrade replaces a file whose log still names targets by id.
    const dir = tempDataDir();
    const old = await openOldDatabase(dir, '0036-metric-series-v2');
    const clientId = await makeClient(old.db);
    const gone = await makeAccount(old.db, clientId);
    const post = await makePost(old.db, { clientId, accountIds: [gone], parts: ['Out'] });
    const targetId = post.targets[gone] ?? '';
    old.sqlite
      .prepare(
        `INSERT INTO post_events (post_id, target_id, type, detail, at)
         VALUES (?, ?, 'target.published', '{"remoteId":"77","url":"https://x.com/b/status/77"}', 5)`,
      )
      .run(post.postId, targetId);
    old.sqlite.prepare('DELETE FROM social_accounts WHERE id = ?').run(gone);
    await old.db.destroy();
    const read = readReplaced(path.join(dir, 'starling.db'), [
      { id: targetId, post_id: post.postId },
    ]);
    expect(read.known.get(targetId)).toMatchObject({
      status: 'published',
      remote_id: '77',
      remote_url: 'https://x.com/b/status/77',
      published_at: 5,
    });
  });
});
