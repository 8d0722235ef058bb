// [Note: one asks at a time] While a post of an account is being retried, a later post of
// that account never asks the network in the same pass or before it, whatever the timing:
// due in the pass that claims the retry, due while the retry is on the network, or due
// while another process on the data folder holds the retry. It lines up behind it, says
// so, and follows once the retry goes out. Each case forces the timing instead of waiting
// for the backoff's jitter to line it up.
import { describe, expect, it, vi } from 'vitest';
import { linedUpReason } from '../../main/core/scheduler/job-marks.ts';
import { createRetryLine } from '../../main/core/scheduler/retry-line.ts';
import { makeCore } from '../helpers/core.ts';
import { makeJob, readJob } from '../helpers/job-factories.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import {
  asked,
  daemonHoldsRetry,
  eventsOf,
  readTarget,
  runFor,
  schedulerFixture,
  tweetAsUser,
  type SchedulerFixture,
} from './scheduler-fixture.ts';

const postTweets = { method: 'POST', path: '/2/tweets' } as const;

/** A post that failed once with a 503: its job backs off; answers when it runs again. */
async function retrying(fx: SchedulerFixture) {
  const leader = await fx.schedule(['Oven is hot'], fx.core.clock.now());
  fx.fake.fault({ ...postTweets, kind: 'status', status: 503 });
  await fx.core.scheduler.start();
  await fx.core.scheduler.checkNow();
  const job = await readJob(fx.db, leader.jobId);
  expect(job).toMatchObject({ status: 'pending', attempts: 1 });
  return { ...leader, retryAt: job.run_at };
}

describe('one post per account asks a network that is down', () => {
  it('lines up a post that falls due in the pass that claims the retry', async () => {
    const fx = await schedulerFixture();
    const leader = await retrying(fx);
    fx.fake.fault({ ...postTweets, kind: 'status', status: 503, times: 100 });
    // Due a moment after the retry, and both due when the engine next looks.
    const follower = await fx.schedule(['Croissants at 8'], leader.retryAt + 1);
    const before = asked(fx);
    fx.core.advance(leader.retryAt + 1 - fx.core.clock.now());
    await fx.core.scheduler.checkNow();

    expect(asked(fx) - before).toBe(1);
    expect(await readTarget(fx, follower.targetId)).toMatchObject({
      status: 'scheduled',
      error_code: 'UNAVAILABLE',
      error_message: linedUpReason,
    });
    const [ahead, behind] = [
      await readJob(fx.db, leader.jobId),
      await readJob(fx.db, follower.jobId),
    ];
    expect(ahead).toMatchObject({ status: 'pending', attempts: 2 });
    expect(behind).toMatchObject({ status: 'pending', attempts: 0 });
    expect(behind.run_at).toBeGreaterThan(ahead.run_at);

    // X answers again: the retry goes out, then the post behind it, once each.
    fx.fake.clearFaults();
    await runFor(fx, 10);
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Oven is hot', 'Croissants at 8']);
    expect(asked(fx) - before).toBe(3);
    expect(await readTarget(fx, follower.targetId)).toMatchObject({ status: 'published' });
    expect((await eventsOf(fx, follower.postId)).map((e) => e.type)).not.toContain('target.retry');
  });

  it('lines up a post that falls due while the retry is on the network', async () => {
    const fx = await schedulerFixture();
    const leader = await retrying(fx);
    const follower = await fx.schedule(['Croissants at 8'], leader.retryAt + 1_000);
    // X answers the retry, slowly (within the 2 s request timeout); the post behind it
    // falls due meanwhile and the engine looks again.
    fx.fake.fault({ ...postTweets, kind: 'latency', ms: 1_000 });
    const before = asked(fx);
    fx.core.advance(leader.retryAt - fx.core.clock.now());
    const retry = fx.core.scheduler.checkNow();
    await vi.waitFor(() => {
      expect(asked(fx)).toBe(before + 1);
    });
    fx.core.advance(1_000);
    const next = fx.core.scheduler.checkNow();
    await vi.waitFor(async () => {
      expect(await readTarget(fx, follower.targetId)).toMatchObject({
        error_message: linedUpReason,
      });
    });
    expect(asked(fx)).toBe(before + 1);
    expect(await readTarget(fx, leader.targetId)).toMatchObject({ status: 'publishing' });
    await Promise.all([retry, next]);

    // The retry went out: the post behind it follows at once, asking X once.
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Oven is hot', 'Croissants at 8']);
    expect(asked(fx) - before).toBe(2);
    expect(await readTarget(fx, follower.targetId)).toMatchObject({ status: 'published' });
    expect((await eventsOf(fx, follower.postId)).map((e) => e.type)).not.toContain('target.retry');
  });

  it('lets the line go once X answers the retry, even with a refusal', async () => {
    const fx = await schedulerFixture();
    // The same words went out hours ago: X refuses the retry as duplicate content.
    await tweetAsUser(fx, 'Oven is hot');
    fx.core.advance(3 * 60 * 60_000);
    const leader = await retrying(fx);
    fx.fake.fault({ ...postTweets, kind: 'status', status: 503, times: 100 });
    const follower = await fx.schedule(['Croissants at 8'], leader.retryAt + 1);
    fx.core.advance(leader.retryAt + 1 - fx.core.clock.now());
    await fx.core.scheduler.checkNow();
    expect(await readTarget(fx, follower.targetId)).toMatchObject({
      error_message: linedUpReason,
    });

    // X answers the next retry, and refuses it: the account's network is up again, so
    // the post behind it goes now, not after the minute's gap.
    fx.fake.clearFaults();
    const retryAt = (await readJob(fx.db, leader.jobId)).run_at;
    fx.core.advance(retryAt - fx.core.clock.now());
    await fx.core.scheduler.checkNow();
    expect(await readTarget(fx, leader.targetId)).toMatchObject({
      status: 'failed',
      error_code: 'DUPLICATE',
    });
    expect(await readTarget(fx, follower.targetId)).toMatchObject({ status: 'published' });
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Oven is hot', 'Croissants at 8']);
  });

  it('lines up a post while another process on the data folder holds the retry', async () => {
    const fx = await schedulerFixture();
    const t0 = fx.core.clock.now();
    const { follower } = await daemonHoldsRetry(fx, t0);
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();

    expect(asked(fx)).toBe(0);
    expect(await readTarget(fx, follower.targetId)).toMatchObject({
      status: 'scheduled',
      error_code: 'UNAVAILABLE',
      error_message: linedUpReason,
    });
    const behind = await readJob(fx.db, follower.jobId);
    expect(behind).toMatchObject({ status: 'pending', lease_owner: null });
    expect(behind.run_at).toBeGreaterThan(t0 + 60_000);

    // The daemon stops without settling it: its lease lapses, this process takes the
    // retry over, and the post behind it follows.
    await runFor(fx, 5);
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Oven is hot', 'Croissants at 8']);
    expect(asked(fx)).toBe(2);
  });

  it('looks for retries among the running and the retrying jobs only, once a pass', async () => {
    const core = await makeCore();
    const { sqlite, db } = core.database;
    const t = core.clock.now();
    const clientId = await makeClient(db);
    const accountId = await makeAccount(db, clientId);
    const made = await makePost(db, { clientId, accountIds: [accountId], parts: ['Due'] });
    const jobId = await makeJob(db, { targetId: made.targets[accountId] ?? '', runAt: t });
    const prepare = sqlite.prepare.bind(sqlite);
    const captured: string[] = [];
    sqlite.prepare = (source: string) => {
      captured.push(source);
      return prepare(source);
    };
    const claimReady = createRetryLine({ db, owner: 'me', gapMs: 1 });
    const { ready } = await claimReady(t, t + 60_000, 5);
    expect(ready.map((job) => job.id)).toEqual([jobId]);
    sqlite.prepare = prepare;

    // No retry runs: one statement besides the claim, and it reads only the indexes of the
    // running jobs and of the retries waiting, both partial.
    const lookUps = captured.filter((source) => source.includes('j.attempts > 0'));
    expect(lookUps).toHaveLength(1);
    expect(captured.filter((source) => !/^(begin|commit)/i.test(source))).toHaveLength(2);
    const source = lookUps[0] ?? '';
    const parameters = (source.match(/\?/g) ?? []).map(() => 0);
    const plan = (
      prepare(`EXPLAIN QUERY PLAN ${source}`).all(...parameters) as { detail: string }[]
    ).map((row) => row.detail);
    expect(plan).toEqual([
      'COMPOUND QUERY',
      'LEFT-MOST SUBQUERY',
      'SCAN j USING INDEX publish_jobs_leased',
      'SEARCH t USING INDEX sqlite_autoindex_post_targets_1 (id=?)',
      'UNION ALL',
      'SCAN j USING INDEX publish_jobs_retrying',
      'SEARCH t USING INDEX sqlite_autoindex_post_targets_1 (id=?)',
    ]);
  });
});
