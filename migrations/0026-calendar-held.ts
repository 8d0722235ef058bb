// [Note: calendar held] A bulk writer (the CSV import) writes a post's calendar columns
// itself, in the post's own INSERT, instead of letting 0004's triggers rewrite the post
// row (and its covering index entry) once for every part and every target it inserts:
// those rewrites were about half of an import's write time. While a writer holds
// `calendar_held` (one row, inside its own transaction, for one post's rows at a time:
// main/core/services/posts-write.ts), the two insert triggers stand aside. Every other
// write, and every update or delete, still goes through the triggers, which stay the
// columns' only rule ([Note: calendar columns]); a test checks the writer against them.
import { sql, type Kysely } from 'kysely';
import { accountsOf, partsOf } from './0004-calendar-columns.ts';

const notHeld = 'WHEN NOT EXISTS (SELECT 1 FROM calendar_held)';

const statements = [
  `CREATE TABLE calendar_held (held INTEGER PRIMARY KEY CHECK (held = 1)) STRICT`,
  `DROP TRIGGER posts_cal_part_inserted`,
  `CREATE TRIGGER posts_cal_part_inserted AFTER INSERT ON post_parts ${notHeld} BEGIN
     UPDATE posts SET ${partsOf('NEW.post_id')} WHERE id = NEW.post_id;
   END`,
  `DROP TRIGGER posts_cal_target_inserted`,
  `CREATE TRIGGER posts_cal_target_inserted AFTER INSERT ON post_targets ${notHeld} BEGIN
     UPDATE posts SET ${accountsOf('NEW.post_id')} WHERE id = NEW.post_id;
   END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
