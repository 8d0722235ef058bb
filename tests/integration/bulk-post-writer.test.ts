// The bulk writer (the CSV import's: multi-row INSERTs by table, calendar columns written
// by itself, [Note: bulk rows] in main/core/services/bulk-rows.ts) writes exactly what the
// ordinary path writes (posts:schedule's insertPostRows, with every trigger running): the
// same rows in every table, with the same rowids, and the same full-text index (the
// writer indexes the parts itself: [Note: search held] in migrations/0030-search-held.ts).
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/core/db/open-database.ts';
import {
  insertPostRows,
  scheduledPostRows,
  type PostRows,
} from '../../main/core/services/posts-write.ts';
import { createRowBatchWriter } from '../../main/core/services/bulk-rows.ts';
import { encodePostRows } from '../helpers/bulk-writes.ts';
import { bulkPostWriter } from '../helpers/bulk-writes.ts';
import { dumpSqlite, recordingLogger } from '../helpers/core.ts';
import { makeAccount, makeClient } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const now = Date.UTC(2026, 11, 5, 9, 0);
const words = ['croissant', 'launch', 'coffee', 'zoë', 'weekend', 'thread', '🥐', 'offer'];

/** A database with two clients of three accounts each. */
async function twoClients() {
  const { db, sqlite } = await openDatabase({
    dataDir: tempDataDir(),
    now: () => now,
    logger: recordingLogger(),
  });
  const clients = [await makeClient(db), await makeClient(db)];
  const accounts = await Promise.all(
    clients.flatMap((clientId) =>
      ['bakery', 'zoë_bakes', 'a'].map((handle) => makeAccount(db, clientId, { handle })),
    ),
  );
  return { db, sqlite, clients, accounts };
}

function scheduled(clientId: string, accountIds: string[], instant: number): PostRows {
  return scheduledPostRows(
    { clientId, accountIds, parts: [{ text: 'hello' }] },
    { instant, zone: 'Europe/Berlin', localTime: '2026-12-06T10:00' },
    uuidv7,
    now,
    { source: 'csv-import' },
  );
}

describe('the bulk post writer', () => {
  // Off as on the CSV import's connection ([Note: references checked once]).
  it.each([
    ['on', 'ON'],
    ['off', 'OFF'],
  ])(
    'writes the same rows and search index as the ordinary path, in any batch size (foreign keys %s)',
    async (_, foreignKeys) => {
      const { db, sqlite, clients, accounts } = await twoClients();
      const clientSeq = (
        await db
          .selectFrom('clients')
          .select('seq')
          .where('id', '=', clients[0] ?? '')
          .executeTakeFirstOrThrow()
      ).seq;
      // 301 posts: batches of 256 + 32 + 8 + 4 + 1 rows and every other split of a table.
      const posts: PostRows[] = Array.from({ length: 301 }, (_, i) => {
        const client = i % 2;
        const own = accounts.slice(client * 3, client * 3 + 3);
        const accountIds = own.slice(0, (i % 3) + 1);
        const parts = Array.from({ length: (i % 4) + 1 }, (_, p) => ({
          text: `${words[(i + p) % words.length] ?? ''} ${String(i)}\nline ${String(p)}`,
          variants: i % 5 === 0 ? { [accountIds[0] ?? '']: `variant ${String(i)}` } : undefined,
        }));
        const time = {
          instant: now + ((i * 7919) % 301) * 3_600_000,
          zone: 'Europe/Berlin',
          localTime: `2026-12-${String(6 + (i % 20)).padStart(2, '0')}T10:00`,
        };
        return scheduledPostRows(
          { clientId: clients[client] ?? '', accountIds, parts },
          time,
          uuidv7,
          now,
          { source: 'csv-import' },
        );
      });

      const searches = [
        'croissant',
        'zoe',
        'co*',
        'line AND thread',
        '"🥐"',
        `search_client : "${String(clientSeq)}"`,
      ];
      const snapshot = () => ({
        tables: dumpSqlite(sqlite),
        found: searches.map((q) =>
          sqlite
            .prepare('SELECT rowid FROM post_search WHERE post_search MATCH ? ORDER BY rowid')
            .all(q),
        ),
      });

      // The ordinary path, rolled back afterwards so that both start from the same state.
      sqlite.exec('BEGIN IMMEDIATE');
      await insertPostRows(db as never, posts);
      const ordinary = snapshot();
      sqlite.exec('ROLLBACK');
      expect(sqlite.prepare('SELECT count(*) AS n FROM posts').get()).toEqual({ n: 0 });

      sqlite.pragma(`foreign_keys = ${foreignKeys}`);
      sqlite.exec('BEGIN IMMEDIATE');
      const write = bulkPostWriter(sqlite);
      write(posts.slice(0, 300));
      write(posts.slice(300));
      write([]);
      write.finish();
      sqlite.exec('COMMIT');
      const bulk = snapshot();

      expect(bulk.tables['posts']).toHaveLength(301);
      expect(bulk.found.every((rows) => rows.length > 0)).toBe(true);
      expect(bulk).toEqual(ordinary);
      // FTS5 checks its index against the parts it indexes.
      await sql`INSERT INTO post_search (post_search, rank) VALUES ('integrity-check', 1)`.execute(
        db,
      );
      expect(sqlite.prepare('SELECT count(*) AS n FROM calendar_held').get()).toEqual({ n: 0 });
      // Whatever the rows refer to exists, whether SQLite looked it up or the writer did.
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    },
  );

  it('with foreign keys off, refuses rows naming an account that is gone, or no client', async () => {
    const { sqlite, clients, accounts } = await twoClients();
    const [client = '', other = ''] = clients;
    const [account = ''] = accounts;
    const gone = accounts[3] ?? '';
    const seqOf = (table: string, id: string) =>
      sqlite.prepare(`SELECT seq FROM ${table} WHERE id = ?`).pluck().get(id) as number | undefined;
    const numbers = {
      accountSeqOf: (id: string) => seqOf('social_accounts', id),
      clientSeqOf: (id: string) => seqOf('clients', id),
    };
    // Numbered as the import's lookups number it: before the lock, so before the delete.
    const goneSeq = seqOf('social_accounts', gone);
    const stale = {
      ...numbers,
      accountSeqOf: (id: string) => (id === gone ? goneSeq : numbers.accountSeqOf(id)),
    };
    sqlite.pragma('foreign_keys = OFF');
    const count = (table: string) => sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

    sqlite.exec('BEGIN IMMEDIATE');
    const writer = createRowBatchWriter(sqlite);
    writer.write(encodePostRows([scheduled(client, [account], now)], stale));
    sqlite.prepare('DELETE FROM social_accounts WHERE id = ?').run(gone);
    expect(() => {
      writer.write(encodePostRows([scheduled(other, [gone], now + 1)], stale));
    }).toThrow(/account the import names was deleted while it ran/);
    sqlite.exec('ROLLBACK');
    expect(count('posts')).toBe(0);

    // An unknown client leaves client_seq NULL: the INSERT fails and, OR ROLLBACK, takes
    // the whole transaction with it, the calendar's hold row included.
    sqlite.exec('BEGIN IMMEDIATE');
    const again = createRowBatchWriter(sqlite);
    again.write(encodePostRows([scheduled(client, [account], now)], numbers));
    expect(() => {
      again.write(encodePostRows([scheduled('no-such-client', [account], now + 1)], numbers));
    }).toThrow(/NOT NULL constraint failed: posts.client_seq/);
    expect(sqlite.inTransaction).toBe(false);
    expect(count('posts')).toBe(0);
    expect(count('calendar_held')).toBe(0);
  });
});
