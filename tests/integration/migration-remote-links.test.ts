// Migration 0043 keeps a target's link as a shared prefix's number when the link is that
// prefix followed by the target's remote id ([Note: links by prefix] in
// migrations/0043-remote-links-by-prefix.ts): every link reads back as it was written,
// from the migration and from the app's writers alike, and one prefix serves many posts.
import { describe, expect, it } from 'vitest';
import { remoteUrlOf, splitRemoteUrl } from '../../main/core/db/remote-urls.ts';
import { openOldDatabase } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const t = 1_800_000_000_000;

describe('migration 0043: links by prefix', () => {
  it('reads every link back whole, and shares each prefix', async () => {
    const dataDir = tempDataDir();
    const old = await openOldDatabase(dataDir, '0042-posts-by-number');
    // Links that end with the remote id (X, Mastodon), one that does not (Bluesky's at://
    // URI against its web link), one equal to its id, none, and an id of ''.
    const links: [string, string | null, string | null][] = [
      ['t1', '1866', 'https://x.com/bakery/status/1866'],
      ['t2', '1867', 'https://x.com/bakery/status/1867'],
      ['t3', 'at://did:plc:abc/app.bsky.feed.post/3kq', 'https://bsky.app/profile/zoë/post/3kq'],
      ['t4', '115', 'https://mastodon.example/@zoë/115'],
      ['t5', 'abc', 'abc'],
      ['t6', null, null],
      ['t7', '', 'https://www.linkedin.com/feed/'],
      ['t8', '99', null],
    ];
    old.sqlite.exec(`
      INSERT INTO clients (id, name, color, timezone, created_at, updated_at)
        VALUES ('c1', 'Bakery', '#112233', 'Europe/Berlin', ${t}, ${t});
      INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at)
        VALUES ('a1', 'c1', 'x', '1', 'bakery', ${t}, ${t});`);
    const post = old.sqlite.prepare(`INSERT INTO posts
      (id, client_seq, status, timezone, created_at, updated_at)
      VALUES (?, 1, 'published', 'Europe/Berlin', ${t}, ${t})`);
    const target = old.sqlite.prepare(`INSERT INTO post_targets
      (id, post_seq, account_seq, status, remote_id, remote_url, created_at, updated_at)
      VALUES (?, (SELECT seq FROM posts WHERE id = ?), 1, 'published', ?, ?, ${t}, ${t})`);
    for (const [id, remoteId, url] of links) {
      post.run(`p-${id}`);
      target.run(id, `p-${id}`, remoteId, url);
    }
    const before = old.sqlite
      .prepare('SELECT id, remote_id, remote_url FROM post_targets ORDER BY id')
      .all();
    await old.db.destroy();

    const opened = await openOldDatabase(dataDir, '0043-remote-links-by-prefix');
    try {
      const { db, sqlite } = opened;
      const read = () =>
        db
          .selectFrom('post_targets as t')
          .select(['t.id', 't.remote_id', remoteUrlOf('t').as('remote_url')])
          .orderBy('t.id')
          .execute();
      expect(await read()).toEqual(before);
      expect(
        sqlite.prepare('SELECT prefix FROM remote_url_prefixes ORDER BY prefix').all(),
      ).toEqual([
        { prefix: 'https://mastodon.example/@zoë/' },
        { prefix: 'https://x.com/bakery/status/' },
      ]);
      // The shared prefix's links hold no text of their own; the others are kept whole.
      expect(
        sqlite
          .prepare(
            `SELECT id, remote_url_prefix IS NOT NULL AS prefixed, remote_url_full
             FROM post_targets WHERE id IN ('t1', 't3', 't5') ORDER BY id`,
          )
          .all(),
      ).toEqual([
        { id: 't1', prefixed: 1, remote_url_full: null },
        { id: 't3', prefixed: 0, remote_url_full: 'https://bsky.app/profile/zoë/post/3kq' },
        { id: 't5', prefixed: 0, remote_url_full: 'abc' },
      ]);
      expect(
        sqlite
          .prepare("SELECT name FROM pragma_table_info('post_targets') WHERE name = 'remote_url'")
          .all(),
      ).toEqual([]);
      // The app's rule is the migration's.
      for (const [, remoteId, url] of links) {
        const { prefix, full } = splitRemoteUrl(url, remoteId);
        expect(prefix === null ? full : `${prefix}${remoteId ?? ''}`).toBe(url);
      }
      expect(splitRemoteUrl('https://x.com/bakery/status/1868', '1868').prefix).toBe(
        'https://x.com/bakery/status/',
      );
      // A prefix in use cannot be removed, and the file is whole.
      expect(() => sqlite.exec('DELETE FROM remote_url_prefixes')).toThrow(/FOREIGN KEY/);
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      await opened.db.destroy();
    }
  });
});
