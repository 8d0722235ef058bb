// A draft that is scheduled becomes a new post (services/drafts.ts [Note: draft to post]).
// What its client said about it goes along: its approval (which still counts only if the
// scheduled post is the version approved, [Note: version hash]), its packets, so a reply
// to a packet sent for the draft finds the post, and the approval events of its history.
import type { Transaction } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { releaseApprovalHolds } from './approval-holds.ts';

export async function carryApproval(
  trx: Transaction<Schema>,
  fromPostId: string,
  toPostId: string,
  now: number,
): Promise<void> {
  const approval = await trx
    .selectFrom('post_approvals')
    .selectAll()
    .where('post_id', '=', fromPostId)
    .executeTakeFirst();
  if (approval !== undefined) {
    await trx
      .insertInto('post_approvals')
      .values({ ...approval, post_id: toPostId })
      .onConflict((oc) => oc.column('post_id').doNothing())
      .execute();
    // A post due at once may have met the scheduler before its approval got here.
    if (approval.state === 'approved') {
      await releaseApprovalHolds(trx, { postIds: [toPostId] }, now);
    }
  }
  await trx
    .updateTable('review_packet_posts')
    .set({ post_id: toPostId })
    .where('post_id', '=', fromPostId)
    .execute();
  const events = await trx
    .selectFrom('post_events')
    .select(['type', 'detail', 'at'])
    .where('post_id', '=', fromPostId)
    .where('type', 'like', 'approval.%')
    .orderBy('id')
    .execute();
  for (const event of events) {
    await trx
      .insertInto('post_events')
      .values({ ...event, post_id: toPostId, target_id: null })
      .execute();
  }
}
