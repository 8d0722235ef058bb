// The bulk writer's INSERTs bind a value every row of a statement shares once ([Note: values
// bound once] in main/core/services/bulk-inserts.ts): whichever columns are shared, each
// row gets exactly its own values, and a statement kept from an earlier batch takes the
// shared values of the batch at hand.
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/core/db/open-database.ts';
import { bulkColumns, type SqlValue } from '../../main/core/services/bulk-columns.ts';
import { createBulkInsert } from '../../main/core/services/bulk-inserts.ts';
import { recordingLogger } from '../helpers/core.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const columns = bulkColumns.publish_jobs;

/** A job row in bulkColumns order: the defaults, with `changes` on top. */
function job(id: string, changes: Partial<Record<(typeof columns)[number], SqlValue>> = {}) {
  const row: Record<string, SqlValue> = {
    id,
    kind: 'publish',
    target_id: null,
    account_id: null,
    status: 'pending',
    run_at: 1000,
    attempts: 0,
    max_attempts: 5,
    lease_owner: null,
    lease_expires_at: null,
    last_error: null,
    created_at: 1,
    updated_at: 1,
    ...changes,
  };
  return columns.map((column) => row[column] ?? null);
}

async function database() {
  const { sqlite } = await openDatabase({
    dataDir: tempDataDir(),
    now: () => 0,
    logger: recordingLogger(),
  });
  // As on the import's connection: no parent rows for the jobs' targets and accounts.
  sqlite.pragma('foreign_keys = OFF');
  return sqlite;
}

const written = (sqlite: Database.Database) =>
  sqlite
    .prepare(`SELECT ${columns.join(', ')} FROM publish_jobs ORDER BY id`)
    .raw()
    .all();

/** `count` jobs named `prefix0`…, each with `changes(i)` on top of the defaults. */
const jobs = (
  prefix: string,
  count: number,
  changes: (i: number) => Parameters<typeof job>[1] = () => ({}),
) =>
  Array.from({ length: count }, (_, i) =>
    job(`${prefix}${String(i).padStart(2, '0')}`, changes(i)),
  );

describe('bulk INSERTs', () => {
  it('write each row its own values, whichever columns the rows share', async () => {
    const sqlite = await database();
    const insert = createBulkInsert(sqlite);
    // Statements of 16 rows or more bind what their rows share once.
    const batches = [
      // Every column but the id shared.
      jobs('a', 16),
      // A column that differs only in the first row, one only in the last, and one only
      // in a row in the middle (a value against NULL).
      jobs('b', 16, (i) => ({
        ...(i === 0 && { lease_owner: 'x' }),
        ...(i === 15 && { target_id: 't15', run_at: 2000 }),
        ...(i === 7 && { last_error: 'late' }),
      })),
      // The same columns shared as the first batch, with other values: its statement, kept.
      jobs('c', 16, () => ({ created_at: 7, updated_at: 8, status: 'done' })),
      // Fewer rows: each binds all its own.
      jobs('d', 3, (i) => ({ attempts: i })),
      [job('e', { kind: 'metrics_post' })],
    ];
    for (const rows of batches) {
      const { changes } = insert('publish_jobs', rows.flat(), 0, rows.length);
      expect(changes).toBe(rows.length);
    }
    // Part of a list: 16 rows after the first, which is left out.
    const list = [job('f', { kind: 'metrics_post' }), ...jobs('g', 16)];
    insert('publish_jobs', list.flat(), 1, 16);

    const expected = [...batches.flat(), ...list.slice(1)];
    expect(written(sqlite)).toEqual(
      expected.sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    sqlite.close();
  });

  it('writes rows that share every value as rows, so identical ones are refused', async () => {
    const sqlite = await database();
    const insert = createBulkInsert(sqlite);
    sqlite.exec('BEGIN IMMEDIATE');
    const same = Array.from({ length: 16 }, () => job('same'));
    expect(() => insert('publish_jobs', same.flat(), 0, 16)).toThrow(
      /UNIQUE constraint failed: publish_jobs\.id/,
    );
    // INSERT OR ROLLBACK: the transaction is gone with the refused rows.
    expect(sqlite.inTransaction).toBe(false);
    expect(written(sqlite)).toEqual([]);
    sqlite.close();
  });
});
