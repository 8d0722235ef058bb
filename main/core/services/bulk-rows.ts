// [Note: bulk rows] For imports of many posts inside one transaction. A batch of posts'
// rows is one flat list of values per table (RowBatch), in the fixed column order of
// bulk-columns.ts: plain strings, numbers and nulls, cheap to hand to another thread. The
// CSV import makes them on its checking thread straight from its checked rows ([Note:
// import rows made directly] in data/csv-import-rows.ts) and writes them on its writing
// thread; tests encode scheduledPostRows' objects the same way (encodePostRows in
// tests/helpers/bulk-writes.ts). The writer then inserts each table's rows (parents
// first) in multi-row INSERTs through statements prepared once and kept for the whole
// import (bulk-inserts.ts, which binds a value all the rows share once: [Note: values bound
// once]). Why many rows per statement: an INSERT into a table with triggers (post_parts,
// post_targets) may write several rows, so inside a transaction SQLite copies every page it
// touches to a statement journal first, per statement; one row per statement copied the
// same hot index pages again for every row, which was about half of an import's write
// time. Row counts are powers of two up to `bulkRowsMax`, so a table needs at most 9
// statements per set of shared columns whatever the batch sizes. (With foreign keys off,
// and each INSERT OR ROLLBACK, there is no statement journal at all: [Note: references
// checked once] in bulk-references.ts.)
import type Database from 'better-sqlite3';
import {
  bulkColumns,
  bulkTables,
  type BulkTable,
  type RowBatch,
  type SqlValue,
} from './bulk-columns.ts';
import { createBulkInsert } from './bulk-inserts.ts';
import { referenceCheck } from './bulk-references.ts';

/**
 * Clients' and accounts' numbers ([Note: accounts and clients by number] in
 * migrations/0040-accounts-and-clients-by-number.ts), undefined for one without a row.
 */
export interface RowNumbers {
  accountSeqOf(accountId: string): number | undefined;
  clientSeqOf(clientId: string): number | undefined;
}

export interface RowBatchWriter {
  /** Writes a batch; a failed batch throws (roll the transaction back then). */
  write(batch: RowBatch): void;
  /** Indexes the parts written so far for search: before the commit. */
  finish(): void;
}

/** Writes batches inside the caller's transaction, which ends after finish(). */
export function createRowBatchWriter(sqlite: Database.Database): RowBatchWriter {
  const insert = createBulkInsert(sqlite);
  function insertMany(table: BulkTable, values: SqlValue[]): void {
    const width = bulkColumns[table].length;
    const total = values.length / width;
    for (let i = 0; i < total;) {
      const count = largestPowerOfTwo(Math.min(total - i, bulkRowsMax));
      const { changes } = insert(table, values, i, count);
      // An event whose type was not found would be left out by its INSERT's join.
      if (changes < count) throw new Error(`${table}: ${String(count - changes)} rows not written`);
      i += count;
    }
  }
  // [Note: event log by number] Numbers after every number posts ever had (AUTOINCREMENT's
  // rule): the writer holds the write lock, so nothing takes them meanwhile.
  const nextPost = sqlite
    .prepare<[], number>(
      `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'posts'), 0),
         coalesce((SELECT max(seq) FROM posts), 0)) + 1`,
    )
    .pluck();
  function numberPosts(batch: RowBatch): void {
    const base = nextPost.get() ?? 1;
    for (const [table, column] of [
      ['posts', 'seq'],
      ['post_parts', 'post_seq'],
      ['post_targets', 'post_seq'],
      ['post_events', 'post_seq'],
    ] as const) {
      const width = bulkColumns[table].length;
      const at = (bulkColumns[table] as readonly string[]).indexOf(column);
      const values = batch[table];
      for (let i = at; i < values.length; i += width) values[i] = base + Number(values[i]);
    }
  }
  const addType = sqlite.prepare<[string]>(
    'INSERT OR IGNORE INTO post_event_types (name) VALUES (?)',
  );
  const typesKnown = new Set<string>();
  const checkReferences = referenceCheck(sqlite);
  const stillOpen = () => sqlite.inTransaction;
  function addTypes(events: SqlValue[]): void {
    const width = bulkColumns.post_events.length;
    const at = bulkColumns.post_events.indexOf('type');
    for (let i = at; i < events.length; i += width) {
      const type = events[i];
      if (typeof type !== 'string' || typesKnown.has(type)) continue;
      addType.run(type);
      typesKnown.add(type);
    }
  }
  // [Note: calendar held] Each post's calendar columns go in its own INSERT, and each
  // part's search_client in the part's ([Note: search held]); the insert triggers stand
  // aside while this holds calendar_held, for this one batch's rows.
  const hold = sqlite.prepare('INSERT INTO calendar_held (held) VALUES (1)');
  const release = sqlite.prepare('DELETE FROM calendar_held');
  const lastPart = sqlite
    .prepare<[], number>('SELECT coalesce(max(rowid), 0) FROM post_parts')
    .pluck();
  const indexParts = sqlite.prepare<[number]>(
    `INSERT INTO post_search (rowid, text, search_client)
       SELECT rowid, text, search_client FROM post_parts WHERE rowid > ? ORDER BY rowid`,
  );
  /** The last part before the parts not yet indexed; null when none wait. */
  let indexedUpTo: number | null = null;
  let waiting = 0;
  function indexWaiting(): void {
    if (indexedUpTo !== null) indexParts.run(indexedUpTo);
    indexedUpTo = null;
    waiting = 0;
  }
  return {
    write(batch) {
      if (batch.posts.length === 0) return;
      // Outside a transaction each INSERT would commit alone: the hold row could outlive a
      // crash (every later insert then skipping the triggers) and parts not yet indexed
      // would be committed, which FTS5's later 'delete' for them would corrupt.
      if (!sqlite.inTransaction) throw new Error('bulk rows are written inside a transaction');
      // The parts not yet indexed are the ones after the last part before them: rowids
      // only grow here, and no part is written meanwhile but by this writer (its caller
      // holds the write lock on this connection).
      indexedUpTo ??= lastPart.get() ?? 0;
      checkReferences(batch);
      addTypes(batch.post_events);
      numberPosts(batch);
      hold.run();
      try {
        for (const table of bulkTables) insertMany(table, batch[table]);
      } finally {
        // A failed INSERT took the whole transaction back, the hold row with it.
        if (stillOpen()) release.run();
      }
      waiting += batch.posts.length / bulkColumns.posts.length;
      if (waiting >= searchPostsAtOnce) indexWaiting();
    },
    finish: indexWaiting,
  };
}

/**
 * Posts whose parts go into the search index in one INSERT … SELECT. FTS5 writes out what
 * it holds as a new segment at the start of every later statement that writes, and merges
 * segments as they pile up: indexed per batch of 64 posts (or by the trigger, part by
 * part within each batch's INSERT), 100,000 posts made about 1,600 small segments, whose
 * writing and merging cost more than the indexing itself. This many posts' parts fill
 * FTS5's 1 MB of pending terms about once, and are still in the page cache when read back.
 */
const searchPostsAtOnce = 4096;

/**
 * Rows per bulk INSERT at most: 13 columns × 256 rows stay far below SQLite's 32,766 bound
 * values, and a statement that long already journals each hot page once for many rows.
 */
const bulkRowsMax = 256;

/** The largest power of two that is at most `n` (n ≥ 1). */
const largestPowerOfTwo = (n: number) => 2 ** Math.floor(Math.log2(n));
