// Posting limits kept before sending (publishing/posting-budget.ts): a burst of posts for
// one X account beyond X's 100 posts per 15 minutes goes out up to the limit, and the rest
// wait, spending no attempt, with the limit named, and go out once the window has room;
// the fake X never answers 429; a quota several accounts spend (a LinkedIn member and
// their pages) is counted once for all. Real core and scheduler, real SQLite, the fake X.
import { describe, expect, it } from 'vitest';
import { createPostingBudget } from '../../main/core/publishing/posting-budget.ts';
import {
  linkedinPostingLimits,
  linkedinQuotaHolder,
} from '../../main/core/platforms/linkedin/limits.ts';
import { makeCore } from '../helpers/core.ts';
import { findJob } from '../helpers/job-factories.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
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
      // Those that went out have no job left.
      const job = await findJob(fx.db, post.jobId);
      if (job?.status === 'pending') {
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

describe('a posting quota shared by several accounts', () => {
  it('counts the sends of every account that spends it, the ones before start included', async () => {
    const core = await makeCore();
    const db = core.database.db;
    const clientId = await makeClient(db);
    const member = await makeAccount(db, clientId);
    const page = await makeAccount(db, clientId);
    // The member posted 148 times in the last hours, before this process started.
    const now = Date.UTC(2026, 10, 24, 12, 0);
    for (let i = 0; i < 148; i += 1) {
      const made = await makePost(db, {
        clientId,
        accountIds: [member],
        parts: [`Earlier ${String(i)}`],
      });
      await db
        .insertInto('post_target_parts')
        .values({
          target_id: made.targets[member] ?? '',
          part_id: made.partIds[0] ?? '',
          remote_id: `urn:li:share:${String(i)}`,
          remote_ref: null,
          posted_at: now - 3_600_000 + i,
        })
        .execute();
    }
    const budget = createPostingBudget(db);
    const shared = {
      key: 'linkedin:urn:li:person:m1',
      accountIds: () => Promise.resolve([member, page]),
    };
    // The page's first two posts fit within the member's 150; a third waits for the day.
    expect(await budget.reserve(shared, linkedinPostingLimits, 2, now)).toBeNull();
    budget.settle(shared.key, 2, 2, now);
    const wait = await budget.reserve(shared, linkedinPostingLimits, 1, now + 1);
    expect(wait).toEqual({ at: now - 3_600_000 + 86_400_000 + 1, words: '150 posts a day' });
    // An account with a quota of its own is not held by the member's.
    const own = { key: page, accountIds: () => Promise.resolve([page]) };
    expect(await budget.reserve(own, linkedinPostingLimits, 1, now + 1)).toBeNull();
  });

  it('is a LinkedIn member’s for the pages they post for', () => {
    const holder = linkedinQuotaHolder;
    const memberUrn = 'urn:li:person:abc';
    const account = {
      id: 'a',
      clientId: 'c',
      platform: 'linkedin' as const,
      handle: 'h',
      serviceUrl: null,
    };
    expect(
      holder({ ...account, platformUserId: memberUrn, settings: { kind: 'member', memberUrn } }),
    ).toBe(memberUrn);
    expect(
      holder({
        ...account,
        platformUserId: 'urn:li:organization:7',
        settings: { kind: 'page', memberUrn, organizationId: '7', vanityName: 'acme' },
      }),
    ).toBe(memberUrn);
  });
});
