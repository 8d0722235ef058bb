// [Note: calendar held] A bulk writer (the CSV import) writes a post's calendar columns
// itself, in the post's own INSERT, instead of letting 0004's triggers rewrite the post
// row (and its covering index entry) once for every part and every target it inserts:
// those rewrites were about half of an import's write time. While a writer holds
// `calendar_held` (one row, inside its own transaction, for one post's rows at a time:
// main/core/services/posts-write.ts), the two insert triggers stand aside. Every other
// write, and every update or delete, still goes through the triggers, which stay the
// columns' only rule ([Note: calendar columns]); a test checks the writer against them.
//
// Each trigger is rewritten from its own text in sqlite_master with the condition added,
// neither restated nor imported from 0004: migrations are frozen, and an export added to
// 0004 changed it (its hash keys the million-post benchmark's cached dataset).
import { sql, type Kysely } from 'kysely';

const notHeld = 'WHEN NOT EXISTS (SELECT 1 FROM calendar_held)';

/** The insert triggers that stand aside, with the table each fires on. */
const heldTriggers = {
  posts_cal_part_inserted: 'post_parts',
  posts_cal_target_inserted: 'post_targets',
};

/** A trigger's CREATE statement with `notHeld` put before its body. */
function withCondition(name: string, table: string, createSql: string): string {
  const head = new RegExp(`(AFTER INSERT ON ${table})\\s+BEGIN`);
  if (!head.test(createSql)) throw new Error(`trigger ${name} is not the one 0004 made`);
  return createSql.replace(head, `$1 ${notHeld} BEGIN`);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE calendar_held (held INTEGER PRIMARY KEY CHECK (held = 1)) STRICT`.execute(
    db,
  );
  for (const [name, table] of Object.entries(heldTriggers)) {
    const { rows } = await sql<{ sql: string }>`
      SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ${name}`.execute(db);
    const createSql = rows[0]?.sql;
    if (!createSql) throw new Error(`trigger ${name} is missing`);
    await sql.raw(`DROP TRIGGER ${name}`).execute(db);
    await sql.raw(withCondition(name, table, createSql)).execute(db);
  }
}
