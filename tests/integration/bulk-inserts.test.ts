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

describe('bulk INSERTs', () => {
  it('write each row its own values, whichever columns the rows share', async () => {
    const sqlite = await database();
    const insert = createBulkInsert(sqlite);
    const batches = [
      // Every column but the id shared.
      [job('a1'), job('a2'), job('a3'), job('a4')],
      // A column that differs only in the first row, one only in the last, and NULL
      // against a value in the middle.
      [
        job('b1', { lease_owner: 'x' }),
        job('b2', { last_error: null }),
        job('b3', { target_id: 't3' }),
        job('b4', { run_at: 2000, last_error: 'late' }),
      ],
      // The same columns shared as the first batch, with other values: the statement is the
      // first batch's, kept.
      [
        job('c1', { created_at: 7, updated_at: 8, status: 'done' }),
        job('c2', { created_at: 7, updated_at: 8, status: 'done' }),
      ],
      [job('d1', { attempts: 3 })],
    ];
    for (const rows of batches) {
      const { changes } = insert('publish_jobs', rows.flat(), 0, rows.length);
      expect(changes).toBe(rows.length);
    }
    // Part of a list: rows 1 and 2 of three, the first left out.
    const list = [job('e0', { kind: 'metrics_post' }), job('e1'), job('e2')].flat();
    insert('publish_jobs', list, 1, 2);

    expect(written(sqlite)).toEqual(
      [...batches.flat(), job('e1'), job('e2')].sort((a, b) =>
        String(a[0]).localeCompare(String(b[0])),
      ),
    );
    sqlite.close();
  });

  it('refuses rows that share every value, rather than writing one for all', async () => {
    const sqlite = await database();
    const insert = createBulkInsert(sqlite);
    sqlite.exec('BEGIN IMMEDIATE');
    expect(() => insert('publish_jobs', [...job('same'), ...job('same')], 0, 2)).toThrow(
      /UNIQUE constraint failed: publish_jobs\.id/,
    );
    // INSERT OR ROLLBACK: the transaction is gone with the refused rows.
    expect(sqlite.inTransaction).toBe(false);
    expect(written(sqlite)).toEqual([]);
    sqlite.close();
  });
});
