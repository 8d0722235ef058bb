// Posts: scheduling, cancelling, rescheduling and retrying. Input arrives validated by
// dispatch; this module owns the rules that need the database. [Note: one transaction
// per change] A post, its parts, targets and publish jobs are written together, with the
// event that explains the change, so the scheduler never sees a post without its jobs
// (or jobs without their post). Every write transaction starts by touching the post row,
// so it holds SQLite's write lock before it reads the state it checks.
import { type Kysely, type Transaction } from 'kysely';
import type { ParsedInput } from '../../../shared/ipc/contract.ts';
import type { PostStatus, PostSummary, TargetStatus } from '../../../shared/posts.ts';
import { plural } from '../../../shared/plural.ts';
import { failure } from '../../../shared/result.ts';
import { parseWhen, scheduleTimeAt, type ScheduleTime } from '../../../shared/schedule-time.ts';
import { postSeqOf } from '../db/post-numbers.ts';
import type { Schema } from '../db/schema.ts';
import type { EventBus } from '../events.ts';
import { rolledUpStatus } from '../posts/rolled-up-status.ts';
import type { Ports } from '../ports.ts';
import { payloadAtNewTime } from '../scheduler/job-marks.ts';
import { listPosts, loadDetail, loadSummary } from './posts-read.ts';
import { checkAccounts, checkCampaign, checkMedia, checkNetworks } from './posts-checks.ts';
import { wakeHandOffs } from './hand-off-jobs.ts';
import { resendUnchecked } from './posts-review.ts';
import { insertPostRows, publishMaxAttempts, scheduledPostRows } from './posts-write.ts';

type Trx = Transaction<Schema>;
type When = ParsedInput<'posts:schedule'>['when'];

export { publishMaxAttempts } from './posts-write.ts';

/** How far in the past a time may be and still count as "now" (a slow form, a clock skew). */
const pastToleranceMs = 60_000;

const cancellable: readonly PostStatus[] = [
  'draft',
  'scheduled',
  'failed',
  'missed',
  'needs_review',
];
const retryable: readonly TargetStatus[] = ['failed', 'missed', 'needs_review'];

function ago(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return plural(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.round(hours / 24), 'day');
}

export function resolveWhen(when: When, defaultZone: string): ScheduleTime {
  if (typeof when === 'number') return scheduleTimeAt(when, defaultZone);
  const zone = when.timezone ?? defaultZone;
  if (typeof when.at === 'number') return scheduleTimeAt(when.at, zone);
  return parseWhen(when.at, zone);
}

function assertNotPast(time: ScheduleTime, now: number): void {
  if (time.instant >= now - pastToleranceMs) return;
  const shown = `${time.localTime.replace('T', ' ')} ${time.zone}`;
  throw failure(
    'VALIDATION',
    `${shown} is ${ago(now - time.instant)} in the past: pick a time from now on.`,
    { details: { issues: [{ path: ['when'], message: 'This time has already passed.' }] } },
  );
}

export function createPostsService(
  db: Kysely<Schema>,
  ports: Pick<Ports, 'clock' | 'newId'>,
  events: EventBus,
) {
  const now = () => ports.clock.now();

  async function appendEvent(
    trx: Trx,
    postId: string,
    type: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await trx
      .insertInto('post_events')
      .values({ post_id: postId, target_id: null, type, detail: JSON.stringify(detail), at: now() })
      .execute();
  }

  async function insertJob(trx: Trx, target: { id: string; accountId: string }, runAt: number) {
    const at = now();
    await trx
      .insertInto('publish_jobs')
      .values({
        id: ports.newId(),
        kind: 'publish',
        target_id: target.id,
        account_id: target.accountId,
        status: 'pending',
        run_at: runAt,
        attempts: 0,
        max_attempts: publishMaxAttempts,
        lease_owner: null,
        lease_expires_at: null,
        last_error: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }

  /** Takes the write lock by touching the post; NOT_FOUND when there is none. */
  async function lockPost(trx: Trx, id: string) {
    const post = await trx
      .updateTable('posts')
      .set({ updated_at: now() })
      .where('id', '=', id)
      .returning(['id', 'status', 'timezone', 'scheduled_at', 'local_time'])
      .executeTakeFirst();
    if (post === undefined) throw failure('NOT_FOUND', `No post has the id ${id}.`);
    return post;
  }

  async function targetsOf(trx: Trx, postId: string) {
    return trx
      .selectFrom('post_targets as t')
      .innerJoin('social_accounts as a', 'a.seq', 't.account_seq')
      .select(['t.id', 'a.id as accountId', 't.status'])
      .where('t.post_seq', '=', postSeqOf(postId))
      .orderBy('a.id')
      .execute();
  }

  async function setRolledUpStatus(trx: Trx, postId: string): Promise<PostStatus> {
    const targets = await targetsOf(trx, postId);
    // Targets waiting again make the post scheduled (or publishing, beside finished ones).
    const status = rolledUpStatus(
      'scheduled',
      targets.map((t) => t.status),
    );
    await trx.updateTable('posts').set({ status }).where('id', '=', postId).execute();
    return status;
  }

  /** Commits `work`, then pushes the post's summary to every renderer. */
  async function change(postId: string, work: (trx: Trx) => Promise<void>): Promise<PostSummary> {
    await db.transaction().execute(work);
    const summary = await loadSummary(db, postId);
    events.emit('post:saved', { post: summary });
    return summary;
  }

  const conflict = (message: string) => failure('CONFLICT', message);

  return {
    list: (input: ParsedInput<'posts:list'>) => listPosts(db, input),
    get: (id: string) => loadDetail(db, id),

    async schedule(input: ParsedInput<'posts:schedule'>): Promise<PostSummary> {
      const client = await db
        .selectFrom('clients')
        .select(['id', 'timezone', 'archived_at'])
        .where('id', '=', input.clientId)
        .executeTakeFirst();
      if (client === undefined)
        throw failure('NOT_FOUND', `No client has the id ${input.clientId}.`);
      if (client.archived_at !== null) {
        throw failure('VALIDATION', 'This client is archived: unarchive it to schedule posts.');
      }
      const time = resolveWhen(input.when, client.timezone);
      assertNotPast(time, now());
      await checkAccounts(db, client.id, input.accountIds);
      await checkMedia(db, client.id, input.parts);
      await checkNetworks(db, input.accountIds, input.parts, input.networkOptions);
      if (input.campaignId !== undefined) await checkCampaign(db, client.id, input.campaignId);

      const rows = scheduledPostRows(
        {
          clientId: client.id,
          campaignId: input.campaignId,
          accountIds: input.accountIds,
          parts: input.parts,
          networkOptions: input.networkOptions,
        },
        time,
        ports.newId,
        now(),
      );
      return change(rows.postId, async (trx) => {
        await insertPostRows(trx, [rows]);
        await wakeHandOffs(trx, { postIds: [rows.postId] }, now());
      });
    },

    async cancel(id: string): Promise<PostSummary> {
      return change(id, async (trx) => {
        const post = await lockPost(trx, id);
        if (post.status === 'cancelled') throw conflict('This post is already cancelled.');
        if (!cancellable.includes(post.status)) {
          throw conflict(
            post.status === 'publishing'
              ? 'This post is being published right now and cannot be cancelled.'
              : `This post is ${post.status.replace('_', ' ')} and cannot be cancelled.`,
          );
        }
        const targets = await targetsOf(trx, id);
        const waiting = targets.filter((t) => t.status !== 'published').map((t) => t.id);
        if (waiting.length > 0) {
          await trx
            .updateTable('post_targets')
            .set({ status: 'cancelled', updated_at: now() })
            .where('id', 'in', waiting)
            .execute();
          // A job another process has already claimed finds its target cancelled and skips it.
          // A target its network holds keeps its job, woken below to take the post back.
          await trx
            .updateTable('publish_jobs')
            .set({ status: 'cancelled', updated_at: now() })
            .where('target_id', 'in', waiting)
            .where('status', '=', 'pending')
            .where('target_id', 'not in', (eb) =>
              eb.selectFrom('post_targets').select('id').where('hold_key', 'is not', null),
            )
            .execute();
          await wakeHandOffs(trx, { postIds: [id] }, now());
        }
        await trx.updateTable('posts').set({ status: 'cancelled' }).where('id', '=', id).execute();
        await appendEvent(trx, id, 'post.cancelled', { from: post.status, targets: waiting });
      });
    },

    async reschedule(input: ParsedInput<'posts:reschedule'>): Promise<PostSummary> {
      const current = await db
        .selectFrom('posts')
        .select(['timezone'])
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (current === undefined) throw failure('NOT_FOUND', `No post has the id ${input.id}.`);
      const time = resolveWhen(input.when, current.timezone);
      assertNotPast(time, now());
      return change(input.id, async (trx) => {
        const post = await lockPost(trx, input.id);
        if (post.status === 'publishing') {
          throw conflict('This post is being published right now: wait for it to finish.');
        }
        if (post.status === 'cancelled') {
          throw conflict('This post is cancelled: schedule it again as a new post.');
        }
        const targets = await targetsOf(trx, input.id);
        const waiting = targets.filter((t) => t.status === 'scheduled' || t.status === 'draft');
        const rearm = targets.filter((t) => t.status === 'failed' || t.status === 'missed');
        if (waiting.length + rearm.length === 0) {
          throw conflict(
            `This post is ${post.status.replace('_', ' ')}: nothing of it is left to publish.`,
          );
        }
        const at = now();
        if (waiting.length > 0) {
          await trx
            .updateTable('publish_jobs')
            .set({
              run_at: time.instant,
              // A new time is a new due time for the grace window (missed-policy.ts).
              payload: payloadAtNewTime,
              updated_at: at,
            })
            .where(
              'target_id',
              'in',
              waiting.map((t) => t.id),
            )
            .where('kind', '=', 'publish')
            .where('status', '=', 'pending')
            .execute();
          await trx
            .updateTable('post_targets')
            .set({ status: 'scheduled', updated_at: at })
            .where(
              'id',
              'in',
              waiting.map((t) => t.id),
            )
            .execute();
        }
        for (const target of rearm) {
          await trx
            .updateTable('post_targets')
            .set({
              status: 'scheduled',
              attempts: 0,
              error_code: null,
              error_message: null,
              updated_at: at,
            })
            .where('id', '=', target.id)
            .execute();
          await insertJob(trx, target, time.instant);
        }
        // A waiting target whose job is gone (cancelled by hand, failed) gets a fresh one.
        for (const target of waiting) {
          const pending = await trx
            .selectFrom('publish_jobs')
            .select('id')
            .where('target_id', '=', target.id)
            .where('status', 'in', ['pending', 'running'])
            .executeTakeFirst();
          if (pending === undefined) await insertJob(trx, target, time.instant);
        }
        await wakeHandOffs(trx, { postIds: [input.id] }, at);
        await trx
          .updateTable('posts')
          .set({
            scheduled_at: time.instant,
            timezone: time.zone,
            local_time: time.localTime,
          })
          .where('id', '=', input.id)
          .execute();
        const status = await setRolledUpStatus(trx, input.id);
        await appendEvent(trx, input.id, 'post.rescheduled', {
          from: {
            scheduledAt: post.scheduled_at,
            timezone: post.timezone,
            localTime: post.local_time,
          },
          to: { scheduledAt: time.instant, timezone: time.zone, localTime: time.localTime },
          status: { from: post.status, to: status },
          rearmed: rearm.map((t) => t.id),
        });
      });
    },

    /** One post's summary as lists show it. */
    summary: (id: string): Promise<PostSummary> => loadSummary(db, id),

    async retry(id: string): Promise<PostSummary> {
      return change(id, async (trx) => {
        const post = await lockPost(trx, id);
        if (post.status === 'publishing') {
          throw conflict('This post is being published right now: wait for it to finish.');
        }
        if (post.status === 'cancelled') throw conflict('This post is cancelled.');
        const targets = await targetsOf(trx, id);
        // A thread that stopped half-way and is being deleted is not sent again.
        const removing = new Set(
          (
            await trx
              .selectFrom('post_target_parts')
              .select('target_id')
              .where(
                'target_id',
                'in',
                targets.map((t) => t.id),
              )
              .where('removed_at', 'is not', null)
              .execute()
          ).map((r) => r.target_id),
        );
        const again = targets.filter((t) => retryable.includes(t.status) && !removing.has(t.id));
        if (again.length === 0) {
          throw conflict(
            `Nothing to retry: no account of this post has failed or been missed (it is ${post.status.replace('_', ' ')}).`,
          );
        }
        const at = now();
        const ids = again.map((t) => t.id);
        await resendUnchecked(trx, id, ids, at);
        await trx
          .updateTable('publish_jobs')
          .set({ status: 'cancelled', updated_at: at })
          .where('target_id', 'in', ids)
          .where('status', '=', 'pending')
          .execute();
        await trx
          .updateTable('post_targets')
          .set({
            status: 'scheduled',
            attempts: 0,
            error_code: null,
            error_message: null,
            updated_at: at,
          })
          .where('id', 'in', ids)
          .execute();
        for (const target of again) await insertJob(trx, target, at);
        const status = await setRolledUpStatus(trx, id);
        await appendEvent(trx, id, 'post.retried', {
          targets: again.map((t) => ({ id: t.id, from: t.status })),
          status: { from: post.status, to: status },
        });
      });
    },
  };
}

export type PostsService = ReturnType<typeof createPostsService>;
