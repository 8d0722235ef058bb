// Posts whose time passed while nothing could publish them (machine off or asleep, app
// closed, offline). Within the client's grace window they go out late, with the delay in
// the event log; beyond it they are marked `missed` and wait for a person to reschedule
// them — never published days late by surprise.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { PostStatus, Schema } from '../db/schema.ts';
import { rolledUpStatus } from '../platforms/x/publish-store.ts';

/** A post event committed by the scheduler, as the publisher's onEvent reports them. */
export interface SchedulerEvent {
  postId: string;
  targetId: string | null;
  type: string;
  detail: Record<string, unknown>;
  at: number;
}

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
 * Marks every pending job older than its client's grace window as missed, with its
 * target and (when all its targets are) its post. A target that already has parts on X
 * is not missed: its thread is finished. Returns the committed events.
 */
export async function sweepMissed(db: Kysely<Schema>, now: number): Promise<SchedulerEvent[]> {
  const events: SchedulerEvent[] = [];
  await db.transaction().execute(async (trx) => {
    // The write comes first, so the transaction holds the write lock before it reads.
    const missed = await sql<{ id: string; target_id: string; run_at: number }>`
      UPDATE publish_jobs
      SET status = 'failed', lease_owner = NULL, lease_expires_at = NULL, updated_at = ${now},
          last_error = 'MISSED: its time passed beyond the grace window while nothing could publish it.'
      WHERE id IN (
        SELECT j.id FROM publish_jobs j
        JOIN post_targets t ON t.id = j.target_id
        JOIN posts p ON p.id = t.post_id
        JOIN clients c ON c.id = p.client_id
        WHERE j.status = 'pending' AND j.kind = 'publish'
          AND json_extract(j.payload, '$.held') IS NULL
          AND j.run_at < ${now} - c.grace_minutes * 60000
          AND NOT EXISTS (SELECT 1 FROM post_target_parts pp WHERE pp.target_id = j.target_id)
      )
      RETURNING id, target_id, run_at`.execute(trx);
    if (missed.rows.length === 0) return;

    const byPost = new Map<string, { targetId: string; runAt: number }[]>();
    for (const job of missed.rows) {
      const target = await trx
        .updateTable('post_targets')
        .set({ status: 'missed', updated_at: now })
        .where('id', '=', job.target_id)
        .where('status', 'not in', ['published', 'cancelled'])
        .returning('post_id')
        .executeTakeFirst();
      if (target === undefined) continue;
      await append(
        trx,
        {
          postId: target.post_id,
          targetId: job.target_id,
          type: 'target.missed',
          detail: { dueAt: job.run_at, lateByMs: now - job.run_at },
          at: now,
        },
        events,
      );
      const list = byPost.get(target.post_id) ?? [];
      list.push({ targetId: job.target_id, runAt: job.run_at });
      byPost.set(target.post_id, list);
    }

    for (const [postId, jobs] of byPost) {
      const post = await trx
        .selectFrom('posts as p')
        .innerJoin('clients as c', 'c.id', 'p.client_id')
        .select(['p.status', 'p.scheduled_at', 'c.grace_minutes'])
        .where('p.id', '=', postId)
        .executeTakeFirstOrThrow();
      const targets = await trx
        .selectFrom('post_targets')
        .select('status')
        .where('post_id', '=', postId)
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
            detail: { dueAt, lateByMs: now - dueAt, graceMinutes: post.grace_minutes },
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
      .selectFrom('post_targets')
      .select('post_id')
      .where('id', '=', targetId)
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
