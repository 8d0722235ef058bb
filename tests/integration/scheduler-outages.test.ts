// [Note: outages] A network that is down delays posts, it does not fail them: a 45-minute
// X outage (every post answered 503) and the posts due in it go out once X answers, in
// the order they were due, threads whole, with one post asking at a time meanwhile; a post
// whose grace window closes first is missed and says what it was waiting for; a thread
// part-way out is never swept, and fails only after the retry limit.
import { describe, expect, it } from 'vitest';
import { expectOk } from '../helpers/core.ts';
import { findJob } from '../helpers/job-factories.ts';
import { eventsOf, readPost, readTarget, schedulerFixture } from './scheduler-fixture.ts';

const minute = 60_000;
const postTweets = { method: 'POST', path: '/2/tweets' } as const;

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
    const missed = (await eventsOf(fx, post.postId)).find((e) => e.type === 'target.missed');
    expect(missed?.detail).toMatchObject({ failing: expect.stringMatching(/server error/) });
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
});
