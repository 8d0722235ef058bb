// Posting limits kept before sending (publishing/posting-budget.ts): a burst of posts for
// one X account beyond X's 100 posts per 15 minutes goes out up to the limit, and the rest
// wait, spending no attempt, with the limit named, and go out once the window has room;
// the fake X never answers 429. Real core and scheduler, real SQLite, the fake X.
import { describe, expect, it } from 'vitest';
import { readJob } from '../helpers/job-factories.ts';
import { eventsOf, readTarget, schedulerFixture } from './scheduler-fixture.ts';

const minute = 60_000;

describe('posting limits', () => {
  it('sends up to the network’s limit and lets the rest wait for room, drawing no 429', async () => {
    const fx = await schedulerFixture();
    const t0 = fx.core.clock.now();
    const posts = [];
    for (let i = 0; i < 105; i += 1) posts.push(await fx.schedule([`Loaf ${String(i)}`], t0));
    await fx.core.scheduler.start();
    for (let i = 0; i < 30; i += 1) await fx.core.scheduler.checkNow();

    const tweets = () => fx.fake.ledger.requests().filter((r) => r.path === '/2/tweets');
    expect(fx.postsOf()).toHaveLength(100);
    expect(tweets().every((r) => r.status === 201)).toBe(true);
    const waiting = [];
    const paced = [];
    for (const post of posts) {
      const job = await readJob(fx.db, post.jobId);
      if (job.status === 'pending') {
        waiting.push(job);
        paced.push(post);
      }
    }
    // The post panel and the tray say why.
    expect(await readTarget(fx, paced[0]?.targetId ?? '')).toMatchObject({
      status: 'scheduled',
      error_code: 'RATE_LIMITED',
      error_message: "Waiting for room within X's limit of 100 posts per 15 minutes.",
    });
    expect(waiting).toHaveLength(5);
    for (const job of waiting) {
      expect(job).toMatchObject({ attempts: 0 });
      expect(job.run_at).toBeGreaterThan(t0 + 15 * minute);
      expect(job.run_at).toBeLessThan(t0 + 16 * minute);
      expect(job.last_error).toBe(
        "RATE_LIMITED: Waiting for room within X's limit of 100 posts per 15 minutes.",
      );
    }

    // The window moves on: the rest go out, still without a 429.
    fx.core.advance(16 * minute);
    for (let i = 0; i < 5; i += 1) await fx.core.scheduler.checkNow();
    expect(fx.postsOf()).toHaveLength(105);
    expect(tweets().filter((r) => r.status === 429)).toEqual([]);
    // Late by the limit, and said so once it went out.
    const types = (await eventsOf(fx, paced[0]?.postId ?? '')).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['target.late', 'target.published']));
  });
});
