// Deleting a published post from its networks (issue "Networks I"): a post and a target
// can be 'deleted', and each posted part records when it was removed, so deleting a
// thread that stopped half-way resumes with the parts still up.
import { sql, type Kysely } from 'kysely';
import { rebuildWithCheck } from './rebuild-with-check.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  // 'missed' is the last status in both lists (0001-initial.ts).
  await rebuildWithCheck(db, 'posts', `'missed')`, `'missed', 'deleted')`);
  await rebuildWithCheck(db, 'post_targets', `'missed')`, `'missed', 'deleted')`);
  await sql`ALTER TABLE post_target_parts ADD COLUMN removed_at INTEGER`.execute(db);
}
