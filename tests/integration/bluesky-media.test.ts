// Media on Bluesky through the real core: an image over 1 MB fitted under the blob limit
// with its alt text and shape, photos sent without their metadata, and a video through
// the video service with its job polled.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imageBytes, mp4Bytes, noisyPng } from '../helpers/media-files.ts';
import { makeMediaAsset, makePost } from '../helpers/post-factories.ts';
import { blueskyFixture, type BlueskyFixture } from './bluesky-fixture.ts';

async function postOf(fx: BlueskyFixture, parts: Parameters<typeof makePost>[1]['parts']) {
  const made = await makePost(fx.db, { clientId: fx.clientId, accountIds: [fx.account.id], parts });
  return { ...made, targetId: made.targets[fx.account.id] ?? '' };
}

async function imageAsset(fx: BlueskyFixture, bytes: Buffer, mime = 'image/png') {
  const { width, height } = await sharp(bytes).metadata();
  return makeMediaAsset(fx.db, fx.core.dataDir, { bytes, kind: 'image', mime, width, height });
}

describe('Bluesky media', () => {
  it('fits an image over 1 MB under the blob limit, keeping its shape and alt text', async () => {
    const fx = await blueskyFixture();
    const big = await noisyPng(1200, 900);
    expect(big.length).toBeGreaterThan(1_000_000);
    const assetId = await imageAsset(fx, big);
    const { targetId } = await postOf(fx, [
      { text: 'Crumb shot', media: [{ assetId, alt: 'An open crumb, glossy holes' }] },
    ]);

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });

    const embed = fx.posts()[0]?.value.embed as {
      images: {
        alt: string;
        aspectRatio: { width: number; height: number };
        image: { ref: { $link: string } };
      }[];
    };
    const [image] = embed.images;
    expect(image?.alt).toBe('An open crumb, glossy holes');
    const blob = fx.fake.ledger.blobs().find((b) => b.cid === image?.image.ref.$link);
    expect(blob?.size).toBeLessThanOrEqual(1_000_000);
    expect(blob?.mimeType).toBe('image/jpeg');
    const sent = await sharp(blob?.bytes).metadata();
    expect(image?.aspectRatio).toEqual({ width: sent.width, height: sent.height });
    expect(sent.width / sent.height).toBeCloseTo(1200 / 900, 2);
  });

  it('sends an image that fits as it is, but without the metadata a photo carries', async () => {
    const fx = await blueskyFixture();
    const plain = await imageBytes('jpeg', 640, 480);
    const tagged = await sharp(await imageBytes('jpeg', 480, 640))
      .withExif({ IFD0: { Artist: 'Taken at 52.52N 13.40E' } })
      .jpeg()
      .toBuffer();
    const media = [
      { assetId: await imageAsset(fx, plain, 'image/jpeg'), alt: 'Plain' },
      { assetId: await imageAsset(fx, tagged, 'image/jpeg'), alt: 'Tagged' },
    ];
    const { targetId } = await postOf(fx, [{ text: 'Two photos', media }]);

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });

    const embed = fx.posts()[0]?.value.embed as {
      images: { aspectRatio: object; image: { ref: { $link: string } } }[];
    };
    const blobs = embed.images.map((i) =>
      fx.fake.ledger.blobs().find((b) => b.cid === i.image.ref.$link),
    );
    expect(blobs[0]?.bytes.equals(plain)).toBe(true);
    expect(blobs[1]?.bytes.includes('52.52N')).toBe(false);
    expect((await sharp(blobs[1]?.bytes).metadata()).exif).toBeUndefined();
    expect(embed.images.map((i) => i.aspectRatio)).toEqual([
      { width: 640, height: 480 },
      { width: 480, height: 640 },
    ]);
  });

  it('sends a video through the video service and polls its job until the blob is ready', async () => {
    const fx = await blueskyFixture({ fake: { videoPollsToComplete: 3 } });
    const bytes = mp4Bytes(4000);
    const assetId = await makeMediaAsset(fx.db, fx.core.dataDir, {
      bytes,
      kind: 'video',
      mime: 'video/mp4',
      durationMs: 4000,
      width: 320,
      height: 240,
    });
    const { targetId } = await postOf(fx, [
      { text: 'Shaping loaves', media: [{ assetId, alt: 'Hands folding dough' }] },
    ]);

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });

    const [job] = fx.fake.ledger.videoJobs();
    expect(job).toMatchObject({ state: 'JOB_STATE_COMPLETED', polls: 3, did: fx.user.did });
    expect(fx.posts()[0]?.value.embed).toEqual({
      $type: 'app.bsky.embed.video',
      video: {
        $type: 'blob',
        ref: { $link: job?.blobCid },
        mimeType: 'video/mp4',
        size: bytes.length,
      },
      alt: 'Hands folding dough',
      aspectRatio: { width: 320, height: 240 },
    });
  });
});
