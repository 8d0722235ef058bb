// [Note: search held] The search index's insert trigger (0025) stands aside for bulk writes
// too, as the calendar's do since 0026 ([Note: calendar held]): for every part it rewrote
// the part's row to fill in search_client, then read the row back into post_search, one
// part at a time. A bulk writer (the CSV import: main/core/services/bulk-rows.ts) writes
// search_client in the part's own INSERT and indexes the batch's parts with one
// INSERT … SELECT into post_search, while it holds the same `calendar_held` row it holds
// for the calendar triggers (one hold: every bulk write stands both aside). Every other
// insert, and every update or delete, still goes through the triggers, which stay the
// rule ([Note: client in the search index]); a test checks the writer against them.
//
// The trigger is rewritten from its own text in sqlite_master with the condition added,
// as 0026 does, neither restated nor imported from 0025 (migrations are frozen).
import { sql, type Kysely } from 'kysely';

const name = 'post_search_part_inserted';
const head = /(AFTER INSERT ON post_parts)\s+BEGIN/;

export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ sql: string }>`
    SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ${name}`.execute(db);
  const createSql = rows[0]?.sql;
  if (!createSql || !head.test(createSql)) throw new Error(`trigger ${name} is not 0025's`);
  await sql.raw(`DROP TRIGGER ${name}`).execute(db);
  await sql
    .raw(createSql.replace(head, '$1 WHEN NOT EXISTS (SELECT 1 FROM calendar_held) BEGIN'))
    .execute(db);
}
