// The scheduler's check before a job goes to the publisher: a post whose client requires
// approval and whose current version lacks it never goes out. At its time the job is
// held with the reason ("Waiting for approval from Bright Bakes.", which the tray and the
// calendar show like any wait) and looked at again every `recheckMs`; approval releases
// it at once (approval/approval-holds.ts). Held, it keeps its first due time, so the
// missed-post sweep ends it when the client's grace window closes, naming the approval.
// A job woken before its time (to hand the post to its network) waits for its time
// instead: an unapproved post is never handed over. A post its network already holds
// goes on to the publisher, which takes it back (publishing/publish-target.ts): waiting
// here would let the network publish it unapproved at its time.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { approvalCheckForTarget } from '../approval/approval-state.ts';
import { approvalHoldCode } from '../approval/approval-holds.ts';
import { createPostLifecycle } from '../posts/lifecycle.ts';
import type { ClaimedJob, JobStore } from './job-store.ts';
import type { SchedulerEvent } from './missed-policy.ts';

export interface ApprovalGateDeps {
  db: Kysely<Schema>;
  jobs: JobStore;
  owner: string;
  now: () => number;
  recheckMs: number;
  relay: (event: SchedulerEvent) => void;
}

/** Words the tray and the calendar show ("waiting for approval from …", waiting-for.ts). */
export const approvalWait = (clientName: string) => `Waiting for approval from ${clientName}.`;

export function createApprovalGate(deps: ApprovalGateDeps) {
  const { db, jobs, owner, now } = deps;
  const lifecycle = createPostLifecycle(db, now, deps.relay);

  /** Holds the job when its post lacks a needed approval; true when it did. */
  return async function holdUnapproved(job: ClaimedJob): Promise<boolean> {
    const check = await approvalCheckForTarget(db, job.targetId);
    if (check === null || !check.blocked || check.holdKey !== null) return false;
    const t = now();
    if (check.scheduledAt !== null && check.scheduledAt > t + 1000) {
      await jobs.wait(job.id, owner, check.scheduledAt, t);
      return true;
    }
    const reason = approvalWait(check.clientName);
    await jobs.holdForApproval(
      job.id,
      owner,
      t + deps.recheckMs,
      `${approvalHoldCode}: ${reason}`,
      t,
    );
    // Said once in the post's history, not at every look.
    if (check.targetErrorCode !== approvalHoldCode) {
      await lifecycle.paused(check.postId, job.targetId, 'held', {
        code: approvalHoldCode,
        message: reason,
      });
    }
    return true;
  };
}
