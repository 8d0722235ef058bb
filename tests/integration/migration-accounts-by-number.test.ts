// Migration 0040 numbers clients and accounts ([Note: accounts and clients by number] in
// migrations/0040-accounts-and-clients-by-number.ts): each keeps its rowid as its number,
// the calendar column and the search index's client word name them by it, the restated
// triggers follow targets and parts written afterwards, and no number is given twice.
import { describe, expect, it } from 'vitest';
import { openOldDatabase } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const t = 1_800_000_000_000;

describe('migration 0040: accounts and clients by number', () => {
  it('names accounts and clients by number in the calendar and the search index', async () => {
    const dataDir = tempDataDir();
    const old = await openOldDatabase(dataDir, '0039-parts-by-number');
    // c0 is removed, so the clients' rowids (2, 3) are not their order of creation alone;
    // a3 is written first, so the accounts' numbers do not follow their ids.
    old.sqlite.exec(`
      INSERT INTO clients (id, name, color, timezone, created_at, updated_at) VALUES
        ('c0', 'Gone', '#112233', 'Europe/Berlin', ${t}, ${t}),
        ('c1', 'Bakery', '#112233', 'Europe/Berlin', ${t}, ${t}),
        ('c2', 'Mill', '#112233', 'Europe/Berlin', ${t}, ${t});
      DELETE FROM clients WHERE id = 'c0';
      INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at) VALUES
        ('a3', 'c2', 'x', '3', 'mill', ${t}, ${t}),
        ('a2', 'c1', 'x', '2', 'bakery', ${t}, ${t}),
        ('a1', 'c1', 'bluesky', '1', 'zoë', ${t}, ${t});
      INSERT INTO posts (id, client_id, scheduled_at, timezone, created_at, updated_at) VALUES
        ('p1', 'c1', ${t}, 'Europe/Berlin', ${t}, ${t}),
        ('p2', 'c2', ${t}, 'Europe/Berlin', ${t}, ${t}),
        ('p3', 'c1', ${t}, 'Europe/Berlin', ${t}, ${t});
      INSERT INTO post_parts (id, post_seq, position, text) VALUES
        ('pp1', (SELECT seq FROM posts WHERE id = 'p1'), 0, 'Rye bread'),
        ('pp2', (SELECT seq FROM posts WHERE id = 'p2'), 0, 'Rye flour');
      INSERT INTO post_targets (id, post_id, account_id, created_at, updated_at) VALUES
        ('t1', 'p1', 'a1', ${t}, ${t}),
        ('t2', 'p1', 'a2', ${t}, ${t}),
        ('t3', 'p2', 'a3', ${t}, ${t});`);
    expect(
      old.sqlite.prepare("SELECT search_client FROM post_parts WHERE id = 'pp1'").get(),
    ).toEqual({ search_client: 'c1' });
    await old.db.destroy();

    const opened = await openOldDatabase(dataDir, '0040-accounts-and-clients-by-number');
    try {
      const { sqlite } = opened;
      const all = (query: string) => sqlite.prepare(query).all();
      expect(all('SELECT seq, id FROM clients ORDER BY seq')).toEqual([
        { seq: 2, id: 'c1' },
        { seq: 3, id: 'c2' },
      ]);
      expect(all('SELECT seq, id FROM social_accounts ORDER BY seq')).toEqual([
        { seq: 1, id: 'a3' },
        { seq: 2, id: 'a2' },
        { seq: 3, id: 'a1' },
      ]);
      const calendar = sqlite.prepare<[string], { cal_accounts: string }>(
        'SELECT cal_accounts FROM posts WHERE id = ?',
      );
      expect(['p1', 'p2', 'p3'].map((id) => calendar.get(id)?.cal_accounts)).toEqual([
        '2,3',
        '1',
        '',
      ]);
      expect(all('SELECT id, search_client FROM post_parts ORDER BY id')).toEqual([
        { id: 'pp1', search_client: '2' },
        { id: 'pp2', search_client: '3' },
      ]);
      const hits = (query: string) =>
        sqlite
          .prepare('SELECT count(*) FROM post_search WHERE post_search MATCH ?')
          .pluck()
          .get(query);
      expect(hits('rye')).toBe(2);
      expect(hits('rye AND search_client : "2"')).toBe(1);
      expect(hits('search_client : c1')).toBe(0);
      sqlite.exec("INSERT INTO post_search (post_search, rank) VALUES ('integrity-check', 1)");

      // The restated triggers: targets added and removed, a part added to another client.
      sqlite.exec(`INSERT INTO post_targets (id, post_id, account_id, created_at, updated_at)
        VALUES ('t4', 'p3', 'a3', ${t}, ${t})`);
      expect(calendar.get('p3')?.cal_accounts).toBe('1');
      sqlite.exec("DELETE FROM post_targets WHERE id = 't2'");
      expect(calendar.get('p1')?.cal_accounts).toBe('3');
      // A renamed account leaves its posts as they are: the calendar reads handles itself.
      sqlite.exec("UPDATE social_accounts SET handle = 'zoe' WHERE id = 'a1'");
      expect(calendar.get('p1')?.cal_accounts).toBe('3');
      sqlite.exec(`INSERT INTO post_parts (id, post_seq, position, text)
        VALUES ('pp3', (SELECT seq FROM posts WHERE id = 'p2'), 1, 'Rye malt')`);
      expect(hits('rye AND search_client : "3"')).toBe(2);

      // Numbers are never given twice: the removed client's 4 is not given again.
      const insertClient = sqlite.prepare(`INSERT INTO clients
        (id, name, color, timezone, created_at, updated_at)
        VALUES (?, ?, '#112233', 'Europe/Berlin', ${t}, ${t}) RETURNING seq`);
      expect(insertClient.get('c4', 'Four')).toEqual({ seq: 4 });
      sqlite.exec("DELETE FROM clients WHERE id = 'c4'");
      expect(insertClient.get('c5', 'Five')).toEqual({ seq: 5 });

      // Foreign keys still name the ids and still cascade.
      sqlite.exec("DELETE FROM clients WHERE id = 'c2'");
      expect(all("SELECT id FROM social_accounts WHERE client_id = 'c2'")).toEqual([]);
      expect(all("SELECT id FROM posts WHERE id = 'p2'")).toEqual([]);
      expect(hits('rye')).toBe(1);
      expect(calendar.get('p3')?.cal_accounts).toBe('');
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      await opened.db.destroy();
    }
  });
});
