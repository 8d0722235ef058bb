// [Note: CHECK rebuilds] SQLite cannot change a CHECK constraint in place. The table's
// rows are copied aside, the table dropped and created again under its own name from its
// stored CREATE statement with only the CHECK replaced, the rows copied back, and its
// indexes and triggers created again from their stored SQL. Keeping the name (rather than
// building a new table and renaming it) leaves every other table's foreign keys and
// triggers that name this one as they are: SQLite re-checks the whole schema on a rename
// and refuses while a trigger names a table that is momentarily gone. This runs with
// foreign keys off (open-database.ts turns them off around every migration and checks
// them after), so dropping the old table cascades nothing. `aside` is what is copied out,
// in the rebuilt table's column order: a rebuild may also add a leading column, as 0035
// gives post_targets its rowid as a column. An AUTOINCREMENT table keeps its sequence:
// DROP TABLE forgets it, and the copy alone would set it to the highest number left, so
// a number once given (a deleted post's, [Note: event log by number] in 0037) could be
// given again.
import { sql, type Kysely } from 'kysely';

interface StoredSql {
  type: string;
  name: string;
  sql: string | null;
}

export async function rebuildWithCheck(
  db: Kysely<unknown>,
  table: string,
  from: string,
  to: string,
  aside = '*',
): Promise<void> {
  const rows = await sql<StoredSql>`
    SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ${table} AND sql IS NOT NULL
  `.execute(db);
  const create = rows.rows.find((r) => r.type === 'table');
  if (create?.sql == null || !create.sql.includes(from)) {
    throw new Error(`${table} does not have the expected ${from}`);
  }
  const rebuilt = create.sql.replace(from, to);
  const sequence = await sequenceOf(db, table);
  await sql.raw(`CREATE TEMP TABLE ${table}_aside AS SELECT ${aside} FROM ${table}`).execute(db);
  await sql.raw(`DROP TABLE ${table}`).execute(db);
  await sql.raw(rebuilt).execute(db);
  await sql.raw(`INSERT INTO ${table} SELECT * FROM temp.${table}_aside`).execute(db);
  await sql.raw(`DROP TABLE temp.${table}_aside`).execute(db);
  if (sequence !== null) {
    await sql`UPDATE sqlite_sequence SET seq = max(seq, ${sequence}) WHERE name = ${table}`.execute(
      db,
    );
    await sql`INSERT INTO sqlite_sequence (name, seq) SELECT ${table}, ${sequence}
      WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ${table})`.execute(db);
  }
  for (const other of rows.rows.filter((r) => r.type !== 'table')) {
    if (other.sql !== null) await sql.raw(other.sql).execute(db);
  }
}

/** The AUTOINCREMENT sequence of `table`, or null (no such table's row, or none at all). */
async function sequenceOf(db: Kysely<unknown>, table: string): Promise<number | null> {
  const exists = await sql<{ n: number }>`
    SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_sequence'`.execute(db);
  if ((exists.rows[0]?.n ?? 0) === 0) return null;
  const row = await sql<{ seq: number }>`
    SELECT seq FROM sqlite_sequence WHERE name = ${table}`.execute(db);
  return row.rows[0]?.seq ?? null;
}
