// [Note: one asks at a time] The retry line-up against the timings a review forced: a
// retry of the account under way in `starling daemon` settles back to pending while this
// process claims a later post of the account, right after the claim or right after the
// look-up for retries. The later post must still wait behind the retry and follow it,
// never go out first. And a post that may already be on X (UNCONFIRMED) keeps saying so
// once lined up, so the missed sweep leaves it alone and it is looked up before it is
// sent again. Each timing is forced by acting when a given statement has run, never by
// waiting for the backoff's jitter. A look-up that fails takes the claim back with it.
import { describe, expect, it } from 'vitest';
import type { CompiledQuery, QueryResult } from 'kysely';
import { openSecondConnection } from '../../main/core/db/second-connection.ts';
import { linedUpReason } from '../../main/core/scheduler/job-marks.ts';
import { createJobStore } from '../../main/core/scheduler/job-store.ts';
import { createRetryLine } from '../../main/core/scheduler/retry-line.ts';
import { expectOk } from '../helpers/core.ts';
import { readJob } from '../helpers/job-factories.ts';
import {
  asked,
  daemonHoldsRetry,
  readTarget,
  runFor,
  schedulerFixture,
  type SchedulerFixture,
} from './scheduler-fixture.ts';

const postTweets = { method: 'POST', path: '/2/tweets' } as const;

/** The daemon holds the account's earlier post for its second attempt; a later one is due. */
async function daemonRetrying() {
  const fx = await schedulerFixture();
  const t0 = fx.core.clock.now();
  const { leader, follower } = await daemonHoldsRetry(fx, t0);
  const daemon = openSecondConnection(fx.core.database.sqlite.name, { readonly: false });
  /** X is still down: the daemon settles the retry as settle-outcome.ts does, 30 s on. */
  const settle = async (db = daemon.db) => {
    const jobs = createJobStore(db);
    const runAt = t0 + 30_000;
    await db
      .updateTable('post_targets')
      .set({ status: 'scheduled' })
      .where('id', '=', leader.targetId)
      .execute();
    await jobs.requeue(
      leader.jobId,
      'daemon',
      { runAt, spent: true, lastError: 'UNAVAILABLE: X is down.', held: false },
      t0,
    );
    const job = { id: leader.jobId, targetId: leader.targetId, runAt: t0 - 60_000 };
    await jobs.lineUpBehind(job, runAt, 60_000, t0, 'UNAVAILABLE');
  };
  return { fx, t0, leader, follower, settle };
}

/**
 * Once the first statement of this process matching `sql` has run, `act` runs: at once
 * when no write transaction is open, or right after it commits, as the database lock
 * makes another process wait (`act(undefined)` then, on this process's connection).
 */
async function after(
  fx: SchedulerFixture,
  sql: string,
  act: (db?: SchedulerFixture['db']) => Promise<void>,
) {
  const connection = await fx.db.getExecutor().provideConnection((c) => Promise.resolve(c));
  const run = connection.executeQuery.bind(connection);
  let acted: Promise<void> | null = null;
  connection.executeQuery = async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
    const result = await run<R>(query);
    if (acted === null && query.sql.includes(sql)) {
      if (fx.core.database.sqlite.inTransaction) acted = act(fx.db);
      else {
        acted = act();
        await acted;
      }
    }
    return result;
  };
  return () => acted;
}

/** The later post waited behind the retry, unsent, and follows once the retry goes out. */
async function expectLinedUpThenFollows(race: Awaited<ReturnType<typeof daemonRetrying>>) {
  const { fx, leader, follower } = race;
  expect(asked(fx)).toBe(0);
  const [ahead, behind] = [
    await readJob(fx.db, leader.jobId),
    await readJob(fx.db, follower.jobId),
  ];
  expect(ahead).toMatchObject({ status: 'pending', attempts: 2 });
  expect(behind).toMatchObject({ status: 'pending', attempts: 0, lease_owner: null });
  expect(behind.run_at).toBeGreaterThan(ahead.run_at);
  expect(await readTarget(fx, follower.targetId)).toMatchObject({
    status: 'scheduled',
    error_code: 'UNAVAILABLE',
    error_message: linedUpReason,
  });
  // The daemon stopped; X answers again: the retry goes out, then the post behind it.
  await runFor(fx, 5);
  expect(fx.postsOf().map((t) => t.text)).toEqual(['Oven is hot', 'Croissants at 8']);
  expect(asked(fx)).toBe(2);
}

describe('a later post never overtakes a retry that settles while it is claimed', () => {
  it('the retry settles right after the claim, before the look-up', async () => {
    const race = await daemonRetrying();
    const acted = await after(race.fx, 'INDEXED BY publish_jobs_pending', race.settle);
    await race.fx.core.scheduler.start();
    await race.fx.core.scheduler.checkNow();
    await acted();
    // A pass more, still before the retry's time.
    race.fx.core.advance(1_000);
    await race.fx.core.scheduler.checkNow();
    await expectLinedUpThenFollows(race);
  });

  it('the retry settles right after the look-up, before the post is put back', async () => {
    const race = await daemonRetrying();
    const acted = await after(race.fx, 'AND j.attempts > 0', race.settle);
    await race.fx.core.scheduler.start();
    await race.fx.core.scheduler.checkNow();
    expect(acted()).not.toBeNull();
    await acted();
    race.fx.core.advance(1_000);
    await race.fx.core.scheduler.checkNow();
    await expectLinedUpThenFollows(race);
  });
});

describe('a look-up that fails', () => {
  it('rolls the claim back: the job is not left leased until its lease lapses', async () => {
    const race = await daemonRetrying();
    const connection = await race.fx.db.getExecutor().provideConnection((c) => Promise.resolve(c));
    const run = connection.executeQuery.bind(connection);
    connection.executeQuery = async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
      if (query.sql.includes('AND j.attempts > 0')) throw new Error('disk I/O error');
      return run<R>(query);
    };
    const claimReady = createRetryLine({ db: race.fx.db, owner: 'me', gapMs: 60_000 });
    await expect(claimReady(race.t0, race.t0 + 120_000, 5)).rejects.toThrow('disk I/O error');
    expect(await readJob(race.fx.db, race.follower.jobId)).toMatchObject({
      status: 'pending',
      lease_owner: null,
      run_at: race.t0,
    });
  });
});

describe('a post that may already be on X, lined up behind a retry', () => {
  it('is not marked missed until a look-up finds it is not on X', async () => {
    // No jitter: the retry below runs after the unconfirmed post's own retry, so it lines
    // that post up behind it.
    const fx = await schedulerFixture({
      tuning: { backoff: { baseMs: 30_000, capMs: 5 * 60_000, jitter: 0 } },
    });
    await fx.db.updateTable('clients').set({ grace_minutes: 5 }).execute();
    const t0 = fx.core.clock.now();
    // Sent, and the connection reset: X did not confirm it (and did not record it).
    const unsure = await fx.schedule(['Maybe out already'], t0);
    fx.fake.fault({ ...postTweets, kind: 'reset' });
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    expect(await readJob(fx.db, unsure.jobId)).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: expect.stringMatching(/^UNCONFIRMED: /) as unknown,
    });

    // An earlier post of the account, put back meanwhile, meets X down and lines it up.
    fx.core.advance(1_000);
    const leader = await fx.schedule(['Oven is hot'], t0 - 1_000);
    fx.fake.fault({ ...postTweets, kind: 'status', status: 503, times: 1_000 });
    await fx.core.scheduler.checkNow();
    const lined = await readJob(fx.db, unsure.jobId);
    expect(lined.run_at).toBeGreaterThan((await readJob(fx.db, leader.jobId)).run_at);
    expect(lined.last_error).toMatch(/^UNCONFIRMED: /);
    expect(asked(fx)).toBe(2);
    // The calendar says it waits in line; its target still says it may be on X.
    const calendar = expectOk(
      await fx.core.invoke('calendar:range', { from: t0 - 60_000, to: t0 + 60_000 }),
    );
    expect(calendar.items.find((item) => item.id === unsure.postId)).toMatchObject({
      waiting: 'waiting for an earlier post of this account to go out first',
    });
    expect(await readTarget(fx, unsure.targetId)).toMatchObject({
      error_code: 'UNCONFIRMED',
      error_message: expect.stringContaining('did not confirm') as unknown,
    });

    // X stays down past the grace window (the earlier post's next try is at 451 s): it is
    // missed, and the post lined up behind it is not.
    await runFor(fx, 5.5);
    expect(await readTarget(fx, leader.targetId)).toMatchObject({ status: 'missed' });
    expect(await readJob(fx.db, unsure.jobId)).toMatchObject({ status: 'pending' });
    expect(await readTarget(fx, unsure.targetId)).not.toMatchObject({ status: 'missed' });

    // X is back: it is looked up and not found, its grace window long closed: missed like
    // the post before it, not sent late ([Note: missed after a look-up]).
    fx.fake.clearFaults();
    const lookups = () =>
      fx.fake.ledger.requests().filter((r) => r.method === 'GET' && r.path.endsWith('/tweets'))
        .length;
    const before = lookups();
    await runFor(fx, 5);
    expect(lookups()).toBeGreaterThan(before);
    expect(fx.postsOf()).toEqual([]);
    expect(await readTarget(fx, unsure.targetId)).toMatchObject({ status: 'missed' });
  });
});

/**
 * The retry waits out its backoff (X was down); X answers again before its next try. A
 * post of the account that was not in line when the retry settled must not go out first.
 */
async function retryWaiting() {
  const fx = await schedulerFixture();
  const t0 = fx.core.clock.now();
  const { leader, follower } = await daemonHoldsRetry(fx, t0);
  const nextTry = t0 + 5 * 60_000;
  await fx.db
    .updateTable('post_targets')
    .set({ status: 'scheduled' })
    .where('id', '=', leader.targetId)
    .execute();
  await createJobStore(fx.db).requeue(
    leader.jobId,
    'daemon',
    { runAt: nextTry, spent: true, lastError: 'UNAVAILABLE: X is down.', held: false },
    t0,
  );
  return { fx, t0, leader, follower, nextTry };
}

/** It waited behind the retry, unsent, and went out right after it. */
async function expectWaitedThenFollowed(race: Awaited<ReturnType<typeof retryWaiting>>) {
  const { fx, leader, follower, nextTry } = race;
  expect(asked(fx)).toBe(0);
  const behind = await readJob(fx.db, follower.jobId);
  expect(behind).toMatchObject({ status: 'pending', lease_owner: null });
  expect(behind.run_at).toBeGreaterThan(nextTry);
  expect(await readTarget(fx, follower.targetId)).toMatchObject({
    status: 'scheduled',
    error_code: 'UNAVAILABLE',
    error_message: linedUpReason,
  });
  await runFor(fx, 6);
  expect(await readTarget(fx, leader.targetId)).toMatchObject({ status: 'published' });
  expect(fx.postsOf().map((t) => t.text)).toEqual(['Oven is hot', 'Croissants at 8']);
  expect(asked(fx)).toBe(2);
}

describe('a later post never overtakes a retry waiting for its next try', () => {
  it('claimed again after the daemon died with it, once its lease lapsed', async () => {
    const race = await retryWaiting();
    // The daemon had claimed it beside the leader's attempt and died before asking X.
    await race.fx.db
      .updateTable('publish_jobs')
      .set({ status: 'running', lease_owner: 'daemon', lease_expires_at: race.t0 - 1_000 })
      .where('id', '=', race.follower.jobId)
      .execute();
    await race.fx.core.scheduler.start();
    await race.fx.core.scheduler.checkNow();
    await expectWaitedThenFollowed(race);
  });

  it('scheduled after the retry settled, for before its next try', async () => {
    const race = await retryWaiting();
    // The follower (due now) was not there when the retry lined its account up.
    await race.fx.core.scheduler.start();
    await race.fx.core.scheduler.checkNow();
    await expectWaitedThenFollowed(race);
  });
});
