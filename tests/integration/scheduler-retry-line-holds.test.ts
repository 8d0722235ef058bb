// [Note: one asks at a time] What a retry holds back, and what it must not. A job that
// once spent an attempt is not a retry for ever: paced for a posting limit, held for its
// client's approval, or put back after an unexpected error, it keeps its attempts but
// stands for no network that is down, so the account's later posts go as they would
// without it (each case marks it a retry first, so the put-back must clear the mark). And
// a post its network holds for its time ([Note: hand-off]) is never lined up: woken
// because the user cancelled it, its job must take it back before the instance publishes
// it. Cases two reviews of the retry line found.
import { describe, expect, it } from 'vitest';
import { createJobStore } from '../../main/core/scheduler/job-store.ts';
import { expectOk } from '../helpers/core.ts';
import { readJob } from '../helpers/job-factories.ts';
import { makePost } from '../helpers/post-factories.ts';
import { mastodonFixture, scheduleOn } from './mastodon-fixture.ts';
import {
  asked,
  readTarget,
  retryingPost,
  schedulerFixture,
  type SchedulerFixture,
} from './scheduler-fixture.ts';

const minute = 60_000;

/** `n` parts of the account went out at `at` (the posting budget reads them). */
async function sentBefore(fx: SchedulerFixture, n: number, at: number) {
  for (let i = 0; i < n; i += 1) {
    const made = await makePost(fx.db, {
      clientId: fx.clientId,
      accountIds: [fx.account.id],
      parts: [`Earlier ${String(i)}`],
    });
    await fx.db
      .insertInto('post_target_parts')
      .values({
        target_id: made.targets[fx.account.id] ?? '',
        part_id: made.partIds[0] ?? '',
        remote_id: `earlier-${String(i)}`,
        remote_ref: null,
        posted_at: at + i,
      })
      .execute();
  }
}

/**
 * The leader met X down once (an attempt spent, a retry backing off), then at its second
 * try was put back by `putBack` for another reason.
 */
async function leaderThatRetried(
  fx: SchedulerFixture,
  parts: string[],
  t0: number,
  putBack: (jobId: string) => Promise<void>,
) {
  const leader = await retryingPost(fx, t0, { parts, owner: 'daemon' });
  expect(JSON.parse((await readJob(fx.db, leader.jobId)).payload)).toMatchObject({ backoff: 1 });
  await leader.claim();
  await putBack(leader.jobId);
  return leader;
}

/** How the leader was put back at its second try, `t0` being now. */
const putBacks = {
  // Waits 14 minutes for room; the later one-part post fits now.
  'paced for a posting limit': (t0: number) => ({
    runAt: t0 + 14 * minute,
    lastError: "RATE_LIMITED: Waiting for room within X's limit of 100 posts per 15 minutes.",
  }),
  // Due now, claimed beside the later post (and paced again as it runs).
  'put back after an unexpected error': (t0: number) => ({
    runAt: t0 - 1_000,
    lastError: 'INTERNAL: boom',
  }),
};

describe('a job that once retried, put back for another reason', () => {
  it.each(Object.entries(putBacks))(
    '%s, holds back no later post that fits the window',
    async (_, putBack) => {
      const fx = await schedulerFixture();
      const t0 = fx.core.clock.now();
      // 98 of X's 100 parts per 15 minutes used: the 3-part thread waits, one part fits.
      await sentBefore(fx, 98, t0 - minute);
      await leaderThatRetried(fx, ['Part 1', 'Part 2', 'Part 3'], t0, (jobId) =>
        createJobStore(fx.db).requeue(
          jobId,
          'daemon',
          { ...putBack(t0), spent: false, held: false },
          t0,
        ),
      );
      const follower = await fx.schedule(['Croissants at 8'], t0);
      await fx.core.scheduler.start();
      await fx.core.scheduler.checkNow();
      expect(fx.postsOf().map((t) => t.text)).toEqual(['Croissants at 8']);
      expect(asked(fx)).toBe(1);
      expect(await readTarget(fx, follower.targetId)).toMatchObject({ status: 'published' });
    },
  );

  it('held for its client’s approval, holds back no later post', async () => {
    const fx = await schedulerFixture();
    const t0 = fx.core.clock.now();
    await leaderThatRetried(fx, ['Oven is hot'], t0, (jobId) =>
      createJobStore(fx.db).holdForApproval(
        jobId,
        'daemon',
        t0 + 5 * minute,
        'APPROVAL: Waiting for approval.',
        t0,
      ),
    );
    const follower = await fx.schedule(['Croissants at 8'], t0);
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Croissants at 8']);
    expect(await readTarget(fx, follower.targetId)).toMatchObject({ status: 'published' });
  });
});

describe('a post the instance holds, cancelled while an earlier post waits out a 429', () => {
  it('is taken back before its time, not lined up behind the retry', async () => {
    const fx = await mastodonFixture();
    expectOk(await fx.core.invoke('accounts:set-hand-off', { id: fx.account.id, on: true }));
    const t0 = fx.core.clock.now();
    const schedule = (at: number, text: string) => scheduleOn(fx, at, [text]);
    const live = () => fx.fake.ledger.scheduled().filter((s) => s.state === 'scheduled');

    // Handed to the instance for its time in 30 minutes.
    const held = await schedule(t0 + 30 * minute, 'Sourdough is back on Saturday');
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    expect(live()).toHaveLength(1);

    // An earlier post, due in 2 minutes (too soon to hand over), meets a 429 reset in 3 h.
    const leader = await schedule(t0 + 2 * minute, 'Oven is hot');
    await fx.core.scheduler.checkNow();
    fx.fake.fault({
      method: 'POST',
      path: '/api/v1/statuses',
      kind: 'rate-limit',
      resetInSeconds: 3 * 3600,
    });
    fx.core.advance(2 * minute);
    await fx.core.scheduler.checkNow();
    expect(await readJob(fx.db, leader.jobId)).toMatchObject({ status: 'pending', attempts: 1 });

    // A minute later the user cancels the held post: its job wakes to take it back.
    fx.core.advance(minute);
    expectOk(await fx.core.invoke('posts:cancel', { id: held.postId }));
    await fx.core.scheduler.checkNow();
    for (let i = 0; i < 60; i += 1) {
      fx.core.advance(30_000);
      await fx.core.scheduler.checkNow();
    }
    await fx.core.scheduler.stop();
    expect(live()).toEqual([]);
    expect(fx.statuses().map((s) => s.text)).toEqual([]);
  });
});
