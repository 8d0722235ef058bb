// What a publish job's row says about why it waits: the reasons its last error gives and
// the marks its JSON payload carries. Shared by the scheduler's queue (job-store.ts), the
// retry line and the missed sweep, and by the services that move or wake jobs.
import { sql, type SqlBool } from 'kysely';

/** Why a post waits behind an earlier one of its account that is being retried. */
export const linedUpReason = 'Waiting for an earlier post of this account to go out first.';

/** The last error of a job whose post may already be on its network ([Note: outages]). */
export const unconfirmed = 'UNCONFIRMED:%';

/**
 * What a job claimed again after its lease lapsed, or released at shutdown while it was
 * out, says until it settles: its post may be on its network. The UNCONFIRMED code keeps
 * the missed sweep from failing it while it waits in a retry's line; the publisher's
 * journal looks the post up before sending it again.
 */
export const lapsedError =
  'UNCONFIRMED: Starling stopped while this post was going out; it is looked up before it is sent again.';

/**
 * The code of a job's last error once a look-up found its post absent past its grace
 * window ([Note: missed after a look-up]): the missed sweep names that, not a failure.
 */
export const absentCode = 'ABSENT';

/** Marks a held job in payload, so a reconnect wakes only the jobs it concerns. */
export const heldPath = '$.held';
/** When a job put back without an attempt was first due (see missed-policy.ts). */
export const dueAtPath = '$.dueAt';
/** Marks a job held until its client approves the post (approval-gate.ts). */
export const approvalPath = '$.approval';
/**
 * Marks a job backing off after a passing failure, until its next put-back of any other
 * kind: the retry the account's later jobs wait behind ([Note: one asks at a time] in
 * retry-line.ts). Not its spent attempts: a job that once retried keeps them when it is
 * later paced for a posting limit, held, or put back after an unexpected error.
 */
export const backoffPath = '$.backoff';
/**
 * [Note: may be out] Marks a job whose post may already be on its network: a send went
 * unanswered, or a process stopped while it was out. The missed sweep spares it, as it
 * spares an UNCONFIRMED last error, but the mark outlives the error it came with: a
 * reconnect or approval hold, a posting-limit wait or an unexpected error write their own
 * reason over UNCONFIRMED, and the sweep then marked missed a post that may be live. Set
 * when a lapsed lease is claimed or a send is let go at shutdown; otherwise each time the
 * publisher stops short it says what its journal now reads (PublishOutcome.mayBeOut),
 * which is exactly whether the next run looks the post up before sending. Kept through
 * a new time and every hold: only the publisher's journal, or a look-up, settles it.
 */
export const mayBeOutPath = '$.mayBeOut';
/** A job's payload with [Note: may be out] set. */
export const markedMayBeOut = sql<string>`json_set(payload, ${mayBeOutPath}, 1)`;
/** Of the publish job row `job` (a table or its alias): its post may be out, marked or UNCONFIRMED. */
export const mayBeOutOf = (job: string) =>
  sql<SqlBool>`(json_extract(${sql.ref(`${job}.payload`)}, ${mayBeOutPath}) IS NOT NULL
    OR coalesce(${sql.ref(`${job}.last_error`)}, '') LIKE ${unconfirmed})`;

/**
 * A job's payload once its time is chosen anew (the user moves the post, a hand-off wakes
 * it, the publisher says when): no earlier due time kept, and no longer backing off.
 */
export const payloadAtNewTime = sql<string>`json_remove(payload, ${dueAtPath}, ${backoffPath})`;

/**
 * Of a job `j` and its target `t`: a post its network holds for its time ([Note: hand-off]
 * in publishing/hand-off.ts), handed over (hold_id), or that it may hold, its hand-over
 * not confirmed either way. Its job never waits in a retry's line: it posts nothing
 * itself, and one woken to move or take the post back (cancelled, edited, unapproved)
 * must run before the network publishes it. A hand-over that met a network down (its
 * hold_key kept, no hold_id) lines up like any post.
 */
export const networkHolds = sql<SqlBool>`(t.hold_id IS NOT NULL
  OR (t.hold_key IS NOT NULL AND coalesce(j.last_error, '') LIKE ${unconfirmed}))`;

/**
 * How a job goes back to pending (job-store.ts requeue): when it runs again, the reason it
 * gives, and its marks: `spent` counts an attempt; `backoff` (by default `spent`) marks
 * a retry backing off; `held` a job waiting for its account to be reconnected;
 * `mayBeOut` sets or clears [Note: may be out], which is kept when it is not given.
 */
export interface Requeue {
  runAt: number;
  spent: boolean;
  lastError: string | null;
  held: boolean;
  backoff?: boolean;
  mayBeOut?: boolean | undefined;
}
