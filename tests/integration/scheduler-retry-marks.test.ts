// [Note: one asks at a time] The marks the retry line reads, set and cleared where a job
// changes: a retry backing off is marked ($.backoff) until any other put-back; a job
// claimed again after its lease lapsed says its post may be out (UNCONFIRMED), so the
// missed sweep spares it while it waits in line; the posts lined up behind a retry whose
// own post may be out are not taken for posts that may be out themselves; and a post
// whose hand-over went unanswered (the instance may hold it) never waits in line.
import { describe, expect, it } from 'vitest';
import { lapsedError } from '../../main/core/scheduler/job-marks.ts';
import { createJobStore } from '../../main/core/scheduler/job-store.ts';
import { sweepMissed } from '../../main/core/scheduler/missed-policy.ts';
import { createRetryLine } from '../../main/core/scheduler/retry-line.ts';
import { wakeHandOffs } from '../../main/core/services/hand-off-jobs.ts';
import { expectOk } from '../helpers/core.ts';
import { readJob } from '../helpers/job-factories.ts';
import { retryingPost, schedulerFixture, type SchedulerFixture } from './scheduler-fixture.ts';

const minute = 60_000;

const backoffOf = async (fx: SchedulerFixture, jobId: string) =>
  (JSON.parse((await readJob(fx.db, jobId)).payload) as { backoff?: number }).backoff;

describe('the backoff mark', () => {
  it('is set by a spent retry and an offline one, and cleared by every other put-back', async () => {
    const fx = await schedulerFixture();
    const t0 = fx.core.clock.now();
    const job = await retryingPost(fx, t0);
    expect(await backoffOf(fx, job.jobId)).toBe(1);
    const putBack = async (change: { spent: boolean; backoff?: boolean }) => {
      await job.claim();
      await job.jobs.requeue(
        job.jobId,
        'me',
        { runAt: t0 + minute, lastError: null, held: false, ...change },
        t0,
      );
      return backoffOf(fx, job.jobId);
    };
    expect(await putBack({ spent: false, backoff: true })).toBe(1);
    expect(await putBack({ spent: false })).toBeUndefined();
    expect(await putBack({ spent: true })).toBe(1);
    await job.claim();
    await job.jobs.wait(job.jobId, 'me', t0 + 5 * minute, t0);
    expect(await backoffOf(fx, job.jobId)).toBeUndefined();
    expect(await putBack({ spent: true })).toBe(1);
    await job.claim();
    await job.jobs.holdForApproval(job.jobId, 'me', t0 + 5 * minute, 'APPROVAL: Waiting.', t0);
    expect(await backoffOf(fx, job.jobId)).toBeUndefined();
    expect(await putBack({ spent: true })).toBe(1);
    expectOk(
      await fx.core.invoke('posts:reschedule', {
        id: job.postId,
        when: { at: new Date(t0 + 60 * minute).toISOString() },
      }),
    );
    expect(await backoffOf(fx, job.jobId)).toBeUndefined();
    expect(await putBack({ spent: true })).toBe(1);
    await fx.db.updateTable('social_accounts').set({ hand_off: 1 }).execute();
    await wakeHandOffs(fx.db, { postIds: [job.postId] }, t0);
    expect(await backoffOf(fx, job.jobId)).toBeUndefined();
  });
});

/** How the later post's job was left when its process stopped while it was going out. */
const stopped = {
  'its lease lapsed (the process died)': (fx: SchedulerFixture, jobId: string, t0: number) =>
    fx.db
      .updateTable('publish_jobs')
      .set({ status: 'running', lease_owner: 'dead', lease_expires_at: t0 - minute })
      .where('id', '=', jobId)
      .execute(),
  'it was released at shutdown': async (fx: SchedulerFixture, jobId: string, t0: number) => {
    await fx.db
      .updateTable('publish_jobs')
      .set({ status: 'running', lease_owner: 'old', lease_expires_at: t0 + minute })
      .where('id', '=', jobId)
      .execute();
    await createJobStore(fx.db).release([jobId], 'old', t0, true);
  },
};

describe('a job that was going out when its process stopped', () => {
  it.each(Object.entries(stopped))(
    '%s: says its post may be out, and is not swept missed while it waits in line',
    async (_, stop) => {
      const fx = await schedulerFixture();
      const t0 = fx.core.clock.now();
      // A 429 reset in 3 h: the leader backs off past the later post's grace window.
      const leader = await retryingPost(fx, t0, { at: t0 - 10 * minute });
      await fx.db
        .updateTable('publish_jobs')
        .set({ run_at: t0 + 180 * minute })
        .where('id', '=', leader.jobId)
        .execute();
      const crashed = await fx.schedule(['Croissants at 8'], t0 - 5 * minute);
      await stop(fx, crashed.jobId, t0);
      const claimReady = createRetryLine({ db: fx.db, owner: 'me', gapMs: 1_000 });
      expect((await claimReady(t0, t0 + 2 * minute, 10)).ready).toEqual([]);
      expect((await readJob(fx.db, crashed.jobId)).last_error).toMatch(/^UNCONFIRMED: /);
      await sweepMissed(fx.db, t0 + 125 * minute);
      expect(await readJob(fx.db, crashed.jobId)).toMatchObject({ status: 'pending' });
    },
  );

  it('is claimed with a reason that says its post may be out', async () => {
    const fx = await schedulerFixture();
    const t0 = fx.core.clock.now();
    const crashed = await fx.schedule(['Croissants at 8'], t0 - minute);
    await fx.db
      .updateTable('publish_jobs')
      .set({ status: 'running', lease_owner: 'dead', lease_expires_at: t0 - 1 })
      .where('id', '=', crashed.jobId)
      .execute();
    const claimed = await createJobStore(fx.db).claim('me', t0, t0 + minute, 5);
    expect(claimed.map((j) => j.id)).toEqual([crashed.jobId]);
    expect((await readJob(fx.db, crashed.jobId)).last_error).toBe(lapsedError);
  });
});

describe('behind a retry whose own post may be out (UNCONFIRMED)', () => {
  /** The leader's retry lines the account's later post up with the code UNCONFIRMED. */
  async function linedUp() {
    const fx = await schedulerFixture();
    const t0 = fx.core.clock.now();
    const leader = await retryingPost(fx, t0);
    const follower = await fx.schedule(['Croissants at 8'], t0 + 5 * minute);
    const head = { id: leader.jobId, targetId: leader.targetId, runAt: t0 - minute };
    await leader.jobs.lineUpBehind(head, t0 + 20 * minute, 1_000, t0, 'UNCONFIRMED');
    return { fx, t0, follower };
  }

  it('a post never sent is still swept missed once its grace window closes', async () => {
    const { fx, t0, follower } = await linedUp();
    expect((await readJob(fx.db, follower.jobId)).last_error).toMatch(/^UNAVAILABLE: Waiting/);
    await sweepMissed(fx.db, t0 + 5 * minute + 4 * 60 * minute);
    expect(await readJob(fx.db, follower.jobId)).toMatchObject({ status: 'failed' });
  });

  /** The follower's hand-over was tried (hold_key, no hold_id); it comes due, claimed. */
  async function handOverClaimed(lastError: string | null) {
    const { fx, t0, follower } = await linedUp();
    await fx.db
      .updateTable('post_targets')
      .set({ hold_key: 'k1', hold_at: t0 + 5 * minute })
      .where('id', '=', follower.targetId)
      .execute();
    await fx.db
      .updateTable('publish_jobs')
      .set({ run_at: t0 + 6 * minute, ...(lastError !== null && { last_error: lastError }) })
      .where('id', '=', follower.jobId)
      .execute();
    const claimReady = createRetryLine({ db: fx.db, owner: 'me', gapMs: 1_000 });
    const { ready } = await claimReady(t0 + 6 * minute, t0 + 8 * minute, 10);
    return { ready: ready.map((j) => j.id), follower };
  }

  it('a hand-over that met the network down still waits in line', async () => {
    expect((await handOverClaimed(null)).ready).toEqual([]);
  });

  it('a hand-over left unanswered (the instance may hold it) does not wait', async () => {
    const { ready, follower } = await handOverClaimed('UNCONFIRMED: No answer from the instance.');
    expect(ready).toEqual([follower.jobId]);
  });
});
