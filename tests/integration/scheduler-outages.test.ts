// [Note: outages] A network that is down delays posts, it does not fail them: a 45-minute
// X outage (every post answered 503) and the posts due in it go out once X answers, in
// the order they were due, threads whole, with one post asking at a time meanwhile; a post
// whose grace window closes first is missed and says what it was waiting for; a thread
// part-way out is never swept, and fails only after the retry limit; a post that may
// be out is looked up once it can be, and missed if it is not there, never sent late.
import { describe, expect, it } from 'vitest';
import { expectOk } from '../helpers/core.ts';
import { findJob, readJob } from '../helpers/job-factories.ts';
import {
  eventsOf,
  readPost,
  readTarget,
  schedulerFixture,
  type SchedulerFixture,
} from './scheduler-fixture.ts';

const minute = 60_000;
const postTweets = { method: 'POST', path: '/2/tweets' } as const;

/** Publishing runs for three hours, checked every 5 minutes, while X's look-ups fail. */
async function threeHoursUnasked(fx: SchedulerFixture) {
  fx.fake.fault({ method: 'GET', path: /\/tweets$/, kind: 'status', status: 503, times: 1e5 });
  await fx.core.scheduler.start();
  for (let at = 0; at <= 3 * 60 * minute; at += 5 * minute) {
    fx.core.advance(at === 0 ? 0 : 5 * minute);
    await fx.core.scheduler.checkNow();
  }
}

/** X answers everything again, and the post's next try comes (backoff is at most ~5 min). */
async function xAnswersAgain(fx: SchedulerFixture) {
  fx.fake.clearFaults();
  fx.core.advance(10 * minute);
  await fx.core.scheduler.checkNow();
}

describe('a network outage', () => {
  it('delays the posts due in a 45-minute outage; they go out in order once X answers', async () => {
    const fx = await schedulerFixture();
    const t0 = fx.core.clock.now();
    const first = await fx.schedule(['Oven is hot', 'First loaves at 7'], t0);
    const second = await fx.schedule(['Croissants at 8'], t0 + 10 * minute);
    const third = await fx.schedule(['Rye at 9'], t0 + 20 * minute);
    fx.fake.fault({ ...postTweets, kind: 'status', status: 503, times: 100_000 });
    await fx.core.scheduler.start();

    let tries = 0;
    for (let at = 0; at <= 60 * minute; at += 30_000) {
      if (at === 45 * minute) {
        tries = fx.fake.ledger.requests().filter((r) => r.path === '/2/tweets').length;
        fx.fake.clearFaults();
      }
      if (at === 30 * minute) {
        // Meanwhile the post says what it is waiting for.
        const waiting = await readTarget(fx, first.targetId);
        expect(waiting).toMatchObject({ status: 'scheduled', error_code: 'UNAVAILABLE' });
        expect(waiting.error_message).toMatch(/^Waiting for X to recover\. X had a server error/);
        // And so does the calendar; the posts lined up behind it are not asking X yet.
        const month = expectOk(
          await fx.core.invoke('calendar:range', { from: t0 - 60 * minute, to: t0 + 60 * minute }),
        );
        const shown = month.items.find((i) => i.id === first.postId);
        expect(shown).toMatchObject({ status: 'scheduled', waiting: 'waiting for X to recover' });
        // Past its time, the one behind says what it waits for too.
        expect(await readTarget(fx, second.targetId)).toMatchObject({
          status: 'scheduled',
          error_code: 'UNAVAILABLE',
          error_message: 'Waiting for an earlier post of this account to go out first.',
        });
        expect(month.items.find((i) => i.id === second.postId)).toMatchObject({
          waiting: 'waiting for an earlier post of this account to go out first',
        });
      }
      fx.core.advance(at === 0 ? 0 : 30_000);
      await fx.core.scheduler.checkNow();
    }

    for (const post of [first, second, third]) {
      expect(await readPost(fx, post.postId)).toMatchObject({ status: 'published' });
      expect(await findJob(fx.db, post.jobId)).toBeUndefined();
    }
    expect(fx.postsOf().map((t) => t.text)).toEqual([
      'Oven is hot',
      'First loaves at 7',
      'Croissants at 8',
      'Rye at 9',
    ]);
    // Backing off (at most 5 minutes apart) and one post asking for the account.
    expect(tries).toBeGreaterThan(5);
    expect(tries).toBeLessThan(20);
  });

  it('marks a post missed when its grace window closes first, naming the outage', async () => {
    const fx = await schedulerFixture();
    await fx.db.updateTable('clients').set({ grace_minutes: 30 }).execute();
    const t0 = fx.core.clock.now();
    const post = await fx.schedule(['Bread delivery route'], t0);
    fx.fake.fault({ ...postTweets, kind: 'status', status: 503, times: 100_000 });
    await fx.core.scheduler.start();
    for (let at = 0; at <= 40 * minute; at += 30_000) {
      fx.core.advance(at === 0 ? 0 : 30_000);
      await fx.core.scheduler.checkNow();
    }

    expect(await readPost(fx, post.postId)).toMatchObject({ status: 'missed' });
    const target = await readTarget(fx, post.targetId);
    expect(target.status).toBe('missed');
    expect(target.error_message).toMatch(
      /^Missed: the grace window closed while it was still failing\. Waiting for X to recover\. X had a server error \(503\)/,
    );
    const events = await eventsOf(fx, post.postId);
    const missed = events.find((e) => e.type === 'target.missed');
    expect(missed?.detail).toMatchObject({ failing: expect.stringMatching(/server error/) });
    // The post's own event names it too: its history and its notification say why.
    const postMissed = events.find((e) => e.type === 'post.missed');
    expect(postMissed?.detail).toMatchObject({ failing: expect.stringMatching(/server error/) });
    expect(fx.postsOf()).toEqual([]);
  });

  it('keeps finishing a thread part-way out past the grace window, until the retry limit', async () => {
    const fx = await schedulerFixture({ tuning: { retryLimitMs: 3 * 60 * minute } });
    await fx.db.updateTable('clients').set({ grace_minutes: 30 }).execute();
    const post = await fx.schedule(['Part one', 'Part two'], fx.core.clock.now());
    // The first part goes out; from the second on, X is down.
    fx.fake.fault({ ...postTweets, kind: 'latency', ms: 0 });
    fx.fake.fault({ ...postTweets, kind: 'status', status: 503, times: 100_000 });
    await fx.core.scheduler.start();
    for (let at = 0; at <= 60 * minute; at += minute) {
      fx.core.advance(at === 0 ? 0 : minute);
      await fx.core.scheduler.checkNow();
    }
    // Past the grace window, not missed: it is still trying to finish the thread.
    expect(await readTarget(fx, post.targetId)).toMatchObject({ status: 'scheduled' });
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Part one']);

    for (let at = 0; at <= 3 * 60 * minute; at += 5 * minute) {
      fx.core.advance(5 * minute);
      await fx.core.scheduler.checkNow();
    }
    const target = await readTarget(fx, post.targetId);
    expect(target).toMatchObject({ status: 'needs_review', error_code: 'UNAVAILABLE' });
    expect(target.error_message).toMatch(/^Gave up after \d+ attempts over 3 h: Waiting for X/);
  });

  it('misses a post whose first try went unanswered once a look-up finds it absent past its grace', async () => {
    const fx = await schedulerFixture();
    await fx.db.updateTable('clients').set({ grace_minutes: 30 }).execute();
    const post = await fx.schedule(['Maybe out'], fx.core.clock.now());
    // The connection drops as the post is sent (X stored nothing), and X cannot be asked
    // whether it has it: the post may be out, so it is neither resent nor swept.
    fx.fake.fault({ ...postTweets, kind: 'reset' });
    await threeHoursUnasked(fx);
    expect((await readJob(fx.db, post.jobId)).last_error).toMatch(/^UNCONFIRMED/);
    expect(await readTarget(fx, post.targetId)).not.toMatchObject({ status: 'missed' });

    // X answers again: it does not have the post, three hours late. Missed, not sent.
    await xAnswersAgain(fx);
    expect(fx.postsOf()).toEqual([]);
    expect(await readJob(fx.db, post.jobId)).toMatchObject({ status: 'failed' });
    const target = await readTarget(fx, post.targetId);
    expect(target.status).toBe('missed');
    // Not a failure it kept meeting: the look-up's answer is the reason.
    expect(target.error_message).toMatch(
      /^Missed: X did not have the post when it could be checked again/,
    );
    expect(await readPost(fx, post.postId)).toMatchObject({ status: 'missed' });
    const events = await eventsOf(fx, post.postId);
    const missed = events.find((e) => e.type === 'target.missed');
    expect(missed?.detail).toMatchObject({ failing: expect.stringMatching(/not sent late/) });
    // Its history says it was not sent, then missed: never that it will be tried again.
    const after = events.slice(events.findIndex((e) => e.type === 'target.not-sent'));
    expect(after.map((e) => e.type)).toEqual([
      'target.not-sent',
      'post.status',
      'target.missed',
      'post.missed',
      'post.status',
    ]);

    // Retried by a person, it has a new time and goes out once.
    expectOk(await fx.core.invoke('posts:retry', { id: post.postId }));
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Maybe out']);
    expect(await readPost(fx, post.postId)).toMatchObject({ status: 'published' });
  });

  it('lets the posts lined up behind a post missed after its look-up go at once', async () => {
    const fx = await schedulerFixture();
    await fx.db.updateTable('clients').set({ grace_minutes: 30 }).execute();
    const t0 = fx.core.clock.now();
    const post = await fx.schedule(['Maybe out'], t0);
    const next = await fx.schedule(['Croissants at 8'], t0 + 2 * 60 * minute + 55 * minute);
    fx.fake.fault({ ...postTweets, kind: 'reset' });
    await threeHoursUnasked(fx);
    expect(await readTarget(fx, next.targetId)).toMatchObject({ status: 'scheduled' });

    // X answers the look-up at the post's next try: absent, past its window. The post
    // behind it is still in its own window and goes now, not a minute later.
    fx.fake.clearFaults();
    fx.core.advance((await readJob(fx.db, post.jobId)).run_at - fx.core.clock.now());
    await fx.core.scheduler.checkNow();
    expect(await readTarget(fx, post.targetId)).toMatchObject({ status: 'missed' });
    expect(await readTarget(fx, next.targetId)).toMatchObject({ status: 'published' });
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Croissants at 8']);
  });

  it('sends a post found absent within its grace window, once', async () => {
    const fx = await schedulerFixture();
    await fx.db.updateTable('clients').set({ grace_minutes: 30 }).execute();
    const post = await fx.schedule(['Still in time'], fx.core.clock.now());
    fx.fake.fault({ ...postTweets, kind: 'reset' });
    fx.fake.fault({ method: 'GET', path: /\/tweets$/, kind: 'status', status: 503 });
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    expect((await readJob(fx.db, post.jobId)).last_error).toMatch(/^UNCONFIRMED/);
    for (let at = 0; at < 10 * minute; at += minute) {
      fx.core.advance(minute);
      await fx.core.scheduler.checkNow();
    }
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Still in time']);
    expect(await readPost(fx, post.postId)).toMatchObject({ status: 'published' });
  });

  it('finishes a thread part-way out whose next part went unanswered, however late', async () => {
    const fx = await schedulerFixture();
    await fx.db.updateTable('clients').set({ grace_minutes: 30 }).execute();
    const post = await fx.schedule(['Part one', 'Part two'], fx.core.clock.now());
    // The first part goes out; the second's connection drops, and X cannot be asked.
    fx.fake.fault({ ...postTweets, kind: 'latency', ms: 0 });
    fx.fake.fault({ ...postTweets, kind: 'reset' });
    await threeHoursUnasked(fx);
    await xAnswersAgain(fx);
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Part one', 'Part two']);
    expect(await readPost(fx, post.postId)).toMatchObject({ status: 'published' });
  });

  it('publishes a post found on X by the look-up, however late it is found', async () => {
    const fx = await schedulerFixture();
    await fx.db.updateTable('clients').set({ grace_minutes: 30 }).execute();
    const post = await fx.schedule(['Out all along'], fx.core.clock.now());
    // X stores the post but its answer is lost, and it cannot be asked for hours.
    fx.fake.fault({ ...postTweets, kind: 'drop-after-record' });
    await threeHoursUnasked(fx);
    await xAnswersAgain(fx);
    expect(await findJob(fx.db, post.jobId)).toBeUndefined();
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Out all along']);
    expect(await readPost(fx, post.postId)).toMatchObject({ status: 'published' });
  });
});
