// Migration 0034 keeps the event log in post order ([Note: event log by post] in
// migrations/0034-event-log-by-post.ts): every event comes through with its id, the
// (post_id, id) index is gone, and an event written afterwards is its post's last plus one.
// Migration 0037 names the post, target and type by number ([Note: event log by number]):
// the view shows the same events of every post, those of targets already gone included;
// a deleted draft's events are kept, under its number, but no post shows them.
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openOldDatabase } from '../helpers/old-database.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { rebuildWithCheck } from '../../migrations/rebuild-with-check.ts';

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

describe('migration 0037: the event log by number', () => {
  it('shows every event as before, gone posts and targets included, and numbers on', async () => {
    const dataDir = tempDataDir();
    const old = await openOldDatabase(dataDir, '0036-metric-series-v2');
    const client = await makeClient(old.db);
    const [a, b] = [await makeAccount(old.db, client), await makeAccount(old.db, client)];
    const p1 = await makePost(old.db, { clientId: client, accountIds: [a, b], parts: ['one'] });
    const p2 = await makePost(old.db, { clientId: client, accountIds: [a], parts: ['two'] });
    const draft = await makePost(old.db, { clientId: client, accountIds: [a], parts: ['d'] });
    const add = old.sqlite.prepare(
      'INSERT INTO post_events (post_id, target_id, type, detail, at) VALUES (?, ?, ?, ?, ?)',
    );
    add.run(p1.postId, null, 'post.status', '{"to":"scheduled"}', 1);
    add.run(p2.postId, p2.targets[a], 'target.publishing', '{"attempt":1}', 2);
    add.run(p1.postId, p1.targets[b], 'target.published', '{"remoteId":"9"}', 3);
    add.run(draft.postId, draft.targets[a], 'post.status', '{}', 4);
    // b is removed (its target goes, its events stay) and the draft deleted, before 0037.
    old.sqlite.prepare('DELETE FROM social_accounts WHERE id = ?').run(b);
    old.sqlite.prepare('DELETE FROM posts WHERE id = ?').run(draft.postId);
    const all = 'SELECT post_id, id, target_id, type, detail, at FROM post_events';
    const before = old.sqlite.prepare(`${all} ORDER BY at`).all();
    const rowids = old.sqlite.prepare('SELECT id, rowid FROM posts ORDER BY rowid').all();
    await old.db.destroy();

    const opened = await openOldDatabase(dataDir, '0037-event-log-by-number');
    try {
      const { sqlite, db } = opened;
      // The deleted draft's events are kept, under its number, but no post shows them.
      expect(sqlite.prepare(`${all} ORDER BY at`).all()).toEqual(
        before.filter((e) => (e as { post_id: string }).post_id !== draft.postId),
      );
      expect(sqlite.prepare('SELECT id, seq AS rowid FROM posts ORDER BY seq').all()).toEqual(
        rowids,
      );
      expect(sqlite.prepare('SELECT id FROM posts_gone WHERE seq < 0').all()).toEqual([
        { id: draft.postId },
      ]);
      expect(sqlite.prepare('SELECT count(*) FROM post_event_log').pluck().get()).toBe(4);
      expect(sqlite.prepare('SELECT name FROM post_event_types ORDER BY code').all()).toEqual([
        { name: 'post.status' },
        { name: 'target.published' },
        { name: 'target.publishing' },
      ]);
      await db
        .insertInto('post_events')
        .values({ post_id: p1.postId, target_id: p1.targets[a], type: 'target.deleted', at: 5 })
        .execute();
      expect(
        await db
          .selectFrom('post_events')
          .select(['id', 'target_id', 'type'])
          .where('post_id', '=', p1.postId)
          .orderBy('id')
          .execute(),
      ).toEqual([
        { id: 1, target_id: null, type: 'post.status' },
        { id: 2, target_id: p1.targets[b], type: 'target.published' },
        { id: 3, target_id: p1.targets[a], type: 'target.deleted' },
      ]);
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await opened.db.destroy();
    }
  });

  it('gives no number twice, also after a later migration rebuilds the table', async () => {
    const dataDir = tempDataDir();
    const opened = await openOldDatabase(dataDir, '0037-event-log-by-number');
    try {
      const { db, sqlite } = opened;
      const client = await makeClient(db);
      const posts = [];
      for (const text of ['a', 'b', 'c']) {
        posts.push(await makePost(db, { clientId: client, accountIds: [], parts: [text] }));
      }
      const last = posts[2]?.postId ?? '';
      const lastSeq = sqlite.prepare('SELECT seq FROM posts WHERE id = ?').pluck().get(last);
      sqlite.prepare('DELETE FROM posts WHERE id = ?').run(last);
      // As a later migration changing a CHECK would ([Note: CHECK rebuilds]).
      // (Migrations are handed the database untyped.)
      const untyped = db as unknown as Kysely<unknown>;
      await rebuildWithCheck(untyped, 'posts', 'timezone TEXT NOT NULL', 'timezone TEXT NOT NULL');
      const next = await makePost(db, { clientId: client, accountIds: [], parts: ['d'] });
      expect(
        sqlite.prepare('SELECT seq FROM posts WHERE id = ?').pluck().get(next.postId),
      ).toBeGreaterThan(lastSeq as number);
    } finally {
      await opened.db.destroy();
    }
  });
});
