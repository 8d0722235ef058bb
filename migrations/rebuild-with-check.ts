// [Note: CHECK rebuilds] SQLite cannot change a CHECK constraint in place. The table is
// rebuilt from its own stored CREATE statement with only the CHECK replaced, its rows
// copied, and its indexes and triggers created again from their stored SQL. This runs
// with foreign keys off (open-database.ts turns them off around every migration and
// checks them after), so dropping the old table cascades nothing.
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
): Promise<void> {
  const rows = await sql<StoredSql>`
    SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ${table} AND sql IS NOT NULL
  `.execute(db);
  const create = rows.rows.find((r) => r.type === 'table');
  if (create?.sql == null || !create.sql.includes(from)) {
    throw new Error(`${table} does not have the expected ${from}`);
  }
  const rebuilt = create.sql
    .replace(from, to)
    .replace(/^CREATE TABLE\s+"?\w+"?/, `CREATE TABLE ${table}_rebuilt`);
  await sql.raw(rebuilt).execute(db);
  await sql.raw(`INSERT INTO ${table}_rebuilt SELECT * FROM ${table}`).execute(db);
  await sql.raw(`DROP TABLE ${table}`).execute(db);
  await sql.raw(`ALTER TABLE ${table}_rebuilt RENAME TO ${table}`).execute(db);
  for (const other of rows.rows.filter((r) => r.type !== 'table')) {
    if (other.sql !== null) await sql.raw(other.sql).execute(db);
  }
}
