// [Note: bulk rows] For imports of many posts inside one transaction. A batch of posts'
// rows (scheduledPostRows) is first encoded into one flat list of values per table, in the
// fixed column order below (encodePostRows): plain strings, numbers and nulls, cheap to
// hand to another thread (the CSV import builds them on its checking thread and writes
// them on its writing thread). The writer then inserts each table's rows (parents first)
// in multi-row INSERTs through statements prepared once per table and row count and kept
// for the whole import. Why many rows per statement: an INSERT into a table with triggers
// (post_parts, post_targets) may write several rows, so inside a transaction SQLite copies
// every page it touches to a statement journal first, per statement; one row per statement
// copied the same hot index pages again for every row, which was about half of an
// import's write time. Row counts are powers of two up to `bulkRowsMax`, so a table needs
// at most 9 statements whatever the batch sizes.
import type Database from 'better-sqlite3';
import { searchClientWord } from '../posts/search.ts';
import { calendarColumns } from './calendar-columns.ts';
import type { PostRows } from './posts-write.ts';

export type SqlValue = string | number | null;

/** The tables a batch writes, parents first, each with its columns in binding order. */
const bulkColumns = {
  posts: [
    'id',
    'client_id',
    'campaign_id',
    'status',
    'scheduled_at',
    'timezone',
    'local_time',
    'published_at',
    'created_at',
    'updated_at',
    'cal_first_line',
    'cal_parts',
    'cal_accounts',
  ],
  post_parts: ['id', 'post_id', 'position', 'text', 'search_client'],
  post_part_variants: ['part_id', 'account_id', 'text'],
  post_part_media: ['part_id', 'position', 'media_id', 'alt_text'],
  post_targets: [
    'id',
    'post_id',
    'account_id',
    'status',
    'options',
    'remote_id',
    'remote_url',
    'error_code',
    'error_message',
    'published_at',
    'created_at',
    'updated_at',
  ],
  publish_jobs: [
    'id',
    'kind',
    'target_id',
    'account_id',
    'status',
    'run_at',
    'attempts',
    'max_attempts',
    'lease_owner',
    'lease_expires_at',
    'last_error',
    'created_at',
    'updated_at',
  ],
  // Straight into the log with the id its view would give ([Note: event log by post] in
  // migrations/0034-event-log-by-post.ts): a new post's first event is 1.
  post_event_log: ['post_id', 'id', 'target_id', 'type', 'detail', 'at'],
} as const;

export type BulkTable = keyof typeof bulkColumns;
const bulkTables = Object.keys(bulkColumns) as BulkTable[];

/** Where post_part_media's media id sits in a row: the import fills it in late. */
export const mediaIdColumn = bulkColumns.post_part_media.indexOf('media_id');
export const mediaColumns = bulkColumns.post_part_media.length;

/** Each table's rows' values one after another, in bulkColumns order. */
export type RowBatch = Record<BulkTable, SqlValue[]>;

function pushRow(out: SqlValue[], table: BulkTable, row: object): void {
  const values = row as Record<string, SqlValue | undefined>;
  for (const column of bulkColumns[table]) out.push(values[column] ?? null);
}

/**
 * The posts' rows as a batch. `handleOf` gives an account's handle for the calendar
 * columns ([Note: calendar held]), undefined for an account without a row.
 */
export function encodePostRows(
  /** Any iterable: a generator lets each post's row objects die young. */
  posts: Iterable<PostRows>,
  handleOf: (accountId: string) => string | undefined,
): RowBatch {
  const batch = Object.fromEntries(bulkTables.map((t) => [t, [] as SqlValue[]])) as RowBatch;
  for (const rows of posts) {
    pushRow(batch.posts, 'posts', { ...rows.post, ...calendarColumns(rows, handleOf) });
    // [Note: search held] What 0025's trigger writes.
    const searchClient = searchClientWord(rows.post.client_id);
    for (const part of rows.parts) {
      pushRow(batch.post_parts, 'post_parts', { ...part, search_client: searchClient });
    }
    for (const variant of rows.variants) {
      pushRow(batch.post_part_variants, 'post_part_variants', variant);
    }
    for (const media of rows.media) pushRow(batch.post_part_media, 'post_part_media', media);
    for (const target of rows.targets) pushRow(batch.post_targets, 'post_targets', target);
    for (const job of rows.jobs) pushRow(batch.publish_jobs, 'publish_jobs', job);
    pushRow(batch.post_event_log, 'post_event_log', { ...rows.event, id: 1 });
  }
  return batch;
}

export interface RowBatchWriter {
  /** Writes a batch; a failed batch throws (roll the transaction back then). */
  write(batch: RowBatch): void;
  /** Indexes the parts written so far for search: before the commit. */
  finish(): void;
}

/** Writes batches inside the caller's transaction, which ends after finish(). */
export function createRowBatchWriter(sqlite: Database.Database): RowBatchWriter {
  const statements = new Map<string, Database.Statement>();
  function statementFor(table: BulkTable, rows: number): Database.Statement {
    const key = `${table} ${String(rows)}`;
    let statement = statements.get(key);
    if (statement === undefined) {
      const columns = bulkColumns[table];
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      statement = sqlite.prepare(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`,
      );
      statements.set(key, statement);
    }
    return statement;
  }
  function insertMany(table: BulkTable, values: SqlValue[]): void {
    const width = bulkColumns[table].length;
    const total = values.length / width;
    for (let i = 0; i < total;) {
      const count = largestPowerOfTwo(Math.min(total - i, bulkRowsMax));
      statementFor(table, count).run(values.slice(i * width, (i + count) * width));
      i += count;
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
      hold.run();
      try {
        for (const table of bulkTables) insertMany(table, batch[table]);
      } finally {
        release.run();
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
