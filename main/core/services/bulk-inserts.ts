// The multi-row INSERTs a bulk write of posts runs ([Note: bulk rows] in bulk-rows.ts).
//
// [Note: values bound once] better-sqlite3 binds each value through Node-API: the array
// element read, its type asked, a string copied out as UTF-8. For the CSV import's rows
// that was over a third of the writing thread's instructions (valgrind, 2026-12-07, 19,910
// posts: 1.58 of 4.39 G, against 2.04 G in SQLite's own steps). Most of a new post's values
// are the same in every row of a statement: a target's and a job's status, their NULL
// remote ids, errors and leases, every row's created_at and updated_at. So a column whose
// value is the same in all the rows of one INSERT is bound once, as a named parameter
// (@s3) that each row's tuple repeats: SQLite reads the one value for every row, and the
// statement is otherwise the same INSERT … VALUES. A statement is prepared once per table,
// row count and set of such columns, and kept for the whole import. The writing thread's
// instructions went from 4.39 to 3.68 G (binding 1.58 to 0.72 G), spread arguments included.
import type Database from 'better-sqlite3';
import { bulkColumns, type BulkTable, type SqlValue } from './bulk-columns.ts';

/** Runs one INSERT of `rows` rows of `table`: their values, in bulkColumns order. */
export type BulkInsert = (
  table: BulkTable,
  values: SqlValue[],
  from: number,
  rows: number,
) => Database.RunResult;

/** A prepared INSERT and how its values are bound. */
interface Insert {
  statement: Database.Statement;
  /** The columns each row binds, in order. */
  own: number[];
  /** The columns bound once, by their parameters' names. */
  once: [name: string, column: number][];
}

export function createBulkInsert(sqlite: Database.Database): BulkInsert {
  const inserts = new Map<string, Insert>();
  return (table, values, from, rows) => {
    const width = bulkColumns[table].length;
    const start = from * width;
    const shared = sharedColumns(values, start, rows, width);
    const key = `${table} ${String(rows)} ${String(shared)}`;
    let insert = inserts.get(key);
    if (insert === undefined) {
      insert = prepareInsert(sqlite, table, rows, shared);
      inserts.set(key, insert);
    }
    const { statement, own, once } = insert;
    const bound = new Array<SqlValue | Record<string, SqlValue>>(
      rows * own.length + (once.length > 0 ? 1 : 0),
    );
    let next = 0;
    for (let at = start, end = start + rows * width; at < end; at += width) {
      for (const column of own) bound[next++] = values[at + column] ?? null;
    }
    if (once.length > 0) {
      const named: Record<string, SqlValue> = {};
      for (const [name, column] of once) named[name] = values[start + column] ?? null;
      bound[next] = named;
    }
    // Spread, not an array: better-sqlite3 then reads each value as an argument instead of
    // asking the array for it through Node-API (binding 0.87 -> 0.72 G instructions).
    return statement.run(...bound);
  };
}

/**
 * The columns (a bit each, lowest first) whose value is the same in every row. Only for
 * statements of `sharedRowsMin` rows or more: a few rows often share a value by chance,
 * and each new pattern would be one more statement prepared and kept for the import, where
 * the large statements that carry nearly all rows share the same columns batch after batch.
 */
function sharedColumns(values: SqlValue[], start: number, rows: number, width: number): number {
  if (rows < sharedRowsMin) return 0;
  let shared = 0;
  for (let column = 0; column < width; column += 1) {
    const first = values[start + column];
    let same = true;
    for (let at = start + width + column, end = start + rows * width; at < end; at += width) {
      if (values[at] !== first) {
        same = false;
        break;
      }
    }
    if (same) shared |= 1 << column;
  }
  return shared;
}

const sharedRowsMin = 16;

function prepareInsert(
  sqlite: Database.Database,
  table: BulkTable,
  rows: number,
  shared: number,
): Insert {
  const columns = bulkColumns[table];
  const own: number[] = [];
  const once: [string, number][] = [];
  const tuple = columns.map((_, column) => {
    if ((shared & (1 << column)) === 0) {
      own.push(column);
      return '?';
    }
    // Named: better-sqlite3 binds no numbered parameters (?N).
    const name = `s${String(column)}`;
    once.push([name, column]);
    return `@${name}`;
  });
  const values = `VALUES ${Array.from({ length: rows }, () => `(${tuple.join(', ')})`).join(', ')}`;
  const sql =
    table === 'post_events'
      ? eventsInsert(values)
      : `INSERT OR ROLLBACK INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) ${values}`;
  return { statement: sqlite.prepare(sql), own, once };
}

/**
 * A new post's first event, written as post_events' trigger would write it ([Note: event
 * log by number] in migrations/0037-event-log-by-number.ts): its post by the number
 * numberPosts gave, its target and type looked up by number, and id 1.
 */
function eventsInsert(values: string): string {
  return `INSERT OR ROLLBACK INTO post_event_log (post_seq, id, target_seq, type_code, detail, at)
    SELECT v.column1, 1, t.seq, k.code, v.column4, v.column5
    FROM (${values}) v
      JOIN post_event_types k ON k.name = v.column3
      LEFT JOIN post_targets t ON t.id = v.column2`;
}
