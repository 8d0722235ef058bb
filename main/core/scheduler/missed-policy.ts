// Posts whose time passed while nothing could publish them (machine off or asleep, app
// closed, offline). Within the client's grace window they go out late, with the delay in
// the event log; beyond it they are marked `missed` and wait for a person to reschedule
// them — never published days late by surprise.
import { sql, type Kysely, type Transaction } from 'kysely';
import { postSeqOf } from '../db/post-numbers.ts';
import type { PostStatus, Schema } from '../db/schema.ts';
import { rolledUpStatus } from '../posts/rolled-up-status.ts';
import { absentCode, approvalPath, dueAtPath, heldPath, mayBeOutOf } from './job-marks.ts';
import type { ClaimedJob } from './job-store.ts';

/** A post event committed by the scheduler, as the publisher's onEvent reports them. */
export interface SchedulerEvent {
  postId: string;
  targetId: string | null;
  type: string;
  detail: Record<string, unknown>;
  at: number;
}

/**
 * A job put back (held, offline, backing off) runs again within minutes, so one that can
 * be overdue has run_at before this horizon; the bound lets the sweep use the due-jobs
 * index instead of reading every future job.
 */
const runAtHorizonMs = 24 * 60 * 60_000;

/**
 * A job whose post may be out is spared while a look-up can settle it; held (for a
 * reconnect, for its client's approval) it is never looked up, so past this long after
 * its due time (a day, the default retry limit) it is missed like any post: a hold nobody
 * ends does not keep it pending for ever.
 */
export const heldMayBeOutMs = 24 * 60 * 60_000;

const mayBeLiveMessage =
  'Missed: it was held for a day after a send that may have reached its network. Look at the account before sending it again: a retry looks for it there first.';

/** Later than this, a first attempt notes how late it is. */
export const lateNoticeMs = 60_000;

async function append(
  trx: Transaction<Schema>,
  event: SchedulerEvent,
  events: SchedulerEvent[],
): Promise<void> {
  await trx
    .insertInto('post_events')
    .values({
      post_id: event.postId,
      target_id: event.targetId,
      type: event.type,
      detail: JSON.stringify(event.detail),
      at: event.at,
    })
    .execute();
  events.push(event);
}

/**
 * Whether the grace window of a job due at `dueAt` (its payload's due time or run_at) on
 * this target closed before `now`, measured as sweepMissed measures it.
 */
export async function graceClosed(
  db: Kysely<Schema>,
  targetId: string,
  dueAt: number,
  now: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('post_targets as t')
    .innerJoin('posts as p', 'p.seq', 't.post_seq')
    .innerJoin('clients as c', 'c.seq', 'p.client_seq')
    .select(['p.scheduled_at', 'c.grace_minutes'])
    .where('t.id', '=', targetId)
    .executeTakeFirst();
  if (row === undefined) return false;
  return Math.max(dueAt, row.scheduled_at ?? 0) < now - row.grace_minutes * 60_000;
}

/** The publisher's PublishOptions for a claimed job: graceClosed on its due time. */
export function graceOf(db: Kysely<Schema>, job: ClaimedJob, now: () => number) {
  return {
    pastGrace: () => graceClosed(db, job.targetId, job.runAt, now()),
    mayBeOut: job.mayBeOut,
  };
}

/**
 * What a missed target says, when the sweep knows more than its last reason: it may be
 * live, its client had not approved it, or what it waited for (`waitedFor`); null keeps
 * the target's own message (a reconnect's, for one held).
 */
function missedMessage(
  job: { may_be_out: number; approval: number | null; last_error: string | null },
  waitedFor: string | null,
): string | null {
  // Spared a day for a look-up that a hold never let happen: say it may be live.
  if (job.may_be_out === 1) return mayBeLiveMessage;
  if (job.approval !== null)
    return 'Missed: its client had not approved it when the grace window closed.';
  if (waitedFor === null) return null;
  // Looked up once it could be, and not there: that, not a failure, is why.
  if (job.last_error?.startsWith(`${absentCode}: `) === true) return `Missed: ${waitedFor}`;
  return `Missed: the grace window closed while it was still failing. ${waitedFor}`;
}

/** A missed job, as its post's `post.missed` event sums them up. */
interface MissedJob {
  runAt: number;
  unapproved: boolean;
  held: boolean;
  waitedFor: string | null;
}

/**
 * Why a post was missed, for its history and its notification: what held its jobs
 * (approval first, then a reconnect), else what they kept meeting; neither means nothing
 * ran them in time (Starling closed, asleep or paused).
 */
function why(jobs: MissedJob[]): Record<string, string> {
  if (jobs.some((j) => j.unapproved)) return { heldFor: 'approval' };
  if (jobs.some((j) => j.held)) return { heldFor: 'reconnect' };
  const failing = jobs.find((j) => j.waitedFor !== null)?.waitedFor ?? null;
  return failing === null ? {} : { failing };
}

/** A post's status once some of its targets are missed. */
export function statusWithMissed(current: PostStatus, targets: PostStatus[]): PostStatus {
  const live = targets.filter((s) => s !== 'cancelled');
  if (live.length > 0 && live.every((s) => s === 'missed')) return 'missed';
  // Otherwise a missed target counts as one that did not go out.
  return rolledUpStatus(
    current,
    live.map((s) => (s === 'missed' ? 'failed' : s === 'partially_published' ? 'published' : s)),
  );
}

/**
 * Marks every pending job beyond its client's grace window as missed, with its target and
 * (when all its targets are) its post. A target that already has parts on X is not
 * missed: its thread is finished; nor is one handed to its network, which publishes it
 * on its own; nor one woken before its post's time. Returns the committed events.
 *
 * [Note: due time] A job put back (held for a reconnect, held offline, backing off while
 * its network is down) keeps when it was first due in its payload (job-store.ts requeue),
 * and is measured from that however often it is put back. So a post held three days for
 * a reconnect, or through an outage, is missed rather than published days late the
 * moment things recover, and says what it was waiting for. A job whose part may already
 * be on its network (UNCONFIRMED, or marked so through a hold: [Note: may be out] in
 * job-marks.ts) is left to be settled first ([Note: outages]).
 *
 * [Note: missed after a look-up] Such a job is looked up before anything is sent again
 * (send-part.ts). Found, it is published; not found, with nothing of its thread out and
 * its grace window closed (graceClosed, this sweep's own measure), the publisher does not
 * send it late but answers `missed`, and the engine sweeps that one job at once. Without
 * this, a post whose first try went unanswered was sent a day or more late.
 * `only`: sweep just these jobs.
 */
export async function sweepMissed(
  db: Kysely<Schema>,
  now: number,
  only?: readonly string[],
): Promise<SchedulerEvent[]> {
  const events: SchedulerEvent[] = [];
  await db.transaction().execute(async (trx) => {
    // BEGIN IMMEDIATE (db/dialect.ts) holds the write lock, so reading first is safe.
    const missed = await sql<{
      id: string;
      target_id: string;
      post_id: string;
      due_at: number;
      held: number | null;
      approval: number | null;
      last_error: string | null;
      may_be_out: number;
    }>`
      SELECT id, target_id, post_id, due_at, held, approval, last_error, may_be_out FROM (
        SELECT j.id, j.target_id, p.id AS post_id, j.last_error,
          json_extract(j.payload, ${heldPath}) AS held,
          json_extract(j.payload, ${approvalPath}) AS approval,
          -- It may be out already: settled first, by looking it up ([Note: may be out]).
          ${mayBeOutOf('j')} AS may_be_out,
          c.grace_minutes * 60000 AS grace_ms,
          max(coalesce(json_extract(j.payload, ${dueAtPath}), j.run_at),
            coalesce(p.scheduled_at, 0)) AS due_at
        FROM publish_jobs j
        JOIN post_targets t ON t.id = j.target_id
        JOIN posts p ON p.seq = t.post_seq
        JOIN clients c ON c.seq = p.client_seq
        WHERE j.status = 'pending' AND j.kind = 'publish'
          AND j.run_at < ${now} + ${runAtHorizonMs}
          AND NOT EXISTS (SELECT 1 FROM post_target_parts pp WHERE pp.target_id = j.target_id)
          -- Handed to its network, which publishes it whether or not Starling runs.
          AND t.hold_key IS NULL
          ${only === undefined ? sql`` : sql`AND j.id IN (${sql.join([...only])})`}
      )
      WHERE due_at < ${now} - grace_ms
        AND (NOT may_be_out OR (coalesce(held, approval) IS NOT NULL
          AND due_at < ${now} - ${heldMayBeOutMs}))`.execute(trx);
    if (missed.rows.length === 0) return;
    await trx
      .updateTable('publish_jobs')
      .set({
        status: 'failed',
        lease_owner: null,
        lease_expires_at: null,
        updated_at: now,
        last_error:
          'MISSED: its time passed beyond the grace window while nothing could publish it.',
      })
      .where(
        'id',
        'in',
        missed.rows.map((r) => r.id),
      )
      .execute();

    const byPost = new Map<string, MissedJob[]>();
    for (const job of missed.rows) {
      // What it kept meeting while it waited (an outage, a rate limit), for the user.
      const unapproved = job.approval !== null;
      const waitedFor =
        job.held === null && !unapproved && job.last_error !== null
          ? job.last_error.replace(/^[A-Z_]+: /, '')
          : null;
      const message = missedMessage(job, waitedFor);
      const marked = await trx
        .updateTable('post_targets')
        .set({
          status: 'missed',
          updated_at: now,
          ...(message !== null && { error_message: message }),
        })
        .where('id', '=', job.target_id)
        .where('status', 'not in', ['published', 'cancelled'])
        .executeTakeFirst();
      if (marked.numUpdatedRows === 0n) continue;
      await append(
        trx,
        {
          postId: job.post_id,
          targetId: job.target_id,
          type: 'target.missed',
          detail: {
            dueAt: job.due_at,
            lateByMs: now - job.due_at,
            // Why nothing published it in time, when the engine knows.
            ...(job.held !== null && { heldFor: 'reconnect' }),
            ...(unapproved && { heldFor: 'approval' }),
            ...(waitedFor !== null && { failing: waitedFor }),
          },
          at: now,
        },
        events,
      );
      const list = byPost.get(job.post_id) ?? [];
      list.push({ runAt: job.due_at, unapproved, held: job.held !== null, waitedFor });
      byPost.set(job.post_id, list);
    }

    for (const [postId, jobs] of byPost) {
      const post = await trx
        .selectFrom('posts as p')
        .innerJoin('clients as c', 'c.seq', 'p.client_seq')
        .select(['p.status', 'p.scheduled_at', 'c.grace_minutes'])
        .where('p.id', '=', postId)
        .executeTakeFirstOrThrow();
      const targets = await trx
        .selectFrom('post_targets')
        .select('status')
        .where('post_seq', '=', postSeqOf(postId))
        .execute();
      const status = statusWithMissed(
        post.status,
        targets.map((t) => t.status),
      );
      const dueAt = post.scheduled_at ?? Math.min(...jobs.map((j) => j.runAt));
      if (status === 'missed') {
        await append(
          trx,
          {
            postId,
            targetId: null,
            type: 'post.missed',
            detail: {
              dueAt,
              lateByMs: now - dueAt,
              graceMinutes: post.grace_minutes,
              ...why(jobs),
            },
            at: now,
          },
          events,
        );
      }
      if (status !== post.status) {
        await trx
          .updateTable('posts')
          .set({ status, updated_at: now })
          .where('id', '=', postId)
          .execute();
        await append(
          trx,
          {
            postId,
            targetId: null,
            type: 'post.status',
            detail: { from: post.status, to: status },
            at: now,
          },
          events,
        );
      }
    }
  });
  return events;
}

/** Notes in the log that a first attempt starts late (within the grace window). */
export async function recordLate(
  db: Kysely<Schema>,
  targetId: string,
  dueAt: number,
  now: number,
): Promise<SchedulerEvent | null> {
  const events: SchedulerEvent[] = [];
  await db.transaction().execute(async (trx) => {
    const target = await trx
      .selectFrom('post_targets as t')
      .innerJoin('posts as p', 'p.seq', 't.post_seq')
      .select('p.id as post_id')
      .where('t.id', '=', targetId)
      // Its network published it at its time (publishing/hand-off.ts): not late.
      .where('t.hold_key', 'is', null)
      .executeTakeFirst();
    if (target === undefined) return;
    await append(
      trx,
      {
        postId: target.post_id,
        targetId,
        type: 'target.late',
        detail: { dueAt, lateByMs: now - dueAt },
        at: now,
      },
      events,
    );
  });
  return events[0] ?? null;
}
