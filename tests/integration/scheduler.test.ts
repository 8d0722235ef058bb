// The publishing engine on real SQLite against the fake X: what is due goes out once,
// what is not waits, and every failure turns into the job state a user would expect.

import { describe, expect, it, vi } from 'vitest';
import { findJob, readJob } from '../helpers/job-factories.ts';
import { flowOutcome, followRedirect, makeXCore, startConnect } from '../helpers/x-accounts.ts';
import { eventsOf, readPost, readTarget, schedulerFixture } from './scheduler-fixture.ts';
import { payloadsOf } from '../helpers/core.ts';

const minute = 60_000;

describe('scheduler timing', () => {
  it('publishes a due job at start, pushes the post and the engine state', async () => {
    const fx = await schedulerFixture();
    const { postId, jobId } = await fx.schedule(['Fresh bread at nine'], fx.core.clock.now());
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();

    expect(fx.postsOf().map((t) => t.text)).toEqual(['Fresh bread at nine']);
    // Out, so the job is gone ([Note: done jobs go]).
    expect(await findJob(fx.db, jobId)).toBeUndefined();
    expect(await readPost(fx, postId)).toMatchObject({ status: 'published' });
    const saved = payloadsOf(fx.core.seen, 'post:saved').map((p) => p.post);
    expect(saved.at(-1)).toMatchObject({ id: postId, status: 'published' });
    expect(saved.at(-1)?.targets[0]?.remoteUrl).toMatch(/status\/\d+$/);
    const states = payloadsOf(fx.core.seen, 'scheduler:state-changed').map((p) => p.state);
    expect(states).toContain('publishing');
    expect(states.at(-1)).toBe('idle');
  });

  it('leaves a future job alone and arms its timer for the due time', async () => {
    const fx = await schedulerFixture();
    const { jobId } = await fx.schedule(['Later'], fx.core.clock.now() + 5_000);
    await fx.core.scheduler.start();
    expect(fx.postsOf()).toEqual([]);
    expect(fx.timers.delays()).toEqual([5_000]);

    fx.core.advance(5_000);
    expect(fx.timers.fireDue()).toBe(1);
    await vi.waitFor(async () => {
      expect(await findJob(fx.db, jobId)).toBeUndefined();
    });
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Later']);
  });

  it('checks the wall clock every 15 s, so a timer lost in sleep is caught and noted late', async () => {
    const fx = await schedulerFixture();
    const due = fx.core.clock.now() + 60 * minute;
    const { postId, jobId } = await fx.schedule(['After the nap'], due);
    await fx.core.scheduler.start();
    // An hour away, yet the engine never sleeps longer than 15 s.
    expect(fx.timers.delays()).toEqual([15_000]);

    // The machine sleeps 70 minutes: no timer fires meanwhile, the wall clock moves on.
    fx.core.advance(70 * minute);
    expect(fx.timers.fireNext()).toBe(true);
    await vi.waitFor(async () => {
      expect(await findJob(fx.db, jobId)).toBeUndefined();
    });
    const late = (await eventsOf(fx, postId)).find((e) => e.type === 'target.late');
    expect(late?.detail).toMatchObject({ dueAt: due, lateByMs: 10 * minute });
  });

  it('pause stops claiming; resume publishes what became due', async () => {
    const fx = await schedulerFixture();
    await fx.core.scheduler.start();
    fx.core.scheduler.pause();
    const { jobId } = await fx.schedule(['Paused'], fx.core.clock.now());
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf()).toEqual([]);
    expect(fx.core.scheduler.state()).toMatchObject({ paused: true });
    expect(fx.core.seen.at(-1)).toEqual({
      event: 'scheduler:state-changed',
      payload: { state: 'idle', paused: true },
    });

    fx.core.scheduler.resume();
    await fx.core.scheduler.checkNow();
    expect(await findJob(fx.db, jobId)).toBeUndefined();
    expect(fx.postsOf()).toHaveLength(1);
  });

  it('stays paused after a restart until resumed', async () => {
    const fx = await schedulerFixture();
    fx.core.scheduler.pause();
    const { jobId } = await fx.schedule(['Still paused'], fx.core.clock.now());
    await fx.core.close();

    const again = await makeXCore(fx.fake, { dataDir: fx.core.dataDir });
    await again.scheduler.start();
    await again.scheduler.checkNow();
    expect(again.scheduler.state()).toMatchObject({ paused: true });
    expect(fx.postsOf()).toEqual([]);

    again.scheduler.resume();
    await again.scheduler.checkNow();
    expect(await findJob(again.database.db, jobId)).toBeUndefined();
    await again.close();
    const third = await makeXCore(fx.fake, { dataDir: fx.core.dataDir });
    expect(third.scheduler.state()).toMatchObject({ paused: false });
  });

  it('lists the upcoming posts, soonest first', async () => {
    const fx = await schedulerFixture();
    const t = fx.core.clock.now();
    const later = await fx.schedule(['Second'], t + 2 * minute);
    const sooner = await fx.schedule(['First'], t + minute);
    const upcoming = await fx.core.scheduler.upcoming(5);
    expect(upcoming.map((p) => [p.id, p.firstLine])).toEqual([
      [sooner.postId, 'First'],
      [later.postId, 'Second'],
    ]);
  });
});

describe('missed posts', () => {
  it('marks a post beyond the grace window missed and publishes one within it late', async () => {
    const fx = await schedulerFixture();
    const t = fx.core.clock.now();
    const old = await fx.schedule(['Three hours ago'], t - 180 * minute);
    const recent = await fx.schedule(['Half an hour ago'], t - 30 * minute);
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();

    expect(fx.postsOf().map((p) => p.text)).toEqual(['Half an hour ago']);
    expect(await readPost(fx, old.postId)).toMatchObject({ status: 'missed' });
    expect(await readTarget(fx, old.targetId)).toMatchObject({ status: 'missed' });
    expect(await readJob(fx.db, old.jobId)).toMatchObject({ status: 'failed' });
    const missed = (await eventsOf(fx, old.postId)).find((e) => e.type === 'post.missed');
    expect(missed?.detail).toMatchObject({ graceMinutes: 120, lateByMs: 180 * minute });
    const saved = payloadsOf(fx.core.seen, 'post:saved').map((p) => p.post);
    expect(saved.find((p) => p.id === old.postId)?.status).toBe('missed');

    expect(await readPost(fx, recent.postId)).toMatchObject({ status: 'published' });
    const late = (await eventsOf(fx, recent.postId)).find((e) => e.type === 'target.late');
    expect(late?.detail).toMatchObject({ lateByMs: 30 * minute });
  });

  it("follows the client's own grace window", async () => {
    const fx = await schedulerFixture();
    await fx.db
      .updateTable('clients')
      .set({ grace_minutes: 10 })
      .where('id', '=', fx.clientId)
      .execute();
    const { postId } = await fx.schedule(['Twenty minutes ago'], fx.core.clock.now() - 20 * minute);
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf()).toEqual([]);
    expect(await readPost(fx, postId)).toMatchObject({ status: 'missed' });
  });
});

describe('missed after a hold', () => {
  it('a post held for a reconnect past its grace window is missed, not published on reconnect', async () => {
    const fx = await schedulerFixture();
    const due = fx.core.clock.now();
    const { postId, jobId, targetId } = await fx.schedule(['Held too long'], due);
    fx.fake.revokeUser(fx.user.id);
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    expect(await readJob(fx.db, jobId)).toMatchObject({ status: 'pending', attempts: 0 });

    // Held and re-checked every few minutes for three hours: each put-back keeps the due time.
    for (let i = 0; i < 36; i += 1) {
      fx.core.advance(5 * minute);
      await fx.core.scheduler.checkNow();
    }
    expect(await readTarget(fx, targetId)).toMatchObject({ status: 'missed' });
    expect(await readPost(fx, postId)).toMatchObject({ status: 'missed' });
    const missed = (await eventsOf(fx, postId)).find((e) => e.type === 'target.missed');
    expect(missed?.detail).toMatchObject({ dueAt: due, heldFor: 'reconnect' });
    const postMissed = (await eventsOf(fx, postId)).find((e) => e.type === 'post.missed');
    expect(postMissed?.detail).toMatchObject({ dueAt: due, heldFor: 'reconnect' });

    // Reconnecting now publishes nothing three hours late.
    const { flow } = await startConnect(fx.core, fx.fake, fx.clientId);
    const outcome = flowOutcome(fx.core, flow.flowId);
    await followRedirect(await fx.fake.approve(flow.authorizeUrl, { userId: fx.user.id }));
    expect((await outcome).ok).toBe(true);
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf()).toEqual([]);
    expect(await readJob(fx.db, jobId)).toMatchObject({ status: 'failed' });
  });

  it('a post held for a reconnect within its grace window goes out late, noted', async () => {
    const fx = await schedulerFixture();
    const due = fx.core.clock.now();
    const { postId, jobId } = await fx.schedule(['Held a little'], due);
    fx.fake.revokeUser(fx.user.id);
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    fx.core.advance(40 * minute);
    await fx.core.scheduler.checkNow();

    const { flow } = await startConnect(fx.core, fx.fake, fx.clientId);
    const outcome = flowOutcome(fx.core, flow.flowId);
    await followRedirect(await fx.fake.approve(flow.authorizeUrl, { userId: fx.user.id }));
    expect((await outcome).ok).toBe(true);
    await vi.waitFor(async () => {
      expect(await findJob(fx.db, jobId)).toBeUndefined();
    });
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Held a little']);
    expect(await readPost(fx, postId)).toMatchObject({ status: 'published' });
    const late = (await eventsOf(fx, postId)).find((e) => e.type === 'target.late');
    expect(late?.detail).toMatchObject({ dueAt: due });
  });

  it('a post held offline past its grace window is missed when the network returns', async () => {
    const fx = await schedulerFixture();
    const { postId, jobId } = await fx.schedule(['Offline too long'], fx.core.clock.now());
    fx.network.online = false;
    fx.fake.fault({ method: 'POST', path: '/2/tweets', kind: 'status', status: 503 });
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    expect(await readJob(fx.db, jobId)).toMatchObject({ status: 'pending', attempts: 0 });

    fx.core.advance(150 * minute);
    fx.network.online = true;
    await fx.core.scheduler.checkNow();
    expect(await readPost(fx, postId)).toMatchObject({ status: 'missed' });
    expect(fx.postsOf()).toEqual([]);
  });
});

describe('retries', () => {
  it('backs off exponentially with jitter after a 5xx, then publishes', async () => {
    const fx = await schedulerFixture();
    const { jobId, targetId } = await fx.schedule(['Server hiccup'], fx.core.clock.now());
    fx.fake.fault({ method: 'POST', path: '/2/tweets', kind: 'status', status: 503 });
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();

    const t = fx.core.clock.now();
    const job = await readJob(fx.db, jobId);
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job.last_error).toContain('503');
    expect(job.run_at).toBeGreaterThanOrEqual(t + 24_000);
    expect(job.run_at).toBeLessThanOrEqual(t + 36_000);
    expect(await readTarget(fx, targetId)).toMatchObject({
      status: 'scheduled',
      error_code: 'UNAVAILABLE',
    });

    fx.core.advance(job.run_at - t);
    await fx.core.scheduler.checkNow();
    expect(await findJob(fx.db, jobId)).toBeUndefined();
    expect(fx.postsOf()).toHaveLength(1);
  });

  it("waits for X's rate-limit reset after a 429", async () => {
    const fx = await schedulerFixture();
    const { jobId } = await fx.schedule(['Too fast'], fx.core.clock.now());
    fx.fake.fault({ method: 'POST', path: '/2/tweets', kind: 'rate-limit', resetInSeconds: 600 });
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();

    const job = await readJob(fx.db, jobId);
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    const reset = Math.ceil(fx.core.clock.now() / 1000) * 1000 + 600_000;
    expect(job.run_at).toBe(reset);
    fx.core.advance(300_000);
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf()).toEqual([]);
    fx.core.advance(reset - fx.core.clock.now());
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf()).toHaveLength(1);
  });

  it('holds without spending attempts while offline, and publishes when the network returns', async () => {
    const fx = await schedulerFixture();
    const { jobId } = await fx.schedule(['Offline'], fx.core.clock.now());
    fx.network.online = false;
    fx.fake.fault({ method: 'POST', path: '/2/tweets', kind: 'status', status: 503 });
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    expect(await readJob(fx.db, jobId)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(fx.core.scheduler.state()).toMatchObject({ offline: true, state: 'attention' });

    const posts = fx.fake.ledger.requests().filter((r) => r.path === '/2/tweets').length;
    fx.core.advance(5 * minute);
    await fx.core.scheduler.checkNow();
    // Nothing is tried while the probe says offline.
    expect(fx.fake.ledger.requests().filter((r) => r.path === '/2/tweets').length).toBe(posts);
    expect(await readJob(fx.db, jobId)).toMatchObject({ status: 'pending', attempts: 0 });

    fx.network.online = true;
    await fx.core.scheduler.checkNow();
    expect(await findJob(fx.db, jobId)).toBeUndefined();
    expect(fx.postsOf()).toHaveLength(1);
    expect(fx.core.scheduler.state()).toMatchObject({ offline: false, state: 'idle' });
  });

  it('holds a revoked account without spending attempts and resumes after reconnecting', async () => {
    const fx = await schedulerFixture();
    const { jobId, targetId } = await fx.schedule(['Revoked'], fx.core.clock.now());
    fx.fake.revokeUser(fx.user.id);
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();

    const held = await readJob(fx.db, jobId);
    expect(held).toMatchObject({ status: 'pending', attempts: 0 });
    expect(held.last_error).toMatch(/^AUTH_EXPIRED/);
    expect(await readTarget(fx, targetId)).toMatchObject({ error_code: 'AUTH_EXPIRED' });
    expect(fx.core.scheduler.state()).toMatchObject({ state: 'attention', held: 1 });

    // The user connects the account again; the held job runs at once.
    const { flow } = await startConnect(fx.core, fx.fake, fx.clientId);
    const outcome = flowOutcome(fx.core, flow.flowId);
    await followRedirect(await fx.fake.approve(flow.authorizeUrl, { userId: fx.user.id }));
    expect((await outcome).ok).toBe(true);
    await vi.waitFor(async () => {
      expect(await findJob(fx.db, jobId)).toBeUndefined();
    });
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Revoked']);
  });
});
