// What publishing one target comes to, for the scheduler: one instruction per run.

/** Why a target stopped short of published, as stored in post_targets.error_code. */
export type TargetErrorCode =
  | 'VALIDATION'
  | 'PLATFORM_REJECTED'
  | 'DUPLICATE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'UNCONFIRMED'
  /** A part may be out and the network offers no way to check: a person must look. */
  | 'UNCHECKABLE'
  | 'AUTH_EXPIRED'
  | 'INTERNAL';

/**
 * Of a run that stopped short: whether a part of the target may be on its network, as
 * its journal reads now (the next run looks it up first); not given when the run did not
 * read it. The scheduler keeps it on the job ([Note: may be out] in job-marks.ts).
 */
interface MayBeOut {
  mayBeOut?: boolean;
}

/** What the scheduler does next with the target's job. */
export type PublishOutcome =
  /** Every part is posted. `remoteId` is the first part's. */
  | { kind: 'published'; remoteId: string; url: string }
  /** Try again: at `at` (the network's rate-limit reset) or after the scheduler's backoff when null. */
  | ({ kind: 'retry'; at: number | null; code: TargetErrorCode; reason: string } & MayBeOut)
  /** Wait, without spending attempts, until the account is reconnected or the vault unlocked. */
  | ({ kind: 'held'; code: TargetErrorCode; reason: string } & MayBeOut)
  /** Final: the network refused the post or it can never be sent as it is. */
  | { kind: 'failed'; code: TargetErrorCode; message: string }
  /**
   * Not yet: run again at `at` without spending an attempt (a post the network holds
   * until its time, or a run woken early to hand one over).
   */
  | { kind: 'wait'; at: number; reason: string }
  /**
   * Past its time, but sending now would go over the network's posting limit: run again
   * at `at`, when the limit has room, without spending an attempt and keeping when it was
   * due (the grace window and the late notice run from there).
   */
  | ({ kind: 'paced'; at: number; reason: string } & MayBeOut)
  /** Nothing to do: the target is gone or cancelled. */
  | { kind: 'skipped'; reason: string }
  /**
   * Past its grace window with nothing of it out: looked for once it could be and not on
   * its network, or its process stopped before sending it. Not sent late: the scheduler
   * marks it missed ([Note: missed after a look-up]).
   */
  | { kind: 'missed'; reason: string };

/** What the scheduler tells the publisher about the job it runs. */
export interface PublishOptions {
  /**
   * Whether the job's grace window has closed (missed-policy.ts graceClosed); asked only
   * when a part that may be out turns out not to be, or of a job `mayBeOut` before its
   * first send, so a first try costs no query.
   */
  pastGrace?: () => Promise<boolean>;
  /**
   * The scheduler's marks say the post may be on its network (its lease lapsed, a send
   * went unanswered). Even when the journal shows no send to look up (its process stopped
   * before sending), its first part is then not sent once `pastGrace` answers true: the
   * lease kept it from the missed sweep, and the run must not send it late instead.
   */
  mayBeOut?: boolean;
  /**
   * [Note: the lease before a send] Whether this process still holds the job, renewing its
   * lease if so: asked right before anything goes to the network. A process that slept
   * past its lease (a laptop closed mid-upload) may find another process took the job
   * meanwhile and is sending it; this one then stops without sending or writing the
   * target, which is the other's now. The run ends `skipped`, whose settling changes
   * nothing of a job another process holds (settle-outcome.ts): not its row, nor the
   * line of the account's posts waiting behind it.
   */
  stillOurs?: () => Promise<boolean>;
}

/** Thrown where a run finds it no longer holds its job: see [Note: the lease before a send]. */
export class LeaseLost extends Error {
  override readonly name = 'LeaseLost';
  constructor() {
    super('Another Starling process took this post over while this one was away.');
  }
}

/** The scheduler's port to publishing; it never learns which network a target is on. */
export interface Publisher {
  publishTarget(targetId: string, options?: PublishOptions): Promise<PublishOutcome>;
  /** The scheduler gave up after its last attempt: the target fails with `message`. */
  giveUp(targetId: string, code: string, message: string): Promise<void>;
}
