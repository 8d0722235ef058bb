// Media on X: chunked v2 uploads with alt text before the post, video and GIF processing
// polled to the end, an upload reused while X keeps it, uploaded again once it expired,
// and again once when X refuses an id it has forgotten.
import { describe, expect, it } from 'vitest';
import { makeMediaAsset, makePost, pngBytes } from '../helpers/post-factories.ts';
import { eventTypes, publisherFixture, readTarget, tweetPosts } from './publisher-fixture.ts';
import type { PublisherFixture } from './publisher-fixture.ts';

const day = 24 * 60 * 60_000;

const requests = (fx: PublisherFixture, method: string, path: string | RegExp) =>
  fx.fake.ledger
    .requests()
    .filter(
      (r) =>
        r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
    );
const initializes = (fx: PublisherFixture) => requests(fx, 'POST', '/2/media/upload/initialize');

async function imagePost(fx: PublisherFixture, assetId: string, text: string, alt = '') {
  const made = await makePost(fx.db, {
    clientId: fx.clientId,
    accountIds: [fx.account.id],
    parts: [{ text, media: [{ assetId, alt }] }],
  });
  return { ...made, targetId: made.targets[fx.account.id] ?? '' };
}

describe('publishing with media', () => {
  it('uploads images in 1 MB chunks with their alt text before posting', async () => {
    const fx = await publisherFixture();
    const big = pngBytes(2.5 * 1024 * 1024);
    const small = pngBytes(4096);
    const bigId = await makeMediaAsset(fx.db, fx.core.dataDir, {
      bytes: big,
      kind: 'image',
      mime: 'image/png',
    });
    const smallId = await makeMediaAsset(fx.db, fx.core.dataDir, {
      bytes: small,
      kind: 'image',
      mime: 'image/png',
    });
    const { targets, postId } = await makePost(fx.db, {
      clientId: fx.clientId,
      accountIds: [fx.account.id],
      parts: [
        {
          text: 'Two loaves',
          media: [
            { assetId: bigId, alt: 'A dark rye loaf on a cooling rack' },
            { assetId: smallId, alt: 'Crumb shot of the rye' },
          ],
        },
      ],
    });

    const outcome = await fx.publish(targets[fx.account.id] ?? '');

    expect(outcome).toMatchObject({ kind: 'published' });
    const [tweet] = fx.postsOf(fx.user.id);
    expect(tweet?.mediaIds).toHaveLength(2);
    const [first, second] = (tweet?.mediaIds ?? []).map((id) => fx.fake.media.get(id));
    expect(first?.data.equals(big)).toBe(true);
    expect(first?.altText).toBe('A dark rye loaf on a cooling rack');
    expect(first?.mediaCategory).toBe('tweet_image');
    expect(second?.data.equals(small)).toBe(true);
    expect(second?.altText).toBe('Crumb shot of the rye');
    expect(requests(fx, 'POST', /^\/2\/media\/upload\/\d+\/append$/)).toHaveLength(3 + 1);
    // Every upload step came before the post.
    const log = fx.fake.ledger.requests();
    const postAt = log.findIndex((r) => r.path === '/2/tweets');
    expect(log.slice(postAt).some((r) => r.path.startsWith('/2/media'))).toBe(false);
    expect((await eventTypes(fx, postId)).filter((t) => t === 'media.uploaded')).toHaveLength(2);
  });

  it('waits for a video to finish processing, polling the upload status', async () => {
    const fx = await publisherFixture();
    const video = Buffer.alloc(300_000, 7);
    const videoId = await makeMediaAsset(fx.db, fx.core.dataDir, {
      bytes: video,
      kind: 'video',
      mime: 'video/mp4',
      durationMs: 12_000,
    });

    const { targetId } = await imagePost(fx, videoId, 'Behind the scenes at 4 am');
    const outcome = await fx.publish(targetId);

    expect(outcome).toMatchObject({ kind: 'published' });
    const media = fx.fake.media.get(fx.postsOf(fx.user.id)[0]?.mediaIds[0] ?? '');
    expect(media).toMatchObject({ mediaCategory: 'tweet_video', state: 'succeeded' });
    expect(media?.data.equals(video)).toBe(true);
    expect(requests(fx, 'GET', '/2/media/upload').length).toBeGreaterThan(0);
  });

  it('uploads a GIF as tweet_gif with its alt text', async () => {
    const fx = await publisherFixture();
    const gifId = await makeMediaAsset(fx.db, fx.core.dataDir, {
      bytes: Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(5000, 3)]),
      kind: 'gif',
      mime: 'image/gif',
    });
    const { targetId } = await imagePost(
      fx,
      gifId,
      'Dough rising, sped up',
      'Dough doubling in a bowl',
    );
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const media = fx.fake.media.get(fx.postsOf(fx.user.id)[0]?.mediaIds[0] ?? '');
    expect(media).toMatchObject({
      mediaCategory: 'tweet_gif',
      state: 'succeeded',
      altText: 'Dough doubling in a bowl',
    });
  });

  it('fails with X’s reason when X cannot process the video, without posting', async () => {
    const fx = await publisherFixture();
    const videoId = await makeMediaAsset(fx.db, fx.core.dataDir, {
      bytes: Buffer.alloc(10_000, 1),
      kind: 'video',
      mime: 'video/mp4',
      durationMs: 3_000,
    });
    fx.fake.media.failNextProcessing();
    const { targetId } = await imagePost(fx, videoId, 'Will not work');

    const outcome = await fx.publish(targetId);

    expect(outcome).toMatchObject({ kind: 'failed', code: 'PLATFORM_REJECTED' });
    expect((outcome as { message: string }).message).toContain('Unsupported video format');
    expect(tweetPosts(fx.fake)).toBe(0);
  });

  it('reuses an upload for the same account while X keeps it', async () => {
    const fx = await publisherFixture();
    const assetId = await makeMediaAsset(fx.db, fx.core.dataDir, {
      bytes: pngBytes(),
      kind: 'image',
      mime: 'image/png',
    });
    const a = await imagePost(fx, assetId, 'Monday special', 'Cinnamon buns');
    const b = await imagePost(fx, assetId, 'Tuesday special', 'Cinnamon buns');
    await fx.publish(a.targetId);
    fx.core.advance(6 * 60 * 60_000);
    await fx.publish(b.targetId);

    const [first, second] = fx.postsOf(fx.user.id);
    expect(second?.mediaIds).toEqual(first?.mediaIds);
    expect(initializes(fx)).toHaveLength(1);
    expect(requests(fx, 'POST', '/2/media/metadata')).toHaveLength(1);
  });

  it('uploads again once the earlier upload expired (X media ids last about a day)', async () => {
    const fx = await publisherFixture();
    const assetId = await makeMediaAsset(fx.db, fx.core.dataDir, {
      bytes: pngBytes(),
      kind: 'image',
      mime: 'image/png',
    });
    const a = await imagePost(fx, assetId, 'Today', 'Rye');
    const b = await imagePost(fx, assetId, 'Tomorrow', 'Rye');
    await fx.publish(a.targetId);
    fx.core.advance(day + 60_000);

    expect(await fx.publish(b.targetId)).toMatchObject({ kind: 'published' });

    const [first, second] = fx.postsOf(fx.user.id);
    expect(second?.mediaIds).toHaveLength(1);
    expect(second?.mediaIds).not.toEqual(first?.mediaIds);
    expect(initializes(fx)).toHaveLength(2);
    expect(fx.fake.media.get(second?.mediaIds[0] ?? '')?.altText).toBe('Rye');
  });

  it('uploads again, once, when X refuses a media id it has forgotten', async () => {
    const fx = await publisherFixture();
    const assetId = await makeMediaAsset(fx.db, fx.core.dataDir, {
      bytes: pngBytes(),
      kind: 'image',
      mime: 'image/png',
    });
    const a = await imagePost(fx, assetId, 'First', 'Bread');
    const b = await imagePost(fx, assetId, 'Second', 'Bread');
    await fx.publish(a.targetId);
    // Our record says the upload is good for a week; X's clock says it has expired.
    await fx.db
      .updateTable('x_media_uploads')
      .set({ expires_at: fx.core.clock.now() + 7 * day })
      .execute();
    fx.core.advance(day + 60_000);

    const outcome = await fx.publish(b.targetId);

    expect(outcome).toMatchObject({ kind: 'published' });
    expect(initializes(fx)).toHaveLength(2);
    expect(tweetPosts(fx.fake)).toBe(3);
    expect(fx.postsOf(fx.user.id).map((t) => t.text)).toEqual(['First', 'Second']);
    const refused = fx.events.find((e) => e.type === 'part.failed' && e.postId === b.postId);
    expect(refused?.detail).toMatchObject({
      outcome: 'rejected',
      reason: 'Your media IDs are invalid.',
    });
  });

  it('attaches media to the right thread part', async () => {
    const fx = await publisherFixture();
    const assetId = await makeMediaAsset(fx.db, fx.core.dataDir, {
      bytes: pngBytes(),
      kind: 'image',
      mime: 'image/png',
    });
    const { targets } = await makePost(fx.db, {
      clientId: fx.clientId,
      accountIds: [fx.account.id],
      parts: ['Part one, words only', { text: 'Part two, with a photo', media: [{ assetId }] }],
    });
    expect(await fx.publish(targets[fx.account.id] ?? '')).toMatchObject({ kind: 'published' });
    const [one, two] = fx.postsOf(fx.user.id);
    expect(one?.mediaIds).toEqual([]);
    expect(two?.mediaIds).toHaveLength(1);
    expect(two?.replyToId).toBe(one?.id);
    expect(fx.fake.media.get(two?.mediaIds[0] ?? '')?.altText).toBeNull();
  });

  it('refuses media X would refuse, before any request', async () => {
    const fx = await publisherFixture();
    const image = await makeMediaAsset(fx.db, fx.core.dataDir, {
      bytes: pngBytes(),
      kind: 'image',
      mime: 'image/png',
    });
    const video = await makeMediaAsset(fx.db, fx.core.dataDir, {
      bytes: Buffer.alloc(1000, 2),
      kind: 'video',
      mime: 'video/mp4',
      durationMs: 200_000,
    });
    const mixed = await makePost(fx.db, {
      clientId: fx.clientId,
      accountIds: [fx.account.id],
      parts: ['Fine', { text: 'Photo and film', media: [{ assetId: image }, { assetId: video }] }],
    });
    const long = await makePost(fx.db, {
      clientId: fx.clientId,
      accountIds: [fx.account.id],
      parts: [{ text: 'A long film', media: [{ assetId: video }] }],
    });
    const before = fx.fake.ledger.requests().length;

    const mixedTarget = mixed.targets[fx.account.id] ?? '';
    expect(await fx.publish(mixedTarget)).toEqual({
      kind: 'failed',
      code: 'VALIDATION',
      message: 'Part 2: X allows either up to 4 images, or one GIF, or one video in a post.',
    });
    expect(await fx.publish(long.targets[fx.account.id] ?? '')).toEqual({
      kind: 'failed',
      code: 'VALIDATION',
      message: 'The post: X accepts videos from 0.5 to 140 seconds long.',
    });
    expect(fx.fake.ledger.requests()).toHaveLength(before);
    expect(await readTarget(fx, mixedTarget)).toMatchObject({
      status: 'failed',
      error_code: 'VALIDATION',
    });
  });
});
