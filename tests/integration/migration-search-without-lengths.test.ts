// Migration 0044 makes the search index again without its parts' lengths ([Note: search
// without lengths] in migrations/0044-search-without-lengths.ts): every part is found as
// before, by word, prefix and phrase, highlight() still marks the words, the triggers keep
// it current, and the lengths' table is gone.
import { describe, expect, it } from 'vitest';
import { openOldDatabase } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const t = 1_800_000_000_000;

describe('migration 0044: search without lengths', () => {
  it('finds every part as before and keeps up with writes', async () => {
    const dataDir = tempDataDir();
    const old = await openOldDatabase(dataDir, '0043-remote-links-by-prefix');
    old.sqlite.exec(`
      INSERT INTO clients (id, name, color, timezone, created_at, updated_at)
        VALUES ('c1', 'Bakery', '#112233', 'Europe/Berlin', ${t}, ${t});
      INSERT INTO posts (id, client_seq, status, timezone, created_at, updated_at)
        VALUES ('p1', 1, 'scheduled', 'Europe/Berlin', ${t}, ${t});
      INSERT INTO post_parts (id, post_seq, position, text) VALUES
        ('pa', 1, 0, 'Fresh croissants every morning'),
        ('pb', 1, 1, 'Crème brûlée on Fridays');`);
    const queries = [
      'text : croissants',
      'text : cro*',
      'text : "every morning"',
      'text : creme AND search_client : "1"',
    ];
    const find = (sqlite: typeof old.sqlite) =>
      queries.map((q) =>
        sqlite
          .prepare(
            `SELECT rowid, highlight(post_search, 0, '[', ']') AS marked FROM post_search
             WHERE post_search MATCH ? ORDER BY rowid`,
          )
          .all(q),
      );
    const before = find(old.sqlite);
    expect(before.every((rows) => rows.length === 1)).toBe(true);
    await old.db.destroy();

    const opened = await openOldDatabase(dataDir, '0044-search-without-lengths');
    try {
      const { sqlite } = opened;
      expect(find(sqlite)).toEqual(before);
      expect(
        sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'post_search_docsize'").all(),
      ).toEqual([]);
      // The triggers still write to it: a new part is found, a removed one is not.
      sqlite.exec(
        "INSERT INTO post_parts (id, post_seq, position, text) VALUES ('pc', 1, 2, 'Rye')",
      );
      sqlite.exec("DELETE FROM post_parts WHERE id = 'pa'");
      const count = (q: string) =>
        (
          sqlite
            .prepare('SELECT count(*) AS n FROM post_search WHERE post_search MATCH ?')
            .get(q) as {
            n: number;
          }
        ).n;
      expect([count('text : rye'), count('text : croissants')]).toEqual([1, 0]);
      sqlite.exec("INSERT INTO post_search (post_search) VALUES ('integrity-check')");
      expect(sqlite.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      await opened.db.destroy();
    }
  });
});
