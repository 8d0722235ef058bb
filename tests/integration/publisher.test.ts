// The X publisher on the happy paths and its checks: a text post, a thread with a
// per-account variant, over-length text refused before any request, idempotent re-runs,
// the event log and the post status rolled up from two targets.
import { describe, expect, it } from 'vitest';
import { makePost } from '../helpers/post-factories.ts';
import {
  eventTypes,
  publisherFixture,
  readPost,
  readTarget,
  tweetPosts,
} from './publisher-fixture.ts';

describe('publishing to X', () => {
  it('publishes a text post and records its id, link and time on the target', async () => {
    const fx = await publisherFixture({ username: 'nova_bakery' });
    const { postId, targets } = await makePost(fx.db, {
      clientId: fx.clientId,
      accountIds: [fx.account.id],
      parts: ['Fresh sourdough at 8 am 🍞 https://nova.example/bread'],
    });
    const targetId = targets[fx.account.id] ?? '';

    const outcome = await fx.publish(targetId);

    const [tweet] = fx.postsOf(fx.user.id);
    expect(fx.postsOf(fx.user.id)).toHaveLength(1);
    expect(tweet?.text).toBe('Fresh sourdough at 8 am 🍞 https://nova.example/bread');
    expect(tweet?.replyToId).toBeNull();
    const url = `https://x.com/nova_bakery/status/${tweet?.id ?? ''}`;
    expect(outcome).toEqual({ kind: 'published', remoteId: tweet?.id, url });
    expect(await readTarget(fx, targetId)).toMatchObject({
      status: 'published',
      remote_id: tweet?.id,
      remote_url: url,
      published_at: fx.core.clock.now(),
      attempts: 1,
      error_code: null,
      error_message: null,
    });
    expect(await readPost(fx, postId)).toMatchObject({
      status: 'published',
      published_at: fx.core.clock.now(),
    });
    expect(await eventTypes(fx, postId)).toEqual([
      'target.publishing',
      'post.status',
      'part.sending',
      'part.posted',
      'target.published',
      'post.status',
    ]);
  });

  it('posts a thread part by part, each a reply to the one before, with the account’s variant text', async () => {
    const fx = await publisherFixture();
    const { targets, partIds } = await makePost(fx.db, {
      clientId: fx.clientId,
      accountIds: [fx.account.id],
      parts: [
        'A thread about rye (1/3)',
        { text: 'Generic part two', variants: { [fx.account.id]: 'Rye loves a long proof (2/3)' } },
        'Bake it hot and dark (3/3)',
      ],
    });
    const targetId = targets[fx.account.id] ?? '';

    const outcome = await fx.publish(targetId);

    const posts = fx.postsOf(fx.user.id);
    expect(posts.map((t) => t.text)).toEqual([
      'A thread about rye (1/3)',
      'Rye loves a long proof (2/3)',
      'Bake it hot and dark (3/3)',
    ]);
    expect(posts.map((t) => t.replyToId)).toEqual([null, posts[0]?.id, posts[1]?.id]);
    expect(outcome).toMatchObject({ kind: 'published', remoteId: posts[0]?.id });
    const recorded = await fx.db
      .selectFrom('post_target_parts')
      .select(['part_id', 'remote_id'])
      .where('target_id', '=', targetId)
      .execute();
    expect(new Map(recorded.map((r) => [r.part_id, r.remote_id]))).toEqual(
      new Map(partIds.map((id, i) => [id, posts[i]?.id])),
    );
  });

  it('is idempotent: publishing a published target again sends nothing and answers the same', async () => {
    const fx = await publisherFixture();
    const { targets } = await makePost(fx.db, {
      clientId: fx.clientId,
      accountIds: [fx.account.id],
      parts: ['Once only', 'Also once'],
    });
    const targetId = targets[fx.account.id] ?? '';
    const first = await fx.publish(targetId);
    const posts = tweetPosts(fx.fake);

    const again = await fx.publish(targetId);

    expect(again).toEqual(first);
    expect(tweetPosts(fx.fake)).toBe(posts);
    expect(fx.postsOf(fx.user.id)).toHaveLength(2);
  });

  it('refuses over-length text before any request to POST /2/tweets, naming the part', async () => {
    const fx = await publisherFixture();
    const { postId, targets } = await makePost(fx.db, {
      clientId: fx.clientId,
      accountIds: [fx.account.id],
      // Weighted as X counts: 254 + 1 + a URL (23, however long) + 1 + an emoji (2) = 281.
      parts: ['fits', `${'x'.repeat(254)} https://example.com/${'a'.repeat(80)} 🙂`],
    });
    const targetId = targets[fx.account.id] ?? '';

    const outcome = await fx.publish(targetId);

    expect(outcome).toEqual({
      kind: 'failed',
      code: 'VALIDATION',
      message: 'Part 2 is 281 characters long; X allows 280.',
    });
    expect(tweetPosts(fx.fake)).toBe(0);
    expect(await readTarget(fx, targetId)).toMatchObject({
      status: 'failed',
      error_code: 'VALIDATION',
      error_message: 'Part 2 is 281 characters long; X allows 280.',
      remote_id: null,
    });
    expect(await readPost(fx, postId)).toMatchObject({ status: 'failed' });
    expect(await eventTypes(fx, postId)).toContain('target.failed');
  });

  it('rolls the post up to partially published when one of two targets fails', async () => {
    const fx = await publisherFixture();
    const other = await fx.connectAnother('nova_bakery_de');
    const { postId, targets } = await makePost(fx.db, {
      clientId: fx.clientId,
      accountIds: [fx.account.id, other.account.id],
      parts: [
        {
          text: 'Open on Sunday',
          variants: { [other.account.id]: `Sonntags geöffnet ${'!'.repeat(280)}` },
        },
      ],
    });
    const first = targets[fx.account.id] ?? '';
    const second = targets[other.account.id] ?? '';

    expect(await fx.publish(first)).toMatchObject({ kind: 'published' });
    expect(await readPost(fx, postId)).toMatchObject({ status: 'publishing' });
    expect(await fx.publish(second)).toMatchObject({ kind: 'failed', code: 'VALIDATION' });

    const post = await readPost(fx, postId);
    expect(post.status).toBe('partially_published');
    expect(post.published_at).toBe((await readTarget(fx, first)).published_at);
    expect(fx.postsOf(other.user.id)).toEqual([]);
    expect(fx.postsOf(fx.user.id).map((t) => t.text)).toEqual(['Open on Sunday']);
  });

  it('rolls the post up to published only when both targets are', async () => {
    const fx = await publisherFixture();
    const other = await fx.connectAnother();
    const { postId, targets } = await makePost(fx.db, {
      clientId: fx.clientId,
      accountIds: [fx.account.id, other.account.id],
      parts: ['Same words, two accounts'],
    });
    await fx.publish(targets[fx.account.id] ?? '');
    await fx.publish(targets[other.account.id] ?? '');
    expect(await readPost(fx, postId)).toMatchObject({ status: 'published' });
    expect(fx.postsOf(other.user.id)).toHaveLength(1);
    expect(fx.postsOf(fx.user.id)).toHaveLength(1);
  });

  it('skips a cancelled post without calling X', async () => {
    const fx = await publisherFixture();
    const { targets } = await makePost(fx.db, {
      clientId: fx.clientId,
      accountIds: [fx.account.id],
      parts: ['Never mind'],
      status: 'cancelled',
    });
    expect(await fx.publish(targets[fx.account.id] ?? '')).toEqual({
      kind: 'skipped',
      reason: 'The post was cancelled.',
    });
    expect(tweetPosts(fx.fake)).toBe(0);
  });
});
