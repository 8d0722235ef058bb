// Migration 0042 names each post's client by number and drops the calendar's copy of the
// first line ([Note: posts by number], [Note: first line from the part] in
// migrations/0042-posts-by-number.ts): every post keeps its number, id, client and
// fields, the restated indexes are used, the restated triggers follow parts written,
// moved and removed afterwards, numbers are never given twice and the cascades hold.
import { describe, expect, it } from 'vitest';
import { openOldDatabase } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const t = 1_800_000_000_000;

describe('migration 0042: posts by number', () => {
  it('keeps every post with its client, and the triggers and indexes follow', async () => {
    const dataDir = tempDataDir();
    const old = await openOldDatabase(dataDir, '0041-targets-by-number');
    // c2 is written first, so the clients' numbers do not follow their ids; p9 is
    // removed, so the posts' sequence runs past the highest number left.
    old.sqlite.exec(`
      INSERT INTO clients (id, name, color, timezone, created_at, updated_at) VALUES
        ('c2', 'Café', '#112233', 'Europe/Paris', ${t}, ${t}),
        ('c1', 'Bakery', '#445566', 'Europe/Berlin', ${t}, ${t});
      INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at) VALUES
        ('a1', 'c1', 'x', '1', 'bakery', ${t}, ${t});
      INSERT INTO posts (id, client_id, status, scheduled_at, timezone, local_time, created_at, updated_at) VALUES
        ('p1', 'c1', 'published', ${t}, 'Europe/Berlin', '2027-01-15T09:00', ${t}, ${t + 1}),
        ('p2', 'c2', 'scheduled', ${t + 60_000}, 'Europe/Paris', NULL, ${t}, ${t}),
        ('p9', 'c2', 'draft', NULL, 'Europe/Paris', NULL, ${t}, ${t});
      DELETE FROM posts WHERE id = 'p9';
      INSERT INTO post_parts (id, post_seq, position, text) VALUES
        ('pa', 1, 0, 'Fresh croissants
every morning'),
        ('pb', 1, 1, 'a reply'),
        ('pc', 2, 0, 'Coffee at noon');
      INSERT INTO post_targets (id, post_seq, account_seq, status, created_at, updated_at)
        VALUES ('t1', 1, 1, 'published', ${t}, ${t});
      INSERT INTO post_events (post_id, target_id, type, at) VALUES
        ('p2', NULL, 'post.scheduled', ${t});`);
    const columns = `seq, id, campaign_id, status, scheduled_at, timezone, local_time,
      published_at, created_at, updated_at, cal_parts, cal_accounts`;
    const before = old.sqlite.prepare(`SELECT ${columns}, client_id FROM posts ORDER BY seq`).all();
    const searchBefore = old.sqlite
      .prepare('SELECT id, search_client FROM post_parts ORDER BY seq')
      .all();
    expect(before).toHaveLength(2);
    await old.db.destroy();

    const opened = await openOldDatabase(dataDir, '0042-posts-by-number');
    try {
      const { sqlite } = opened;
      const all = (query: string) => sqlite.prepare(query).all();
      expect(
        all(`SELECT ${columns.replaceAll(/(\w+)/g, 'p.$1')}, c.id AS client_id
             FROM posts p JOIN clients c ON c.seq = p.client_seq ORDER BY p.seq`),
      ).toEqual(before);
      expect(all("SELECT id, client_seq FROM posts WHERE id = 'p2'")).toEqual([
        { id: 'p2', client_seq: 1 },
      ]);
      expect(
        all(
          "SELECT name FROM pragma_table_info('posts') WHERE name IN ('client_id', 'cal_first_line')",
        ),
      ).toEqual([]);
      expect(all('SELECT id, search_client FROM post_parts ORDER BY seq')).toEqual(searchBefore);
      expect(all('SELECT post_id, type FROM post_events')).toEqual([
        { post_id: 'p2', type: 'post.scheduled' },
      ]);
      const plan = (query: string) =>
        (sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[])
          .map((r) => r.detail)
          .join('; ');
      expect(plan('SELECT id FROM posts WHERE client_seq = 1 AND scheduled_at > 0')).toMatch(
        /posts_by_client_time \(client_seq=\? AND scheduled_at>\?\)/,
      );
      expect(
        plan(`SELECT client_seq, status, campaign_id FROM posts
              WHERE scheduled_at > 0 AND scheduled_at < 1 AND client_seq = 1`),
      ).toMatch(/COVERING INDEX posts_calendar|posts_by_client_time/);

      // The restated part triggers count parts written, moved and removed.
      const parts = sqlite.prepare<[string], { cal_parts: number }>(
        'SELECT cal_parts FROM posts WHERE id = ?',
      );
      sqlite.exec(
        "INSERT INTO post_parts (id, post_seq, position, text) VALUES ('pd', 2, 1, 'Latte art')",
      );
      expect(parts.get('p2')?.cal_parts).toBe(2);
      // The restated search trigger gives a new part its client's number as a word (c2's
      // is 1).
      expect(all("SELECT search_client FROM post_parts WHERE id = 'pd'")).toEqual([
        { search_client: '1' },
      ]);
      expect(
        all(
          `SELECT rowid FROM post_search WHERE post_search MATCH 'text : latte AND search_client : "1"'`,
        ),
      ).toHaveLength(1);
      sqlite.exec("UPDATE post_parts SET post_seq = 1, position = 2 WHERE id = 'pd'");
      expect([parts.get('p1')?.cal_parts, parts.get('p2')?.cal_parts]).toEqual([3, 1]);
      sqlite.exec("DELETE FROM post_parts WHERE id = 'pb'");
      expect(parts.get('p1')?.cal_parts).toBe(2);
      sqlite.exec("INSERT INTO post_search (post_search) VALUES ('integrity-check')");

      // Numbers are never given twice: p9's 3 stays taken.
      sqlite.exec(`INSERT INTO posts (id, client_seq, timezone, created_at, updated_at)
        VALUES ('p4', 2, 'Europe/Berlin', ${t}, ${t})`);
      expect(all("SELECT seq FROM posts WHERE id = 'p4'")).toEqual([{ seq: 4 }]);
      // A client that does not exist is refused.
      expect(() =>
        sqlite.exec(`INSERT INTO posts (id, client_seq, timezone, created_at, updated_at)
          VALUES ('p5', 99, 'Europe/Berlin', ${t}, ${t})`),
      ).toThrow(/FOREIGN KEY/);

      // A removed client takes its posts, and they their parts and targets; a post with
      // events keeps its number for them.
      sqlite.exec("DELETE FROM clients WHERE id = 'c2'");
      expect(all('SELECT id FROM posts ORDER BY seq')).toEqual([{ id: 'p1' }, { id: 'p4' }]);
      expect(all('SELECT id FROM post_parts ORDER BY seq')).toEqual([{ id: 'pa' }, { id: 'pd' }]);
      expect(all('SELECT seq, id FROM posts_gone')).toEqual([{ seq: 2, id: 'p2' }]);
      sqlite.exec("DELETE FROM clients WHERE id = 'c1'");
      expect(all('SELECT id FROM post_targets')).toEqual([]);
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      await opened.db.destroy();
    }
  });
});
