// Migration 0039 names each thread part's post by number ([Note: parts by number] in
// migrations/0039-parts-by-number.ts): every part keeps its rowid (the search index is
// keyed by it) and its post, the search index still answers and checks whole, and the
// calendar's and the search index's triggers, restated, follow parts written afterwards.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeOldDatabase, openOldDatabase } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('migration 0039: parts by number', () => {
  it('keeps every part, its rowid and its post, and the triggers follow new parts', async () => {
    const dataDir = tempDataDir();
    await makeOldDatabase(dataDir, { last: '0038-metric-series-repacked', posts: 300 });
    const file = new Database(path.join(dataDir, 'starling.db'), { readonly: true });
    const before = file
      .prepare('SELECT rowid, id, post_id, position, text FROM post_parts ORDER BY rowid')
      .all();
    file.close();

    const opened = await openOldDatabase(dataDir, '0039-parts-by-number');
    try {
      const { sqlite } = opened;
      expect(
        sqlite
          .prepare(
            `SELECT pp.rowid AS rowid, pp.id, p.id AS post_id, pp.position, pp.text
             FROM post_parts pp JOIN posts p ON p.seq = pp.post_seq ORDER BY pp.rowid`,
          )
          .all(),
      ).toEqual(before);
      const hits = (query: string) =>
        sqlite
          .prepare('SELECT count(*) FROM post_search WHERE post_search MATCH ?')
          .pluck()
          .get(query);
      expect(hits('sourdough')).toBe(300);
      sqlite.exec("INSERT INTO post_search (post_search, rank) VALUES ('integrity-check', 1)");

      // A reply added to p7: indexed with its client, counted on the calendar.
      sqlite.exec(`INSERT INTO post_parts (id, post_seq, position, text)
        VALUES ('reply', (SELECT seq FROM posts WHERE id = 'p7'), 1, 'Rye on Fridays')`);
      expect(hits('rye')).toBe(1);
      expect(hits('search_client : c')).toBe(301);
      const calendar = sqlite.prepare('SELECT cal_first_line, cal_parts FROM posts WHERE id = ?');
      expect(calendar.get('p7')).toEqual({
        cal_first_line: 'Fresh sourdough loaf number 7',
        cal_parts: 2,
      });
      sqlite.exec("UPDATE post_parts SET text = 'Seeded rye' WHERE id = 'pp7'");
      expect(calendar.get('p7')).toMatchObject({ cal_first_line: 'Seeded rye' });
      sqlite.exec("DELETE FROM post_parts WHERE id = 'reply'");
      expect(calendar.get('p7')).toMatchObject({ cal_parts: 1 });
      expect(hits('rye')).toBe(1);
      // Deleting a post takes its parts, and their words, with it.
      sqlite.exec("DELETE FROM posts WHERE id = 'p8'");
      expect(sqlite.prepare("SELECT count(*) FROM post_parts WHERE id = 'pp8'").pluck().get()).toBe(
        0,
      );
      expect(hits('sourdough')).toBe(298);
      sqlite.exec("INSERT INTO post_search (post_search, rank) VALUES ('integrity-check', 1)");
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    } finally {
      await opened.db.destroy();
    }
  });
});
