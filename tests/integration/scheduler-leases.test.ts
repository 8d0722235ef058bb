// The publishing engine's leases on real SQLite: two processes on one data folder never
// publish the same job, a crashed process's lease is recovered, a long publish renews it,
// and a lease that lapsed while this process slept is not claimed back from itself.
import { Worker } from 'node:worker_threads';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { findJob, readJob } from '../helpers/job-factories.ts';
import { testPassphrase } from '../helpers/x-accounts.ts';
import { crashedMidSend, eventsOf, schedulerFixture } from './scheduler-fixture.ts';

describe('leases', () => {
  it('the app and a second process on one data folder never publish the same job', async () => {
    const fx = await schedulerFixture();
    const t = fx.core.clock.now();
    const texts = Array.from({ length: 40 }, (_, i) => `Race ${String(i)}`);
    for (const text of texts) await fx.schedule([text], t);
    // The other process runs in real time from the same instant.
    const other = new Worker(new URL('./scheduler-race-worker.ts', import.meta.url), {
      workerData: {
        dataDir: fx.core.dataDir,
        origin: fx.fake.origin,
        passphrase: testPassphrase,
        start: t,
      },
    });
    onTestFinished(async () => {
      await other.terminate();
    });
    const message = () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        other.once('message', resolve);
        other.once('error', reject);
      });
    await message();
    await fx.core.scheduler.start();
    const theirs = message();
    other.postMessage('finish');
    await fx.core.scheduler.checkNow();
    const { published } = await theirs;

    expect(
      fx
        .postsOf()
        .map((p) => p.text)
        .toSorted(),
    ).toEqual(texts.toSorted());
    const posts = fx.fake.ledger
      .requests()
      .filter((r) => r.method === 'POST' && r.path === '/2/tweets');
    expect(posts).toHaveLength(texts.length);
    const jobs = await fx.db.selectFrom('publish_jobs').selectAll().execute();
    expect(jobs).toEqual([]);
    // Both took part (the worker started first, so it cannot have had none).
    expect(published).toBeGreaterThan(0);
  });

  it('recovers the lease of a crashed process once it expires, reconciling what reached X', async () => {
    const fx = await schedulerFixture();
    const t = fx.core.clock.now();
    const post = await fx.schedule(['Crashed mid-send'], t);
    const { jobId, postId } = post;
    await crashedMidSend(fx, post, t, 'Crashed mid-send');
    fx.core.advance(1_000);

    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    expect((await readJob(fx.db, jobId)).status).toBe('running');
    // The lease runs out in 59 s; the 15 s tick comes first.
    expect(fx.timers.delays()).toEqual([15_000]);

    fx.core.advance(60_000);
    await fx.core.scheduler.checkNow();
    expect(await findJob(fx.db, jobId)).toBeUndefined();
    expect(fx.postsOf().map((p) => p.text)).toEqual(['Crashed mid-send']);
    expect((await eventsOf(fx, postId)).map((e) => e.type)).toContain('target.reconciled');
  });

  it('renews the lease of a long publish', async () => {
    const fx = await schedulerFixture({ tuning: { leaseMs: 10_000, renewMs: 3_000 } });
    const { jobId } = await fx.schedule(['Slow'], fx.core.clock.now());
    fx.fake.fault({ method: 'POST', path: '/2/tweets', kind: 'latency', ms: 400 });
    await fx.core.scheduler.start();
    const done = fx.core.scheduler.checkNow();
    await vi.waitFor(async () => {
      expect((await readJob(fx.db, jobId)).status).toBe('running');
    });
    const before = (await readJob(fx.db, jobId)).lease_expires_at ?? 0;
    fx.core.advance(3_000);
    fx.timers.fireDue();
    await vi.waitFor(async () => {
      expect((await readJob(fx.db, jobId)).lease_expires_at).toBe(before + 3_000);
    });
    await done;
    expect(await findJob(fx.db, jobId)).toBeUndefined();
  });
  it('never starts a job twice when its lease lapses while this process sends it', async () => {
    // A laptop closed mid-send sleeps past the lease; on waking, a check can come before
    // the renewal. The lapsed lease is this process's own, its send still under way: the
    // check must leave it to that send, not claim it and send the post a second time.
    const fx = await schedulerFixture({ tuning: { leaseMs: 10_000, renewMs: 3_000 } });
    const { jobId } = await fx.schedule(['Sent as the lid closed'], fx.core.clock.now());
    fx.fake.fault({ method: 'POST', path: '/2/tweets', kind: 'latency', ms: 400 });
    const sends = () =>
      fx.fake.ledger.requests().filter((r) => r.method === 'POST' && r.path === '/2/tweets');
    await fx.core.scheduler.start();
    const first = fx.core.scheduler.checkNow();
    await vi.waitFor(() => {
      expect(sends()).toHaveLength(1);
    });
    fx.core.advance(60_000);
    const woken = fx.core.scheduler.checkNow();
    await Promise.all([first, woken]);

    expect(sends()).toHaveLength(1);
    expect(fx.postsOf().map((p) => p.text)).toEqual(['Sent as the lid closed']);
    expect(await findJob(fx.db, jobId)).toBeUndefined();
    // Nor did its lapsed lease make the engine check again every 50 ms until the renewal.
    expect(fx.timers.armed()).not.toContain(50);
  });

  it('stops before its next send when another process took the job while it was away', async () => {
    // [Note: the lease before a send] Asleep past its lease mid-thread, this process wakes
    // to find another one claimed the job and is sending the rest: it sends nothing more
    // and writes nothing of the target or the job, which are the other's now.
    const fx = await schedulerFixture({ tuning: { leaseMs: 10_000, renewMs: 3_000 } });
    const { postId, jobId, targetId } = await fx.schedule(
      ['First of two', 'Second of two'],
      fx.core.clock.now(),
    );
    fx.fake.fault({ method: 'POST', path: '/2/tweets', kind: 'latency', ms: 400 });
    const sends = () =>
      fx.fake.ledger.requests().filter((r) => r.method === 'POST' && r.path === '/2/tweets');
    await fx.core.scheduler.start();
    const run = fx.core.scheduler.checkNow();
    await vi.waitFor(() => {
      expect(sends()).toHaveLength(1);
    });
    const theirs = {
      lease_owner: 'another-process',
      lease_expires_at: fx.core.clock.now() + 60_000,
    };
    await fx.db.updateTable('publish_jobs').set(theirs).where('id', '=', jobId).execute();
    await run;

    expect(sends()).toHaveLength(1);
    expect(fx.postsOf().map((p) => p.text)).toEqual(['First of two']);
    expect(await readJob(fx.db, jobId)).toMatchObject({ status: 'running', ...theirs });
    const target = await fx.db
      .selectFrom('post_targets')
      .select(['status', 'error_code'])
      .where('id', '=', targetId)
      .executeTakeFirstOrThrow();
    expect(target).toEqual({ status: 'publishing', error_code: null });
    // The part that went out is in the journal, for the other process to go on from.
    expect((await eventsOf(fx, postId)).map((e) => e.type)).toContain('part.posted');
  });

  it("claims again a job of this process's whose run ended without settling", async () => {
    const fx = await schedulerFixture();
    const t = fx.core.clock.now();
    const under = await fx.schedule(['Going out'], t);
    const left = await fx.schedule(['Left running'], t + 60 * 60_000);
    fx.fake.fault({ method: 'POST', path: '/2/tweets', kind: 'latency', ms: 300 });
    await fx.core.scheduler.start();
    const first = fx.core.scheduler.checkNow();
    await vi.waitFor(async () => {
      expect((await readJob(fx.db, under.jobId)).lease_owner).not.toBeNull();
    });
    const owner = (await readJob(fx.db, under.jobId)).lease_owner;
    // A run of this process that ended and never settled its job (say, its database write
    // failed): running under our name, its lease lapsed, nothing of ours sending it.
    await fx.db
      .updateTable('publish_jobs')
      .set({ status: 'running', lease_owner: owner, lease_expires_at: t - 1 })
      .where('id', '=', left.jobId)
      .execute();
    await first;
    fx.core.advance(60 * 60_000);
    await fx.core.scheduler.checkNow();

    expect(await findJob(fx.db, left.jobId)).toBeUndefined();
    expect(
      fx
        .postsOf()
        .map((p) => p.text)
        .toSorted(),
    ).toEqual(['Going out', 'Left running']);
  });
});
