// Migration 0032: a user's database upgraded from 0031 keeps every post and part, its
// calendar index holds the time and the filters only, and its search index, created anew
// with three-letter prefix lists, finds every part as before and each part written after.
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { expectOk, makeCore } from '../helpers/core.ts';
import { makeOldDatabase } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const t0 = Date.UTC(2026, 10, 30, 9);

const indexColumns = (sqlite: Database.Database, index: string) =>
  (
    sqlite.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(index) as {
      name: string;
    }[]
  ).map((c) => c.name);

describe('migration 0032: lean calendar and search indexes', () => {
  it('narrows the calendar index and rebuilds the search index, losing nothing', async () => {
    const dataDir = tempDataDir();
    await makeOldDatabase(dataDir, { last: '0031-retries-waiting', posts: 300, now: t0 });
    const core = await makeCore({ dataDir });
    const { sqlite } = core.database;

    // The client by number since 0042 ([Note: posts by number]).
    expect(indexColumns(sqlite, 'posts_calendar')).toEqual([
      'scheduled_at',
      'client_seq',
      'status',
      'campaign_id',
    ]);
    const fts = sqlite
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'post_search'")
      .pluck()
      .get() as string;
    expect(fts).toMatch(/prefix = '3'/);
    // FTS5 checks its index against the parts it is built from.
    sqlite.exec("INSERT INTO post_search (post_search, rank) VALUES ('integrity-check', 1)");
    expect(sqlite.prepare('SELECT count(*) FROM post_parts').pluck().get()).toBe(300);

    const found = async (query: string) =>
      expectOk(await core.invoke('posts:search', { query, limit: 100 })).hits.length;
    expect(await found('sourdough')).toBe(100);
    expect(await found('"loaf number 217"')).toBe(1);
    expect(await found('sou*')).toBe(100);
    expect(await found('sourdough 217*')).toBe(1);

    // The insert trigger of 0030 writes into the new table: a part added after the upgrade
    // is found, and the client filter still reads each part's client.
    const clientId = 'c';
    sqlite.exec(`INSERT INTO post_parts (id, post_seq, position, text)
      VALUES ('late', (SELECT seq FROM posts WHERE id = 'p1'), 1, 'Pumpernickel on Sundays')`);
    expect(
      expectOk(await core.invoke('posts:search', { query: 'pumpernickel', clientId })).hits.map(
        (h) => h.postId,
      ),
    ).toEqual(['p1']);
    sqlite.exec("INSERT INTO post_search (post_search, rank) VALUES ('integrity-check', 1)");

    // The calendar reads each chip's columns from the rows the index chose.
    const range = expectOk(
      await core.invoke('calendar:range', { from: t0, to: t0 + 4 * 60_000 }),
    ).items;
    expect(range.map((i) => [i.id, i.firstLine, i.parts])).toEqual([
      ['p1', 'Fresh sourdough loaf number 1', 2],
      ['p2', 'Fresh sourdough loaf number 2', 1],
      ['p3', 'Fresh sourdough loaf number 3', 1],
    ]);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
