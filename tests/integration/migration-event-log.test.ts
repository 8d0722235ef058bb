// Migration 0034 keeps the event log in post order ([Note: event log by post] in
// migrations/0034-event-log-by-post.ts): every event comes through with its id, the
// (post_id, id) index is gone, and an event written afterwards is its post's last plus one.
import { describe, expect, it } from 'vitest';
import { openOldDatabase } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('migration 0034: the event log by post', () => {
  it('keeps every event and its id, and numbers new ones within their post', async () => {
    const dataDir = tempDataDir();
    const old = await openOldDatabase(dataDir, '0033-packed-metric-readings');
    // Two posts' events interleaved, as the log held them: ids in the order written.
    const add = old.sqlite.prepare(
      'INSERT INTO post_events (post_id, target_id, type, detail, at) VALUES (?, ?, ?, ?, ?)',
    );
    add.run('p1', null, 'post.created', '{}', 1);
    add.run('p2', null, 'post.created', '{}', 2);
    add.run('p1', 't1', 'target.publishing', '{"attempt":1}', 3);
    add.run('p2', 't2', 'target.published', '{"remoteId":"9"}', 4);
    add.run('p1', 't1', 'target.published', '{"remoteId":"8"}', 5);
    const before = old.sqlite.prepare('SELECT * FROM post_events ORDER BY id').all();
    await old.db.destroy();

    const opened = await openOldDatabase(dataDir, '0034-event-log-by-post');
    try {
      const sqlite = opened.sqlite;
      expect(sqlite.prepare('SELECT * FROM post_events ORDER BY id').all()).toEqual(before);
      const kinds = sqlite
        .prepare("SELECT name, type FROM sqlite_master WHERE name LIKE 'post_event%' ORDER BY name")
        .all();
      expect(kinds).toEqual([
        { name: 'post_event_log', type: 'table' },
        { name: 'post_event_log_no_delete', type: 'trigger' },
        { name: 'post_event_log_no_update', type: 'trigger' },
        { name: 'post_events', type: 'view' },
        { name: 'post_events_append', type: 'trigger' },
        { name: 'post_events_no_delete', type: 'trigger' },
        { name: 'post_events_no_update', type: 'trigger' },
      ]);
      await opened.db
        .insertInto('post_events')
        .values({ post_id: 'p2', target_id: 't2', type: 'target.deleted', at: 6 })
        .execute();
      const p2 = await opened.db
        .selectFrom('post_events')
        .select(['id', 'type', 'detail'])
        .where('post_id', '=', 'p2')
        .orderBy('id')
        .execute();
      expect(p2).toEqual([
        { id: 2, type: 'post.created', detail: '{}' },
        { id: 4, type: 'target.published', detail: '{"remoteId":"9"}' },
        { id: 5, type: 'target.deleted', detail: '{}' },
      ]);
    } finally {
      await opened.db.destroy();
    }
  });
});
