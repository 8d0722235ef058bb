// Publishing to Threads against the fake: text with its link attached, a thread as the
// author's replies in order, an image and a carousel handed over through the media relay
// on s3rver (the fake fetches the presigned URL; afterwards the relay holds nothing and the
// URL no longer works), media refused in words without a relay, a publish whose answer was
// lost looked up and never sent twice, a container made once and published on retry, and
// Threads' daily limits.
import { describe, expect, it } from 'vitest';
import { postedIds, readTarget, threadsFixture } from './threads-fixture.ts';

describe('publish to Threads', () => {
  it('posts text, attaching its first link, and commits the id and permalink', async () => {
    const fx = await threadsFixture();
    const { targetId } = await fx.post(['Rye is back 🥖 see https://nova.example/menu today']);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const [post] = fx.posts();
    expect(post).toMatchObject({
      mediaType: 'TEXT',
      text: 'Rye is back 🥖 see https://nova.example/menu today',
      linkAttachment: 'https://nova.example/menu',
      replyToId: null,
    });
    const target = await readTarget(fx, targetId);
    expect(target).toMatchObject({ status: 'published', remote_id: post?.id });
    expect(target.remote_url).toBe(`https://www.threads.net/@user/post/${post?.shortcode ?? ''}`);
  });

  it('posts a thread as replies, each to the part before it, in order', async () => {
    const fx = await threadsFixture();
    const { targetId } = await fx.post(['One: the dough', 'Two: the proof', 'Three: the bake']);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const posts = fx.posts();
    expect(posts.map((p) => p.text)).toEqual([
      'One: the dough',
      'Two: the proof',
      'Three: the bake',
    ]);
    expect(posts.map((p) => p.replyToId)).toEqual([null, posts[0]?.id, posts[1]?.id]);
    expect(await postedIds(fx, targetId)).toEqual(posts.map((p) => p.id));
  });

  it('hands an image over through the relay: fetched once by Threads, then gone', async () => {
    const fx = await threadsFixture({ withRelay: true });
    const image = await fx.image();
    const { targetId } = await fx.post([
      { text: 'Fresh from the oven', media: [{ assetId: image, alt: 'A loaf of rye' }] },
    ]);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const [post] = fx.posts();
    expect(post).toMatchObject({ mediaType: 'IMAGE', altTexts: ['A loaf of rye'] });
    const fetches = fx.fake.ledger.fetches();
    expect(fetches).toHaveLength(1);
    expect(fetches[0]?.status).toBe(200);
    // The relay's copy was deleted once Threads had it: the URL works no more.
    expect(fx.s3?.keys()).toEqual([]);
    const again = await fetch(fetches[0]?.url ?? '');
    expect(again.status).not.toBe(200);
  });

  it('posts a carousel through the relay, each item a container of its own', async () => {
    const fx = await threadsFixture({ withRelay: true });
    const images = [await fx.image(), await fx.image(), await fx.image()];
    const { targetId } = await fx.post([
      { text: 'Three loaves', media: images.map((assetId) => ({ assetId })) },
    ]);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const [post] = fx.posts();
    expect(post?.mediaType).toBe('CAROUSEL');
    expect(post?.mediaUrls).toHaveLength(3);
    expect(fx.fake.ledger.fetches().map((f) => f.status)).toEqual([200, 200, 200]);
    expect(fx.s3?.keys()).toEqual([]);
  });

  it('refuses media without a relay, saying why, and sends nothing', async () => {
    const fx = await threadsFixture();
    const image = await fx.image();
    const { targetId } = await fx.post([{ text: 'Look', media: [{ assetId: image }] }]);
    const outcome = await fx.publish(targetId);
    expect(outcome).toMatchObject({ kind: 'failed', code: 'PLATFORM_REJECTED' });
    if (outcome.kind === 'failed') expect(outcome.message).toContain('media relay');
    expect(fx.fake.ledger.containers()).toEqual([]);
    expect(fx.posts()).toEqual([]);
  });

  it('looks a publish whose answer was lost up, and adopts it instead of posting twice', async () => {
    const fx = await threadsFixture();
    const { targetId } = await fx.post(['Only once, please']);
    fx.fake.fault({
      method: 'POST',
      path: '/v1.0/:user/threads_publish',
      kind: 'drop-after-record',
    });
    // The container noted in this very attempt is asked about at once: PUBLISHED, so the
    // post is found among the account's threads and adopted.
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(fx.posts()).toHaveLength(1);
    const publishes = fx.fake.ledger.requests().filter((r) => r.path.endsWith('/threads_publish'));
    expect(publishes).toHaveLength(1);
    expect(fx.fake.ledger.containers()).toHaveLength(1);
    expect(await postedIds(fx, targetId)).toEqual([fx.posts()[0]?.id]);
  });

  it('publishes the same container after a server error, making no second one', async () => {
    const fx = await threadsFixture();
    const { targetId } = await fx.post(['Same container']);
    fx.fake.fault({
      method: 'POST',
      path: '/v1.0/:user/threads_publish',
      kind: 'status',
      status: 503,
    });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry' });
    expect(fx.posts()).toEqual([]);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(fx.fake.ledger.containers()).toHaveLength(1);
    expect(fx.posts()).toHaveLength(1);
  });

  it('waits while Threads counts the day’s posts as used up', async () => {
    const fx = await threadsFixture();
    fx.fake.setQuota({ posts: 1 });
    fx.fake.postElsewhere(fx.user.id, 'Posted in the Threads app');
    const { targetId } = await fx.post(['Over the limit']);
    const outcome = await fx.publish(targetId);
    expect(outcome).toMatchObject({ kind: 'retry', code: 'RATE_LIMITED' });
    if (outcome.kind === 'retry') expect(outcome.reason).toContain('1 posts a day');
    expect(fx.posts()).toHaveLength(1);
    expect(fx.core.platforms.get('threads').postingLimits).toEqual([
      { parts: 250, windowMs: 86_400_000, words: '250 posts a day' },
    ]);
  });

  it('waits out a rate limit and holds the post when the sign-in was revoked', async () => {
    const fx = await threadsFixture();
    const { targetId } = await fx.post(['Patience']);
    fx.fake.fault({
      path: '/v1.0/:user/threads',
      method: 'POST',
      kind: 'rate-limit',
      resetInSeconds: 60,
    });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry', code: 'RATE_LIMITED' });
    fx.fake.revokeUser(fx.user.id);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'held', code: 'AUTH_EXPIRED' });
    expect(fx.posts()).toEqual([]);
  });
});
