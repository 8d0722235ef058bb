// Every fault the fake X can inject, and what the publisher makes of it: retry (with the
// rate-limit reset), hold for reconnect, or reconcile an answer that never came. Above
// all: whatever happens, no part of a post ever appears twice on X.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { PublishOutcome } from '../../main/core/publishing/outcome.ts';
import type { FaultRule } from '../fakes/x-server/index.ts';
import { makePost } from '../helpers/post-factories.ts';
import {
  asUser,
  eventTypes,
  publisherFixture,
  readPost,
  readTarget,
  tweetPosts,
  type PublisherFixture,
} from './publisher-fixture.ts';

// Short enough to keep the latency cases quick, long enough for a busy test machine.
const timeoutMs = 1_000;
/** X answers this late: after we gave up, and it still stores the post. */
const slow = timeoutMs + 600;

async function threadPost(fx: PublisherFixture, parts: string[]) {
  const made = await makePost(fx.db, {
    clientId: fx.clientId,
    accountIds: [fx.account.id],
    parts,
  });
  return { ...made, targetId: made.targets[fx.account.id] ?? '' };
}

/** Injects `rule` just before the part at `position` is sent. */
function faultOnPart(fx: PublisherFixture, position: number, rule: FaultRule) {
  let armed = true;
  fx.onEvent((event) => {
    if (armed && event.type === 'part.sending' && event.detail.position === position) {
      armed = false;
      fx.fake.fault(rule);
    }
  });
}

/** Waits (real time) until the fake has recorded `count` posts of the user. */
async function untilPosted(fx: PublisherFixture, count: number) {
  for (let i = 0; i < 200 && fx.postsOf(fx.user.id).length < count; i += 1) await sleep(25);
}

/** Asserts the thread is on X once, in order, each part replying to the one before. */
function expectThreadOnce(fx: PublisherFixture, parts: string[]) {
  const posts = fx.postsOf(fx.user.id);
  expect(posts.map((t) => t.text)).toEqual(parts);
  expect(posts.map((t) => t.replyToId)).toEqual(
    posts.map((_, i) => (i === 0 ? null : (posts[i - 1]?.id ?? 'missing'))),
  );
}

const postTweets = { method: 'POST', path: '/2/tweets' } as const;
const timeline = { method: 'GET', path: '/2/users/:id/tweets' } as const;

describe('publisher outcomes for each fault', () => {
  it('5xx: retry later, nothing posted; the next run publishes', async () => {
    const fx = await publisherFixture({ timeoutMs });
    const { targetId, postId } = await threadPost(fx, ['Server trouble']);
    fx.fake.fault({ ...postTweets, kind: 'status', status: 503 });

    expect(await fx.publish(targetId)).toEqual({
      kind: 'retry',
      at: null,
      code: 'UNAVAILABLE',
      reason: 'Waiting for X to recover. X had a server error (503).',
      // A definite 5xx: nothing may be out, so a hold after this is swept as usual.
      mayBeOut: false,
    });
    expect(await readTarget(fx, targetId)).toMatchObject({
      status: 'scheduled',
      error_code: 'UNAVAILABLE',
      attempts: 1,
    });
    expect(await readPost(fx, postId)).toMatchObject({ status: 'scheduled' });
    expect(fx.postsOf(fx.user.id)).toEqual([]);

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(await readTarget(fx, targetId)).toMatchObject({ attempts: 2, error_code: null });
    expectThreadOnce(fx, ['Server trouble']);
  });

  it('429: retry at the reset time X sent in x-rate-limit-reset', async () => {
    const fx = await publisherFixture({ timeoutMs });
    const { targetId } = await threadPost(fx, ['Too fast']);
    fx.fake.fault({ ...postTweets, kind: 'rate-limit', resetInSeconds: 600 });

    const outcome = await fx.publish(targetId);

    const resetAt = (Math.ceil(fx.fake.clock.now() / 1000) + 600) * 1000;
    expect(outcome).toEqual({
      kind: 'retry',
      at: resetAt,
      code: 'RATE_LIMITED',
      reason: `Waiting for X's rate limit to reset. X's rate limit was reached (429).`,
      mayBeOut: false,
    });
    expect(fx.postsOf(fx.user.id)).toEqual([]);
    fx.core.advance(resetAt - fx.core.clock.now());
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expectThreadOnce(fx, ['Too fast']);
  });

  it('response dropped after X recorded the post: found on the timeline, published, not posted again', async () => {
    const fx = await publisherFixture({ timeoutMs });
    const { targetId, postId } = await threadPost(fx, ['Lost answer']);
    fx.fake.fault({ ...postTweets, kind: 'drop-after-record' });

    const outcome = await fx.publish(targetId);

    const [post] = fx.postsOf(fx.user.id);
    expect(outcome).toMatchObject({ kind: 'published', remoteId: post?.id });
    expectThreadOnce(fx, ['Lost answer']);
    expect(tweetPosts(fx.fake)).toBe(1);
    expect(await eventTypes(fx, postId)).toEqual(
      expect.arrayContaining([
        'part.sending',
        'part.failed',
        'target.reconciled',
        'target.published',
      ]),
    );
    const failed = fx.events.find((e) => e.type === 'part.failed');
    expect(failed?.detail).toMatchObject({ outcome: 'ambiguous', ambiguous: true });
  });

  it('connection reset after sending: not on X, so retried; the retry checks X first and then posts once', async () => {
    const fx = await publisherFixture({ timeoutMs });
    const { targetId } = await threadPost(fx, ['Reset me']);
    fx.fake.fault({ ...postTweets, kind: 'reset' });

    // The journal's unanswered send: the scheduler keeps the job from the missed sweep.
    expect(await fx.publish(targetId)).toMatchObject({
      kind: 'retry',
      at: null,
      code: 'UNCONFIRMED',
      mayBeOut: true,
    });
    expect(fx.postsOf(fx.user.id)).toEqual([]);
    const lookups = () =>
      fx.fake.ledger.requests().filter((r) => r.path.endsWith('/tweets') && r.method === 'GET');
    expect(lookups()).toHaveLength(1);

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(lookups()).toHaveLength(2);
    expectThreadOnce(fx, ['Reset me']);
  });

  it('an account that posted more since than a look-up reads back: a person looks, nothing is resent', async () => {
    const fx = await publisherFixture({ timeoutMs });
    const { targetId } = await threadPost(fx, ['Lost in a busy timeline']);
    fx.fake.fault({ ...postTweets, kind: 'reset' });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry', code: 'UNCONFIRMED' });
    // The account posts 310 times from elsewhere (X's limit: 100 per 15 minutes).
    const elsewhere = asUser(fx, fx.user.id);
    for (let i = 0; i < 310; i += 1) {
      if (i > 0 && i % 100 === 0) fx.core.advance(15 * 60_000);
      await elsewhere.v2.tweet({ text: `Elsewhere ${String(i)}` });
    }

    const outcome = await fx.publish(targetId);
    expect(outcome).toMatchObject({ kind: 'failed', code: 'UNCHECKABLE' });
    expect((outcome as { message: string }).message).toMatch(
      /more than 300 times since.*https:\/\/x\.com\//,
    );
    expect(tweetPosts(fx.fake)).toBe(311);
    expect(await readTarget(fx, targetId)).toMatchObject({ status: 'needs_review' });
  });

  it('latency beyond the timeout while X records the post: unconfirmed at first, then found and published', async () => {
    const fx = await publisherFixture({ timeoutMs });
    const { targetId } = await threadPost(fx, ['Slow X']);
    fx.fake.fault({ ...postTweets, kind: 'latency', ms: slow });

    const first = await fx.publish(targetId);
    // Timed out after sending, and X had not stored it yet when we looked.
    expect(first).toMatchObject({ kind: 'retry', code: 'UNCONFIRMED' });
    expect((first as { reason: string }).reason).toMatch(/Request timeout/);
    await untilPosted(fx, 1);

    const second = await fx.publish(targetId);
    const [post] = fx.postsOf(fx.user.id);
    expect(second).toMatchObject({ kind: 'published', remoteId: post?.id });
    expect(tweetPosts(fx.fake)).toBe(1);
    expectThreadOnce(fx, ['Slow X']);
  });

  it('a 401 is retried once after a token refresh, and the post goes out', async () => {
    const fx = await publisherFixture({ timeoutMs });
    const { targetId } = await threadPost(fx, ['Refresh and go']);
    fx.fake.fault({ ...postTweets, kind: 'revoked' });

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const refreshes = fx.fake.ledger
      .requests()
      .filter((r) => r.path === '/2/oauth2/token' && (r.body ?? '').includes('refresh_token'));
    expect(refreshes).toHaveLength(1);
    expectThreadOnce(fx, ['Refresh and go']);
  });

  it('revoked access: held (not failed) and the account needs reconnecting', async () => {
    const fx = await publisherFixture({ timeoutMs });
    const { targetId, postId } = await threadPost(fx, ['Nobody home']);
    fx.fake.revokeUser(fx.user.id);

    const outcome = await fx.publish(targetId);

    expect(outcome).toMatchObject({ kind: 'held', code: 'AUTH_EXPIRED' });
    expect((outcome as { reason: string }).reason).toMatch(/reconnect/i);
    expect(await readTarget(fx, targetId)).toMatchObject({
      status: 'scheduled',
      error_code: 'AUTH_EXPIRED',
    });
    expect(await readPost(fx, postId)).toMatchObject({ status: 'scheduled' });
    const account = await fx.db
      .selectFrom('social_accounts')
      .select('status')
      .where('id', '=', fx.account.id)
      .executeTakeFirstOrThrow();
    expect(account.status).toBe('needs_reauth');
    expect(await eventTypes(fx, postId)).toContain('target.held');
    expect(fx.postsOf(fx.user.id)).toEqual([]);
  });
});

describe('duplicate content', () => {
  it('found among the account’s recent posts: recorded as published, not failed', async () => {
    const fx = await publisherFixture({ timeoutMs });
    // The same words went out moments ago by another way (another device, a lost run).
    await asUser(fx, fx.user.id).v2.tweet('Said it already');
    const { targetId, postId } = await threadPost(fx, ['Said it already']);

    const outcome = await fx.publish(targetId);

    const [post] = fx.postsOf(fx.user.id);
    expect(outcome).toMatchObject({ kind: 'published', remoteId: post?.id });
    expect(fx.postsOf(fx.user.id)).toHaveLength(1);
    expect(await eventTypes(fx, postId)).toContain('target.reconciled');
  });

  it('not found (an older post with the same text): failed with X’s own message', async () => {
    const fx = await publisherFixture({ timeoutMs });
    const { targetId: olderTarget } = await threadPost(fx, ['Good morning!']);
    expect(await fx.publish(olderTarget)).toMatchObject({ kind: 'published' });
    fx.core.advance(3 * 60 * 60_000);
    const { targetId, postId } = await threadPost(fx, ['Good morning!']);

    const outcome = await fx.publish(targetId);

    expect(outcome).toMatchObject({ kind: 'failed', code: 'DUPLICATE' });
    const message = (outcome as { message: string }).message;
    expect(message).toContain('You are not allowed to create a Tweet with duplicate content.');
    expect(await readTarget(fx, targetId)).toMatchObject({
      status: 'failed',
      error_code: 'DUPLICATE',
      error_message: message,
    });
    expect(await readPost(fx, postId)).toMatchObject({ status: 'failed' });
    expect(fx.postsOf(fx.user.id)).toHaveLength(1);
  });
});

describe('threads survive crashes', () => {
  it('resumes after the answer to part 2 was lost and the check failed too: part 2 is found, part 3 posted, nothing twice', async () => {
    const fx = await publisherFixture({ timeoutMs });
    const parts = ['Crash course (1/3)', 'Mid-air (2/3)', 'Landed (3/3)'];
    const { targetId } = await threadPost(fx, parts);
    faultOnPart(fx, 1, { ...postTweets, kind: 'drop-after-record' });
    faultOnPart(fx, 1, { ...timeline, kind: 'status', status: 503 });

    // The run ends like a crash: part 2 is on X, but nothing here says so.
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry' });
    expect(fx.postsOf(fx.user.id)).toHaveLength(2);

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expectThreadOnce(fx, parts);
    expect(tweetPosts(fx.fake)).toBe(3);
  });

  it('resumes after the process died just before part 2 was sent: part 1 is not posted again', async () => {
    const fx = await publisherFixture({ timeoutMs });
    const parts = ['Before the crash (1/3)', 'After the crash (2/3)', 'Done (3/3)'];
    const { targetId } = await threadPost(fx, parts);
    let crashed = false;
    fx.onEvent((event) => {
      if (!crashed && event.type === 'part.sending' && event.detail.position === 1) {
        crashed = true;
        throw new Error('simulated crash');
      }
    });

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry', code: 'INTERNAL' });
    expect(fx.postsOf(fx.user.id)).toHaveLength(1);
    expect(await readTarget(fx, targetId)).toMatchObject({
      status: 'scheduled',
      error_code: 'INTERNAL',
    });

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expectThreadOnce(fx, parts);
  });

  it('a rejected part 3 leaves the thread for review with the first part’s link', async () => {
    const fx = await publisherFixture({ timeoutMs });
    const { targetId, postId } = await threadPost(fx, ['One', 'Two', 'Three']);
    let deleting: Promise<unknown> = Promise.resolve();
    // X refuses replies to a post that is gone: delete part 2 before part 3 is sent.
    fx.onEvent((event) => {
      if (event.type === 'part.posted' && event.detail.position === 1) {
        deleting = asUser(fx, fx.user.id).v2.deleteTweet(String(event.detail.remoteId));
      }
    });
    // Part 3 waits on X's side until the delete has landed.
    fx.onEvent((event) => {
      if (event.type === 'part.sending' && event.detail.position === 2) {
        fx.fake.fault({ ...postTweets, kind: 'latency', ms: 200 });
      }
    });

    const outcome = await fx.publish(targetId);
    await deleting;

    expect(outcome).toMatchObject({ kind: 'failed', code: 'PLATFORM_REJECTED' });
    expect((outcome as { message: string }).message).toContain('X refused part 3');
    const first = fx.postsOf(fx.user.id)[0];
    expect(await readTarget(fx, targetId)).toMatchObject({
      status: 'needs_review',
      remote_id: first?.id,
    });
    expect(await readPost(fx, postId)).toMatchObject({ status: 'needs_review' });
  });
});

describe('never posts twice', () => {
  const kinds: { name: string; rule: FaultRule }[] = [
    { name: 'latency', rule: { ...postTweets, kind: 'latency', ms: slow } },
    { name: '5xx', rule: { ...postTweets, kind: 'status', status: 502 } },
    { name: '429', rule: { ...postTweets, kind: 'rate-limit', resetInSeconds: 60 } },
    { name: 'drop-after-record', rule: { ...postTweets, kind: 'drop-after-record' } },
    { name: 'reset', rule: { ...postTweets, kind: 'reset' } },
    { name: 'revoked', rule: { ...postTweets, kind: 'revoked' } },
    { name: 'lookup failing', rule: { ...timeline, kind: 'status', status: 500, times: 2 } },
  ];

  it.each(kinds)(
    '$name on each part of a thread: every part on X exactly once, in order',
    async ({ rule }) => {
      for (const position of [0, 1, 2]) {
        const fx = await publisherFixture({ timeoutMs });
        const parts = [`p${position} one`, `p${position} two`, `p${position} three`];
        const { targetId } = await threadPost(fx, parts);
        faultOnPart(fx, position, rule);
        // For the lookup fault, also lose the answer so a lookup is needed.
        if (rule.path === timeline.path) {
          faultOnPart(fx, position, { ...postTweets, kind: 'drop-after-record' });
        }

        let outcome: PublishOutcome | undefined;
        for (let run = 0; run < 5 && outcome?.kind !== 'published'; run += 1) {
          outcome = await fx.publish(targetId);
          if (outcome.kind === 'retry' && outcome.at !== null) {
            fx.core.advance(Math.max(0, outcome.at - fx.core.clock.now()));
          }
          // A slow X stores the post only after we gave up waiting.
          if (rule.kind === 'latency') await untilPosted(fx, position + 1);
        }

        expect(outcome, `fault on part ${position + 1}`).toMatchObject({ kind: 'published' });
        expectThreadOnce(fx, parts);
      }
    },
  );
});
