// A reminder when a post that needs its client's approval is due within a day and does
// not have it: once per version of the post (an edit that needs a new approval reminds
// again), told in the post's history (approval.reminded) so that two processes on one data
// folder, or a restart, never remind twice. The publishing hosts look every 15 minutes;
// the desktop shell turns each into a notification.
import type { Kysely } from 'kysely';
import type { PostSummary } from '../../../shared/posts.ts';
import type { Schema } from '../db/schema.ts';
import type { Logger, Timers } from '../ports.ts';
import { findSummaries } from '../services/posts-read.ts';
import { approvalViews } from './approval-state.ts';
import { versionHashes } from './version-hash.ts';

export const reminderLeadMs = 24 * 60 * 60_000;
export const reminderEveryMs = 15 * 60_000;

export interface Reminder {
  post: PostSummary;
  clientName: string;
}

/** Records and returns the reminders due at `now` (none twice for one version). */
export async function dueReminders(db: Kysely<Schema>, now: number): Promise<Reminder[]> {
  const reminded = await db.transaction().execute(async (trx) => {
    const posts = await trx
      .selectFrom('posts as p')
      .innerJoin('clients as c', 'c.seq', 'p.client_seq')
      .select(['p.id', 'c.id as client_id', 'p.status', 'c.name'])
      .where('c.require_approval', '=', 1)
      .where('c.archived_at', 'is', null)
      .where('p.status', '=', 'scheduled')
      .where('p.scheduled_at', '>', now)
      .where('p.scheduled_at', '<=', now + reminderLeadMs)
      .execute();
    const views = await approvalViews(trx, posts);
    const unapproved = posts.filter((p) => views.get(p.id)?.needsApproval === true);
    if (unapproved.length === 0) return [];
    const ids = unapproved.map((p) => p.id);
    const hashes = await versionHashes(trx, ids);
    const earlier = await trx
      .selectFrom('post_events')
      .select(['post_id', 'detail'])
      .where('type', '=', 'approval.reminded')
      .where('post_id', 'in', ids)
      .execute();
    const done = new Set(
      earlier.map(
        (e) =>
          `${e.post_id} ${String((JSON.parse(e.detail) as { versionHash?: unknown }).versionHash)}`,
      ),
    );
    const due = unapproved.filter((p) => !done.has(`${p.id} ${hashes.get(p.id) ?? ''}`));
    for (const post of due) {
      await trx
        .insertInto('post_events')
        .values({
          post_id: post.id,
          target_id: null,
          type: 'approval.reminded',
          detail: JSON.stringify({ versionHash: hashes.get(post.id) ?? '' }),
          at: now,
        })
        .execute();
    }
    return due;
  });
  const summaries = await findSummaries(
    db,
    reminded.map((p) => p.id),
  );
  return summaries.map((post) => ({
    post,
    clientName: reminded.find((p) => p.id === post.id)?.name ?? '',
  }));
}

/** Looks now, then every `reminderEveryMs`, while started. */
export function createReminderRunner(deps: {
  db: Kysely<Schema>;
  timers: Timers;
  logger: Logger;
  now: () => number;
  remind: (reminder: Reminder) => void;
}) {
  let handle: unknown = null;
  let stopped = true;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    handle = null;
    current = dueReminders(deps.db, deps.now())
      .then(
        (due) => {
          for (const reminder of due) deps.remind(reminder);
        },
        (error: unknown) => {
          deps.logger.warn('approval reminders failed', { error: String(error) });
        },
      )
      .finally(() => {
        if (!stopped) handle = deps.timers.set(tick, reminderEveryMs);
      });
  };
  return {
    start(): void {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (handle !== null) deps.timers.clear(handle);
      handle = null;
      await current;
    },
  };
}
