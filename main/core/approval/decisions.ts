// The writes of the approval flow, each inside the caller's transaction and each told in
// the post's history: sent for review (approval.sent), and the client's decision
// (approval.approved / approval.changes-requested) with who decided, when and why.
import type { Transaction } from 'kysely';
import type { ReviewDecision } from '../../../shared/approval.ts';
import type { Schema } from '../db/schema.ts';
import { effectiveApproval } from './approval-state.ts';
import { releaseApprovalHolds } from './approval-holds.ts';
import { wakeHandOffs } from '../services/hand-off-jobs.ts';

type Trx = Transaction<Schema>;

/** The event type of a decision in post_events. */
export const decisionEvent: Record<ReviewDecision, string> = {
  approved: 'approval.approved',
  changes_requested: 'approval.changes-requested',
};

async function appendEvent(
  trx: Trx,
  postId: string,
  type: string,
  detail: Record<string, unknown>,
  at: number,
): Promise<void> {
  await trx
    .insertInto('post_events')
    .values({ post_id: postId, target_id: null, type, detail: JSON.stringify(detail), at })
    .execute();
}

/**
 * A post went out in a packet. It is in review from now on, unless this very version is
 * approved already: sending it again asks again, it does not take the approval back.
 */
export async function markSent(
  trx: Trx,
  post: { id: string; versionHash: string },
  packetId: string,
  at: number,
): Promise<void> {
  const current = await trx
    .selectFrom('post_approvals')
    .select(['state', 'version_hash'])
    .where('post_id', '=', post.id)
    .executeTakeFirst();
  if (effectiveApproval(current, post.versionHash) !== 'approved') {
    await trx
      .insertInto('post_approvals')
      .values({
        post_id: post.id,
        state: 'in_review',
        version_hash: post.versionHash,
        packet_id: packetId,
        decided_by: null,
        comment: null,
        decided_at: null,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.column('post_id').doUpdateSet({
          state: 'in_review',
          version_hash: post.versionHash,
          packet_id: packetId,
          decided_by: null,
          comment: null,
          decided_at: null,
          updated_at: at,
        }),
      )
      .execute();
  }
  await appendEvent(trx, post.id, 'approval.sent', { packetId, versionHash: post.versionHash }, at);
}

export interface Decision {
  postId: string;
  decision: ReviewDecision;
  /** The name the client typed in the packet. */
  by: string;
  comment: string;
  packetId: string;
  versionHash: string;
  /** When the client decided, by their own clock, as the reply says; null if it did not. */
  decidedAt: number | null;
}

/** Records a client's decision as the post's approval state and in its history. */
export async function recordDecision(trx: Trx, d: Decision, at: number): Promise<void> {
  const values = {
    state: d.decision,
    version_hash: d.versionHash,
    packet_id: d.packetId,
    decided_by: d.by,
    comment: d.comment,
    decided_at: at,
    updated_at: at,
  };
  await trx
    .insertInto('post_approvals')
    .values({ post_id: d.postId, ...values })
    .onConflict((oc) => oc.column('post_id').doUpdateSet(values))
    .execute();
  await appendEvent(
    trx,
    d.postId,
    decisionEvent[d.decision],
    {
      by: d.by,
      comment: d.comment,
      packetId: d.packetId,
      versionHash: d.versionHash,
      ...(d.decidedAt !== null && { decidedAt: d.decidedAt }),
    },
    at,
  );
  // Held at its time for want of this approval: it goes out now, within its grace window.
  if (d.decision === 'approved') await releaseApprovalHolds(trx, { postIds: [d.postId] }, at);
  // Its network may hold it, or may now be given it: bring the network's copy in line
  // (changes requested takes it back before it goes out unapproved).
  await wakeHandOffs(trx, { postIds: [d.postId] }, at);
}
