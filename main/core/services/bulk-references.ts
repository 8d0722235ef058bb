// The rows outside a bulk write of posts that its rows name, looked up once each.
//
// [Note: references checked once] A connection may write these rows with foreign keys off
// (the CSV import's does): SQLite then looks up no parent row for each child row, and,
// with every INSERT here `OR ROLLBACK`, keeps no statement journal either (a multi-row
// INSERT otherwise copies each page it touches, in case a later row fails and the rows
// before it must be taken back alone; here any failure ends the whole transaction, which
// its caller rolls back anyway). Writing 19,200 posts that way took 13% fewer of SQLite's
// instructions (valgrind, 2026-12-07): 8% the lookups, 5% the journal; the whole import
// of 100,000 rows, alternated with the code before, 7.62 against 7.87 s. What the foreign
// keys guarded still holds: a batch's posts, parts and targets refer to each other as
// scheduledPostRows built them (bulk-post-writer.test.ts checks the result with SQLite's
// foreign_key_check; the CSV import's own builder makes the same rows: [Note: import rows
// made directly] in data/csv-import-rows.ts), and the values that name rows outside the
// batch (clients, accounts, campaigns, media) are looked up here instead, each value once:
// the caller holds the write lock from the first batch to the commit, so nothing can
// delete a row once found.
import type Database from 'better-sqlite3';
import { failure } from '../../../shared/result.ts';
import { bulkColumns, type BulkTable, type RowBatch, type SqlValue } from './bulk-columns.ts';

/**
 * The columns whose values name rows outside the batch, with what they name and how to
 * find it ([Note: references checked once]). post_targets.remote_url_prefix names one too,
 * but a new post's targets leave it NULL (scheduledPostRows): nothing to look up.
 */
const outsideReferences: readonly {
  table: BulkTable;
  column: string;
  names: string;
  lookup: string;
}[] = [
  { table: 'posts', column: 'client_seq', names: 'client', lookup: 'clients WHERE seq = ?' },
  { table: 'posts', column: 'campaign_id', names: 'campaign', lookup: 'campaigns WHERE id = ?' },
  {
    table: 'post_part_variants',
    column: 'account_id',
    names: 'account',
    lookup: 'social_accounts WHERE id = ?',
  },
  {
    table: 'post_part_media',
    column: 'media_id',
    names: 'media file',
    lookup: 'media_assets WHERE id = ?',
  },
  {
    table: 'post_targets',
    column: 'account_seq',
    names: 'account',
    lookup: 'social_accounts WHERE seq = ?',
  },
  {
    table: 'publish_jobs',
    column: 'account_id',
    names: 'account',
    lookup: 'social_accounts WHERE id = ?',
  },
];

/**
 * Refuses a batch naming a row outside it that does not exist, when the connection's
 * foreign keys are off ([Note: references checked once]); with them on, SQLite does.
 */
export function referenceCheck(sqlite: Database.Database): (batch: RowBatch) => void {
  if (sqlite.pragma('foreign_keys', { simple: true }) === 1) return () => undefined;
  const checks = outsideReferences.map((reference) => ({
    ...reference,
    at: (bulkColumns[reference.table] as readonly string[]).indexOf(reference.column),
    width: bulkColumns[reference.table].length,
    exists: sqlite.prepare<[SqlValue]>(`SELECT 1 FROM ${reference.lookup}`).pluck(),
    found: new Set<SqlValue>(),
  }));
  return (batch) => {
    for (const check of checks) {
      const values = batch[check.table];
      for (let i = check.at; i < values.length; i += check.width) {
        const value = values[i] ?? null;
        // A NULL is the NOT NULL constraint's to refuse, where the column has one.
        if (value === null || check.found.has(value)) continue;
        if (check.exists.get(value) === undefined) {
          throw failure(
            'CONFLICT',
            `A ${check.names} the import names was deleted while it ran: nothing was imported. Try again.`,
          );
        }
        check.found.add(value);
      }
    }
  };
}
