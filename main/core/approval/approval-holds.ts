// Releasing posts the scheduler held for their client's approval (scheduler/approval-gate.ts):
// once approved, or once the client no longer requires approval, their jobs run now.
// When they were first due is kept in the job, so the client's grace window still runs
// from the post's time: approved inside it, the post goes out late; after it, it was
// already marked missed.
import { sql, type Kysely, type Transaction } from 'kysely';
import { clientSeqOf } from '../db/post-numbers.ts';
import type { Schema } from '../db/schema.ts';
import { approvalPath } from '../scheduler/job-marks.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** The code a target held for approval carries, and its job's last error starts with. */
export const approvalHoldCode = 'APPROVAL';

export async function releaseApprovalHolds(
  db: Db,
  which: { postIds: string[] } | { clientId: string },
  now: number,
): Promise<void> {
  if ('postIds' in which && which.postIds.length === 0) return;
  const posts = db
    .selectFrom('posts')
    .select('seq')
    .where((eb) =>
      'postIds' in which
        ? eb('id', 'in', which.postIds)
        : eb('client_seq', '=', clientSeqOf(which.clientId)),
    );
  const targets = db.selectFrom('post_targets').select('id').where('post_seq', 'in', posts);
  await db
    .updateTable('publish_jobs')
    .set({
      run_at: now,
      last_error: null,
      payload: sql<string>`json_remove(payload, ${approvalPath})`,
      updated_at: now,
    })
    .where('kind', '=', 'publish')
    .where('status', '=', 'pending')
    .where(sql<boolean>`json_extract(payload, ${approvalPath}) IS NOT NULL`)
    .where('target_id', 'in', targets)
    .execute();
  await db
    .updateTable('post_targets')
    .set({ error_code: null, error_message: null, updated_at: now })
    .where('error_code', '=', approvalHoldCode)
    .where('status', '=', 'scheduled')
    .where('post_seq', 'in', posts)
    .execute();
}
