// A real core (real SQLite, the fake X, a connected account) whose scheduler runs on a
// fake clock, timers the test fires by hand and a network switch the test flips.
import type { Kysely } from 'kysely';
import type { Schema } from '../../main/core/db/schema.ts';
import type { SchedulerTuning } from '../../main/core/scheduler/engine.ts';
import { createJobStore } from '../../main/core/scheduler/job-store.ts';
import type { Timers } from '../../main/core/ports.ts';
import type { SocialAccount } from '../../shared/accounts.ts';
import type { FakeTweet, FakeUser, FakeX } from '../fakes/x-server/index.ts';
import type { FakeClock } from '../helpers/core.ts';
import { makeJob } from '../helpers/job-factories.ts';
import { makePost, type PartSpec } from '../helpers/post-factories.ts';
import { connectX, makeXCore, startX, type XTestCore } from '../helpers/x-accounts.ts';
import { postSeqOf } from '../../main/core/db/post-numbers.ts';
import { remoteUrlOf } from '../../main/core/db/remote-urls.ts';

export interface ManualTimers extends Timers {
  /** Delays (ms) of the timers armed and not yet fired. */
  delays(): number[];
  /** Delays (ms) of every timer ever armed, in order. */
  armed(): number[];
  /** Fires every timer whose time has come on the clock; answers how many fired. */
  fireDue(): number;
  /** Fires the soonest armed timer whatever the clock says (a timer firing late). */
  fireNext(): boolean;
}

export function manualTimers(clock: FakeClock): ManualTimers {
  const armed = new Map<number, { callback: () => void; at: number; ms: number }>();
  let nextId = 1;
  const history: number[] = [];
  const fire = (id: number) => {
    const timer = armed.get(id);
    if (timer === undefined) return;
    armed.delete(id);
    timer.callback();
  };
  return {
    set(callback, ms) {
      const id = nextId++;
      armed.set(id, { callback, at: clock.now() + ms, ms });
      history.push(ms);
      return id;
    },
    clear(handle) {
      armed.delete(handle as number);
    },
    delays: () => [...armed.values()].map((t) => t.ms),
    armed: () => [...history],
    fireDue() {
      const due = [...armed.entries()].filter(([, t]) => t.at <= clock.now()).map(([id]) => id);
      due.forEach(fire);
      return due.length;
    },
    fireNext() {
      const soonest = [...armed.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (soonest === undefined) return false;
      fire(soonest[0]);
      return true;
    },
  };
}

export interface SchedulerFixture {
  fake: FakeX;
  core: XTestCore;
  db: Kysely<Schema>;
  clientId: string;
  user: FakeUser;
  account: SocialAccount;
  timers: ManualTimers;
  network: { online: boolean; probes: number };
  /** A scheduled post for the account with its pending job due at `runAt`. */
  schedule(
    parts: (string | PartSpec)[],
    runAt: number,
    options?: { maxAttempts?: number; accountIds?: string[] },
  ): Promise<{ postId: string; targetId: string; jobId: string }>;
  postsOf(userId?: string): FakeTweet[];
}

export async function schedulerFixture(
  options: { dataDir?: string; tuning?: Partial<SchedulerTuning>; fake?: FakeX } = {},
): Promise<SchedulerFixture> {
  const fake = options.fake ?? (await startX());
  const network = { online: true, probes: 0 };
  let timers: ManualTimers | null = null;
  const core = await makeXCore(fake, {
    ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
    tuning: { xRequestTimeoutMs: 2_000, scheduler: { ...options.tuning } },
    ports: {
      timers: {
        set: (callback, ms) => timers?.set(callback, ms),
        clear: (handle) => {
          timers?.clear(handle);
        },
      },
      network: {
        isOnline: () => {
          network.probes += 1;
          return Promise.resolve(network.online);
        },
      },
    },
  });
  timers = manualTimers(core.clock);
  const connected = await connectX({ fake, core });
  const db = core.database.db;
  return {
    fake,
    core,
    db,
    clientId: connected.clientId,
    user: connected.user,
    account: connected.account,
    timers,
    network,
    async schedule(parts, runAt, opts = {}) {
      const made = await makePost(db, {
        clientId: connected.clientId,
        accountIds: opts.accountIds ?? [connected.account.id],
        parts,
        scheduledAt: runAt,
      });
      const targetId = made.targets[opts.accountIds?.[0] ?? connected.account.id] ?? '';
      const jobId = await makeJob(db, {
        targetId,
        runAt,
        ...(opts.maxAttempts !== undefined && { maxAttempts: opts.maxAttempts }),
      });
      for (const other of Object.values(made.targets)) {
        if (other !== targetId) await makeJob(db, { targetId: other, runAt });
      }
      return { postId: made.postId, targetId, jobId };
    },
    postsOf: (userId = connected.user.id) =>
      fake.ledger.tweets().filter((t) => t.authorId === userId && !t.deleted),
  };
}

/** Rows a test reads back after the engine ran. */
export const readTarget = (fx: SchedulerFixture, id: string) =>
  fx.db
    .selectFrom('post_targets')
    .selectAll()
    .select(remoteUrlOf('post_targets').as('remote_url'))
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
export const readPost = (fx: SchedulerFixture, id: string) =>
  fx.db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
export const eventsOf = async (fx: SchedulerFixture, postId: string) =>
  (
    await fx.db
      .selectFrom('post_events')
      .select(['type', 'detail'])
      .where('post_id', '=', postId)
      .orderBy('id')
      .execute()
  ).map((e) => ({ type: e.type, detail: JSON.parse(e.detail) as Record<string, unknown> }));

/**
 * `starling daemon` holds the account's earlier post for its second attempt, X still
 * down; a later post is due now. The daemon's lease runs a minute from `t0`.
 */
export async function daemonHoldsRetry(fx: SchedulerFixture, t0: number) {
  const leader = await fx.schedule(['Oven is hot'], t0 - 60_000);
  const follower = await fx.schedule(['Croissants at 8'], t0);
  await fx.db
    .updateTable('publish_jobs')
    .set({
      status: 'running',
      lease_owner: 'daemon',
      lease_expires_at: t0 + 60_000,
      attempts: 1,
      // Its first attempt met X down: a retry, backing off ([Note: one asks at a time]).
      payload: JSON.stringify({ backoff: 1 }),
    })
    .where('id', '=', leader.jobId)
    .execute();
  await fx.db
    .updateTable('post_targets')
    .set({ status: 'publishing', error_code: 'UNAVAILABLE', error_message: 'X is down.' })
    .where('id', '=', leader.targetId)
    .execute();
  return { leader, follower };
}

/** How many times the account asked X to post. */
export const asked = (fx: SchedulerFixture) =>
  fx.fake.ledger.requests().filter((r) => r.method === 'POST' && r.path === '/2/tweets').length;

/** Runs the engine for `minutes` in 30-second steps. */
export async function runFor(fx: SchedulerFixture, minutes: number) {
  for (let at = 0; at < minutes * 60_000; at += 30_000) {
    fx.core.advance(30_000);
    await fx.core.scheduler.checkNow();
  }
}

/**
 * A post due at `at` whose first attempt met X down: claimed by `owner` and put back as
 * settle-outcome.ts puts a retry back (an attempt spent, marked backing off) until
 * `t0 + 20 min`. `claim` leases it to `owner` again, as the next try would.
 */
export async function retryingPost(
  fx: SchedulerFixture,
  t0: number,
  options: { parts?: string[]; at?: number; owner?: string } = {},
) {
  const { parts = ['Oven is hot'], at = t0 - 60_000, owner = 'me' } = options;
  const post = await fx.schedule(parts, at);
  const jobs = createJobStore(fx.db);
  const claim = () =>
    fx.db
      .updateTable('publish_jobs')
      .set({ status: 'running', lease_owner: owner, lease_expires_at: t0 + 60_000 })
      .where('id', '=', post.jobId)
      .execute();
  await claim();
  await jobs.requeue(
    post.jobId,
    owner,
    { runAt: t0 + 20 * 60_000, spent: true, lastError: 'UNAVAILABLE: X is down.', held: false },
    t0,
  );
  return { ...post, jobs, claim };
}

/**
 * A process that died while it sent the post: it claimed the job until `t + 1 min`,
 * logged the send, and X stored the post; the target still says publishing.
 */
export async function crashedMidSend(
  fx: SchedulerFixture,
  post: { postId: string; targetId: string; jobId: string },
  t: number,
  text: string,
) {
  await fx.db
    .updateTable('publish_jobs')
    .set({ status: 'running', lease_owner: 'dead-process', lease_expires_at: t + 60_000 })
    .where('id', '=', post.jobId)
    .execute();
  const part = await fx.db
    .selectFrom('post_parts')
    .select('id')
    .where('post_seq', '=', postSeqOf(post.postId))
    .executeTakeFirstOrThrow();
  await fx.db
    .insertInto('post_events')
    .values({
      post_id: post.postId,
      target_id: post.targetId,
      type: 'part.sending',
      detail: JSON.stringify({ partId: part.id, position: 0 }),
      at: t,
    })
    .execute();
  await fx.db
    .updateTable('post_targets')
    .set({ status: 'publishing' })
    .where('id', '=', post.targetId)
    .execute();
  await tweetAsUser(fx, text);
}

/** The account's owner posts `text` on X by another way (another device, X's own app). */
export async function tweetAsUser(fx: SchedulerFixture, text: string) {
  const { TwitterApi } = await import('twitter-api-v2');
  const { createXRoute } = await import('../../main/core/platforms/x/x-agent.ts');
  const asUser = new TwitterApi(fx.fake.issueTokens(fx.user.id).accessToken, {
    httpAgent: createXRoute({ STARLING_X_API_ORIGIN: fx.fake.origin }).agent,
  });
  await asUser.v2.tweet({ text });
}
