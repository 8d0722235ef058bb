// A job that went out is deleted, not kept as 'done' ([Note: done jobs go] in
// main/core/scheduler/job-store.ts), under the same lease rules as every settle: only the
// process holding the lease deletes it, and a lapsed-lease re-claim of a job already out
// finds nothing to claim, so nothing goes out twice.
import { describe, expect, it } from 'vitest';
import { createJobStore } from '../../main/core/scheduler/job-store.ts';
import { findJob, readJob } from '../helpers/job-factories.ts';
import { readPost, readTarget, schedulerFixture } from './scheduler-fixture.ts';

const lease = 60_000;

describe('a job that went out', () => {
  it('is deleted only by the process that holds its lease', async () => {
    const fx = await schedulerFixture();
    const t = fx.core.clock.now();
    const { jobId } = await fx.schedule(['Taken over'], t);
    const jobs = createJobStore(fx.db);

    expect((await jobs.claim('slow', t, t + lease, 5)).map((j) => j.id)).toEqual([jobId]);
    // The slow process's lease lapses; another takes the job over.
    expect((await jobs.claim('other', t + lease + 1, t + 2 * lease, 5)).map((j) => j.id)).toEqual([
      jobId,
    ]);
    await jobs.complete(jobId, 'slow');
    expect(await readJob(fx.db, jobId)).toMatchObject({ status: 'running', lease_owner: 'other' });

    await jobs.complete(jobId, 'other');
    expect(await findJob(fx.db, jobId)).toBeUndefined();
    // The slow process's other settles find nothing to change either.
    await jobs.finish(jobId, 'slow', 'failed', t + lease + 2, 'late');
    await jobs.requeue(
      jobId,
      'slow',
      { runAt: t, spent: true, lastError: 'late', held: false },
      t + lease + 2,
    );
    expect(await findJob(fx.db, jobId)).toBeUndefined();
  });

  it('is never claimed again after its lease would have lapsed', async () => {
    const fx = await schedulerFixture();
    const t = fx.core.clock.now();
    const { jobId, postId, targetId } = await fx.schedule(['Out once'], t);
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    expect(await findJob(fx.db, jobId)).toBeUndefined();
    const published = await readTarget(fx, targetId);

    // Long past any lease: another process's claim (and this engine's) find nothing.
    fx.core.advance(10 * lease);
    expect(await createJobStore(fx.db).claim('other', fx.core.clock.now(), t + lease, 5)).toEqual(
      [],
    );
    await fx.core.scheduler.checkNow();

    expect(fx.postsOf().map((p) => p.text)).toEqual(['Out once']);
    expect(await readTarget(fx, targetId)).toEqual(published);
    expect(await readPost(fx, postId)).toMatchObject({ status: 'published' });
    expect(await fx.db.selectFrom('publish_jobs').selectAll().execute()).toEqual([]);
  });

  it('goes while failed and cancelled jobs stay with their reasons', async () => {
    const fx = await schedulerFixture();
    const t = fx.core.clock.now();
    const out = await fx.schedule(['Goes out'], t);
    const failed = await fx.schedule(['Fails'], t);
    const cancelled = await fx.schedule(['Cancelled'], t);
    const jobs = createJobStore(fx.db);
    await jobs.claim('me', t, t + lease, 5);
    await jobs.complete(out.jobId, 'me');
    await jobs.finish(failed.jobId, 'me', 'failed', t, 'PLATFORM_REJECTED: refused');
    await jobs.finish(cancelled.jobId, 'me', 'cancelled', t, 'The post was cancelled.');

    expect(await findJob(fx.db, out.jobId)).toBeUndefined();
    expect(await readJob(fx.db, failed.jobId)).toMatchObject({
      status: 'failed',
      last_error: 'PLATFORM_REJECTED: refused',
      lease_owner: null,
    });
    expect(await readJob(fx.db, cancelled.jobId)).toMatchObject({
      status: 'cancelled',
      last_error: 'The post was cancelled.',
    });
  });
});
