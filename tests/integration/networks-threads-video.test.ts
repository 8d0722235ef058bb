// Threads video against the fake, through the media relay on s3rver: a video's container
// is polled while Threads processes it (IN_PROGRESS, then FINISHED) and only then
// published, the relay's copy deleted after Threads fetched it; a carousel mixing an image
// and a video; and a video Threads reports ERROR on fails the post in Threads' words, made
// afresh (never the refused container) when the user retries.
import { describe, expect, it } from 'vitest';
import { postedIds, readTarget, threadsFixture } from './threads-fixture.ts';

describe('Threads video', () => {
  it('publishes a video once Threads has processed it, then empties the relay', async () => {
    const fx = await threadsFixture({ withRelay: true });
    const video = await fx.video();
    const { targetId } = await fx.post([
      { text: 'How we shape a boule', media: [{ assetId: video, alt: 'Hands shaping dough' }] },
    ]);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });

    const [container] = fx.fake.ledger.containers();
    expect(container).toMatchObject({ mediaType: 'VIDEO', altText: 'Hands shaping dough' });
    // Polled while processing, published only once FINISHED.
    expect(container?.answered[0]).toBe('IN_PROGRESS');
    expect(container?.answered.at(-1)).toBe('FINISHED');
    expect(new Set(container?.answered)).toEqual(new Set(['IN_PROGRESS', 'FINISHED']));
    const [post] = fx.posts();
    expect(post).toMatchObject({ mediaType: 'VIDEO', text: 'How we shape a boule' });
    expect(post?.containerId).toBe(container?.id);
    expect(await postedIds(fx, targetId)).toEqual([post?.id]);
    expect(await readTarget(fx, targetId)).toMatchObject({ status: 'published' });

    // Threads fetched the video at the end of processing, and the relay let it go after.
    const fetches = fx.fake.ledger.fetches();
    expect(fetches).toHaveLength(1);
    expect(fetches[0]?.status).toBe(200);
    expect(container?.fetched?.bytes).toBeGreaterThan(0);
    expect(fx.s3?.keys()).toEqual([]);
    expect((await fetch(fetches[0]?.url ?? '')).status).not.toBe(200);
  });

  it('posts a carousel of an image and a video, each item its own container', async () => {
    const fx = await threadsFixture({ withRelay: true });
    const image = await fx.image();
    const video = await fx.video();
    const { targetId } = await fx.post([
      {
        text: 'Loaf and how it was made',
        media: [
          { assetId: image, alt: 'A finished loaf' },
          { assetId: video, alt: 'The shaping' },
        ],
      },
    ]);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });

    const containers = fx.fake.ledger.containers();
    expect(containers.map((c) => [c.mediaType, c.carouselItem])).toEqual([
      ['IMAGE', true],
      ['VIDEO', true],
      ['CAROUSEL', false],
    ]);
    expect(containers[1]?.answered).toContain('IN_PROGRESS');
    expect(containers[2]?.children).toEqual([containers[0]?.id, containers[1]?.id]);
    const [post] = fx.posts();
    expect(post).toMatchObject({
      mediaType: 'CAROUSEL',
      text: 'Loaf and how it was made',
      altTexts: ['A finished loaf', 'The shaping'],
    });
    expect(post?.mediaUrls).toHaveLength(2);
    expect(fx.fake.ledger.fetches().map((f) => f.status)).toEqual([200, 200]);
    expect(fx.s3?.keys()).toEqual([]);
  });

  it('fails a video Threads reports ERROR on in Threads’ words, and retries afresh', async () => {
    const fx = await threadsFixture({ withRelay: true });
    // 10 frames a second: Threads takes 23 to 60, which Starling cannot see in advance.
    const video = await fx.video({ fps: 10 });
    const { targetId } = await fx.post([{ text: 'Too slow', media: [{ assetId: video }] }]);
    const outcome = await fx.publish(targetId);
    expect(outcome).toMatchObject({ kind: 'failed', code: 'PLATFORM_REJECTED' });
    if (outcome.kind === 'failed') {
      expect(outcome.message).toContain('INVALID_FRAME_RATE');
      expect(outcome.message).toContain('23 to 60 frames a second');
    }
    const [refused] = fx.fake.ledger.containers();
    expect(refused?.answered.at(-1)).toBe('ERROR');
    expect(fx.posts()).toEqual([]);
    expect(fx.fake.ledger.requests().filter((r) => r.path.endsWith('/threads_publish'))).toEqual(
      [],
    );
    // Threads is done with the file: the relay holds nothing.
    expect(fx.s3?.keys()).toEqual([]);
    const target = await readTarget(fx, targetId);
    expect(target.status).toBe('failed');
    expect(target.error_message).toContain('INVALID_FRAME_RATE');

    // A retry never publishes the refused container: it makes a new one (refused again).
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'failed' });
    const containers = fx.fake.ledger.containers();
    expect(containers).toHaveLength(2);
    expect(containers[1]?.id).not.toBe(refused?.id);
    expect(fx.posts()).toEqual([]);
  });
});
