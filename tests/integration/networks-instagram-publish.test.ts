// Publishing to Instagram end to end: the registry's module on a real core, containers on
// the fake Graph API that really fetch the presigned URLs of the media relay (s3rver), and
// the relay emptied as soon as Instagram has each file. Single image with alt text,
// carousels of 10 (and the refusal of 11), Reels, a publish whose answer was lost (looked
// up, never sent twice), a container Instagram refuses, the publishing quota, the first
// comment for hashtags, and what happens without a relay.
import { describe, expect, it } from 'vitest';
import { composeIssuesFor } from '../../shared/compose.ts';
import { instagramFixture, readTarget } from './instagram-fixture.ts';
import { expectOk } from '../helpers/core.ts';

const containerCount = (fx: Awaited<ReturnType<typeof instagramFixture>>) => fx.ig.containers.size;
const calls = (fx: Awaited<ReturnType<typeof instagramFixture>>, path: RegExp) =>
  fx.fake.requests().filter((r) => path.test(r.path)).length;
/** The target's upload notes in its event log ([Note: upload notes]), oldest first. */
const uploadNotes = async (fx: Awaited<ReturnType<typeof instagramFixture>>, targetId: string) =>
  (
    await fx.db
      .selectFrom('post_events')
      .select('detail')
      .where('target_id', '=', targetId)
      .where('type', '=', 'media.uploaded')
      .orderBy('id')
      .execute()
  ).map((e) => JSON.parse(e.detail) as Record<string, unknown>);

describe('Instagram: publishing through the media relay', () => {
  it('publishes one image: Instagram fetches the relay URL, then the object is deleted', async () => {
    const fx = await instagramFixture();
    const asset = await fx.jpeg();
    const { targetId } = await fx.post({
      text: 'Fresh rye this morning #bakery',
      media: [{ assetId: asset, alt: 'A rye loaf on a board' }],
    });

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });

    const [container] = [...fx.ig.containers.values()];
    expect(container).toMatchObject({
      mediaType: 'IMAGE',
      caption: 'Fresh rye this morning #bakery',
      altText: 'A rye loaf on a board',
      status: 'PUBLISHED',
    });
    // The fake fetched the presigned URL, and got the file.
    expect(fx.ig.fetches).toHaveLength(1);
    expect(fx.ig.fetches[0]).toMatchObject({ status: 200, contentType: 'image/jpeg' });
    expect(fx.ig.fetches[0]?.url).toMatch(/X-Amz-Expires=3600/);
    // Released once FINISHED: the bucket is empty and the same URL no longer works.
    expect(fx.s3?.keys()).toEqual([]);
    expect((await fetch(fx.ig.fetches[0]?.url ?? '')).status).toBe(404);

    const media = fx.media();
    expect(media).toHaveLength(1);
    const target = await readTarget(fx, targetId);
    expect(target).toMatchObject({ status: 'published', remote_id: media[0]?.id });
    expect(target.remote_url).toBe(`https://www.instagram.com/p/${media[0]?.shortcode ?? ''}/`);
    // Noted the moment Instagram named it, with the relay object a later attempt would delete.
    expect(await uploadNotes(fx, targetId)).toEqual([
      {
        partId: expect.any(String),
        assetId: asset,
        position: 0,
        remoteMediaId: container?.id,
        expiresAt: expect.any(Number),
        relayKey: expect.stringMatching(/^starling-relay\//),
      },
    ]);
  });

  it('publishes a carousel of 10 as one post, every item fetched, and refuses 11', async () => {
    const fx = await instagramFixture();
    const ten = await Promise.all(Array.from({ length: 10 }, () => fx.jpeg()));
    const { targetId } = await fx.post({
      text: 'Ten loaves',
      media: ten.map((assetId, i) => ({ assetId, alt: `Loaf ${String(i + 1)}` })),
    });

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const containers = [...fx.ig.containers.values()];
    expect(containers.filter((c) => c.isCarouselItem)).toHaveLength(10);
    const album = containers.find((c) => c.mediaType === 'CAROUSEL');
    expect(album).toMatchObject({ caption: 'Ten loaves', status: 'PUBLISHED' });
    expect(album?.children).toHaveLength(10);
    expect(fx.ig.fetches.map((f) => f.status)).toEqual(Array.from({ length: 10 }, () => 200));
    expect(fx.media()).toMatchObject([{ mediaType: 'CAROUSEL_ALBUM' }]);
    expect(fx.s3?.keys()).toEqual([]);

    const eleven = [...ten, await fx.jpeg()];
    const over = await fx.post({ text: 'Eleven', media: eleven.map((assetId) => ({ assetId })) });
    const outcome = await fx.publish(over.targetId);
    expect(outcome).toMatchObject({ kind: 'failed', code: 'VALIDATION' });
    expect(outcome.kind === 'failed' && outcome.message).toMatch(/11 images; Instagram allows 10/);
    expect(fx.ig.fetches).toHaveLength(10);
    expect(fx.ig.containers.size).toBe(11);
  });

  it('publishes a video as a Reel once Instagram has processed it', async () => {
    const fx = await instagramFixture();
    fx.ig.videoChecks = 3;
    const { targetId } = await fx.post({
      text: 'Shaping croissants',
      media: [{ assetId: await fx.video() }],
    });

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const [container] = [...fx.ig.containers.values()];
    expect(container).toMatchObject({ mediaType: 'REELS', altText: null, status: 'PUBLISHED' });
    expect(fx.ig.fetches).toMatchObject([{ status: 200, contentType: 'video/mp4' }]);
    // Asked until FINISHED: three checks IN_PROGRESS, then one more.
    expect(calls(fx, new RegExp(`/${container?.id ?? 'none'}$`))).toBe(3);
    expect(fx.media()).toMatchObject([{ mediaType: 'VIDEO', caption: 'Shaping croissants' }]);
    expect(fx.s3?.keys()).toEqual([]);
  });
});

describe('Instagram: never twice', () => {
  it('looks a publish whose answer was lost up, and adopts the post instead of sending again', async () => {
    const fx = await instagramFixture();
    const { targetId } = await fx.post({
      text: 'Lost answer',
      media: [{ assetId: await fx.jpeg() }],
    });
    fx.fake.faults.add({ method: 'POST', path: /\/media_publish$/, kind: 'drop-after-record' });

    const outcome = await fx.publish(targetId);
    expect(outcome).toMatchObject({ kind: 'published' });
    expect(fx.media()).toHaveLength(1);
    expect(calls(fx, /\/media_publish$/)).toBe(1);
    expect(containerCount(fx)).toBe(1);
    const target = await readTarget(fx, targetId);
    expect(target.remote_id).toBe(fx.media()[0]?.id);
  });

  it('adopts the post when a server error came after the publish', async () => {
    const fx = await instagramFixture();
    const { targetId } = await fx.post({
      text: 'Published, then a 502',
      media: [{ assetId: await fx.jpeg() }],
    });
    fx.fake.faults.add({
      method: 'POST',
      path: /\/media_publish$/,
      kind: 'status-after-record',
      status: 502,
    });

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(fx.media()).toHaveLength(1);
    expect(calls(fx, /\/media_publish$/)).toBe(1);
    expect((await readTarget(fx, targetId)).remote_id).toBe(fx.media()[0]?.id);
  });

  it('publishes the same container again after a failure, making no new one', async () => {
    const fx = await instagramFixture();
    const { targetId } = await fx.post({
      text: 'Busy Meta',
      media: [{ assetId: await fx.jpeg() }],
    });
    fx.fake.faults.add({ method: 'POST', path: /\/media_publish$/, kind: 'status', status: 503 });

    // A server error may come after the publish ([Note: server error on a create]): looked
    // up, not there, so the post waits unconfirmed and is looked up again before the retry.
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry', code: 'UNCONFIRMED' });
    expect(fx.media()).toHaveLength(0);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(containerCount(fx)).toBe(1);
    expect(fx.ig.fetches).toHaveLength(1);
    expect(fx.media()).toHaveLength(1);
  });

  it('makes a container again when its answer was lost: a container is not a post', async () => {
    const fx = await instagramFixture();
    const two = [await fx.jpeg(), await fx.jpeg()];
    const { targetId } = await fx.post({ text: 'Two', media: two.map((assetId) => ({ assetId })) });
    // Instagram makes the first item's container, but the answer never arrives.
    fx.fake.faults.add({ method: 'POST', path: /\/media$/, kind: 'drop-after-record' });

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry', code: 'UNAVAILABLE' });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const containers = [...fx.ig.containers.values()];
    // The unnamed one stays unpublished; Instagram drops it after a day.
    expect(containers.map((c) => c.status).sort()).toEqual([
      'FINISHED',
      'FINISHED',
      'FINISHED',
      'PUBLISHED',
    ]);
    expect(fx.media()).toMatchObject([{ mediaType: 'CAROUSEL_ALBUM' }]);
    expect(fx.s3?.keys()).toEqual([]);
  });
});

describe('Instagram: refusals and limits', () => {
  it('fails in words when Instagram cannot use the media, and lets go of it', async () => {
    const fx = await instagramFixture();
    fx.ig.failNext.push('Error: The aspect ratio is not supported. 2207009');
    const { targetId } = await fx.post({ text: 'Too wide', media: [{ assetId: await fx.jpeg() }] });

    const outcome = await fx.publish(targetId);
    expect(outcome).toMatchObject({ kind: 'failed', code: 'PLATFORM_REJECTED' });
    expect(outcome.kind === 'failed' && outcome.message).toMatch(
      /Instagram could not use the image \(Error: The aspect ratio is not supported\. 2207009\)/,
    );
    expect(fx.media()).toHaveLength(0);
    expect(fx.s3?.keys()).toEqual([]);
    // Dropped: its last note expires the moment it was refused, so a retry starts afresh.
    const notes = await uploadNotes(fx, targetId);
    expect(notes.map((n) => n.remoteMediaId)).toEqual([
      [...fx.ig.containers.keys()][0],
      [...fx.ig.containers.keys()][0],
    ]);
    expect(notes[1]?.expiresAt).toBe(fx.core.clock.now());
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(containerCount(fx)).toBe(2);
  });

  it('waits while the account’s publishing quota is used up, and says why', async () => {
    const fx = await instagramFixture();
    fx.ig.publishedElsewhere.set(fx.instagram.id, 50);
    const { targetId } = await fx.post({
      text: 'Over quota',
      media: [{ assetId: await fx.jpeg() }],
    });

    const outcome = await fx.publish(targetId);
    expect(outcome).toMatchObject({ kind: 'retry', code: 'RATE_LIMITED' });
    expect(outcome.kind === 'retry' && outcome.reason).toMatch(/50 of 50 posts in 24 hours/);
    expect(outcome.kind === 'retry' && outcome.at).toBe(fx.core.clock.now() + 3_600_000);
    expect(calls(fx, /\/media_publish$/)).toBe(0);

    fx.ig.publishedElsewhere.set(fx.instagram.id, 10);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(containerCount(fx)).toBe(1);
    expect(fx.core.platforms.get('instagram').postingLimits).toEqual([
      { parts: 50, windowMs: 86_400_000, words: '50 posts in 24 hours' },
    ]);
  });

  it('shows the composer how much of Meta’s rate limit its Page’s calls have spent', async () => {
    const fx = await instagramFixture();
    fx.fake.setLimits({ pageCallsPerHour: 40 });
    const { targetId } = await fx.post({ text: 'Counted', media: [{ assetId: await fx.jpeg() }] });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const notes = expectOk(
      await fx.core.invoke('accounts:rate-limits', { accountIds: [fx.account.id] }),
    );
    const page = notes.find((n) => n.words.startsWith('Its Facebook Page has used'));
    // Every call of the publish was made with the Page's token, so the Page's count rose.
    expect(page?.percent).toBeGreaterThan(0);
    expect(page?.words).toMatch(/^Its Facebook Page has used \d+% of Meta’s rate limit\.$/);
    expect(page?.until).toBeNull();
  });

  it('waits out Meta’s throttling, and holds the post when the Page token has expired', async () => {
    const fx = await instagramFixture();
    const { targetId } = await fx.post({
      text: 'Throttled',
      media: [{ assetId: await fx.jpeg() }],
    });
    fx.fake.faults.add({
      method: 'POST',
      path: /\/media_publish$/,
      kind: 'rate-limit',
      resetInSeconds: 120,
    });

    const throttled = await fx.publish(targetId);
    expect(throttled).toMatchObject({ kind: 'retry', code: 'RATE_LIMITED' });
    expect(throttled.kind === 'retry' && throttled.at).toBeGreaterThan(fx.core.clock.now());
    expect(fx.media()).toHaveLength(0);

    fx.core.advance(60 * 60_000);
    fx.fake.faults.add({ method: 'POST', path: /\/media_publish$/, kind: 'expired' });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'held', code: 'AUTH_EXPIRED' });
    expect(fx.media()).toHaveLength(0);
    expect(containerCount(fx)).toBe(1);
  });

  it('makes the containers again when they expired while the post waited', async () => {
    const fx = await instagramFixture();
    fx.ig.publishedElsewhere.set(fx.instagram.id, 50);
    const { targetId } = await fx.post({
      text: 'Waited a day',
      media: [{ assetId: await fx.jpeg() }],
    });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry', code: 'RATE_LIMITED' });
    const first = [...fx.ig.containers.values()][0];

    fx.ig.publishedElsewhere.set(fx.instagram.id, 0);
    fx.core.advance(25 * 60 * 60_000);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const containers = [...fx.ig.containers.values()];
    expect(containers).toHaveLength(2);
    expect(first?.status).not.toBe('PUBLISHED');
    expect(containers[1]?.status).toBe('PUBLISHED');
    expect(fx.media()).toHaveLength(1);
    expect(fx.s3?.keys()).toEqual([]);
  });

  it('moves the hashtags to a first comment when the post asks for it', async () => {
    const fx = await instagramFixture();
    const { targetId } = await fx.post(
      { text: 'Sourdough Saturday #bread #bakery\n#berlin', media: [{ assetId: await fx.jpeg() }] },
      { hashtagsInComment: true },
    );

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const [media] = fx.media();
    expect(media?.caption).toBe('Sourdough Saturday');
    expect(fx.ig.comments).toMatchObject([{ mediaId: media?.id, text: '#bread #bakery #berlin' }]);
  });

  it('refuses text alone, and media without a relay, in words', async () => {
    const fx = await instagramFixture({ relay: false });
    const text = await fx.post('Just words');
    const alone = await fx.publish(text.targetId);
    expect(alone.kind === 'failed' && alone.message).toMatch(/Instagram cannot post text alone/);

    const { targetId } = await fx.post({ text: 'No relay', media: [{ assetId: await fx.jpeg() }] });
    const outcome = await fx.publish(targetId);
    expect(outcome).toMatchObject({ kind: 'failed', code: 'PLATFORM_REJECTED' });
    expect(outcome.kind === 'failed' && outcome.message).toMatch(
      /Instagram fetches media only from a public link.*Settings → Media relay/,
    );
    expect(containerCount(fx)).toBe(0);

    // The composer says so before anything is scheduled.
    const issues = composeIssuesFor(
      {
        accounts: [
          { id: fx.account.id, handle: 'novabakery', platform: 'instagram', textLimit: null },
        ],
        parts: [{ text: 'No relay', variants: {}, media: [{ mediaId: 'm1', altText: '' }] }],
        relay: false,
      },
      () => ({
        kind: 'image',
        mime: 'image/jpeg',
        bytes: 1000,
        durationMs: null,
        name: 'loaf.jpg',
      }),
    );
    expect(issues.map((i) => i.message)).toContain(
      'The post: Instagram fetches media only from a public link, which Starling makes in your own bucket: set up the media relay in Settings → Media relay first.',
    );
  });
});
