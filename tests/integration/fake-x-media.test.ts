// The fake X server's media uploads, driven by twitter-api-v2 through the real routing
// agent: chunked images with alt text, video processing polled and on the fake clock,
// expiry, size and mix checks, and the media.write scope.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fakeX, failureOf, responseError, setUp, clientFor } from './fake-x-fixture.ts';

describe('fake X: media', () => {
  const png = crypto.randomBytes(3000);

  it('uploads an image in chunks, takes alt text, and posts it', async () => {
    const fake = await fakeX();
    const user = setUp(fake);
    const v2 = clientFor(fake, user.id);
    const mediaId = await v2.uploadMedia(png, { media_type: 'image/png' }, 1024);
    const appends = fake.ledger
      .requests()
      .filter((r) => r.path === `/2/media/upload/${mediaId}/append`);
    expect(appends.map((r) => r.host)).toEqual(['api.x.com', 'api.x.com', 'api.x.com']);
    const media = fake.media.get(mediaId);
    expect(media).toMatchObject({
      state: 'succeeded',
      mediaType: 'image/png',
      mediaCategory: 'tweet_image',
      ownerId: user.id,
      totalBytes: 3000,
    });
    expect(media?.data.equals(png)).toBe(true);
    // Images need no processing: no status polls.
    expect(
      fake.ledger.requests().some((r) => r.path === '/2/media/upload' && r.method === 'GET'),
    ).toBe(false);

    const alt = await v2.createMediaMetadata(mediaId, {
      alt_text: { text: 'A flat white on a wooden table' },
    });
    expect(alt).toEqual({
      data: {
        id: mediaId,
        associated_metadata: { alt_text: { text: 'A flat white on a wooden table' } },
      },
    });
    expect(fake.media.get(mediaId)?.altText).toBe('A flat white on a wooden table');
    expect(
      (
        await responseError(
          v2.createMediaMetadata(mediaId, { alt_text: { text: 'x'.repeat(1001) } }),
        )
      ).code,
    ).toBe(400);

    const posted = await v2.tweet({ text: 'New cups!', media: { media_ids: [mediaId] } });
    expect(fake.ledger.tweets()[0]).toMatchObject({ id: posted.data.id, mediaIds: [mediaId] });

    const stranger = fake.addUser({ username: 'someone' });
    const theft = await responseError(
      clientFor(fake, stranger.id).tweet({ text: 'mine now', media: { media_ids: [mediaId] } }),
    );
    expect(theft.code).toBe(400);
    expect(theft.data).toMatchObject({ errors: [{ message: 'Your media IDs are invalid.' }] });
  });

  it('processes a video with status polling, and fails when told to', async () => {
    const fake = await fakeX();
    const user = setUp(fake);
    const v2 = clientFor(fake, user.id);
    const video = crypto.randomBytes(20_000);
    const mediaId = await v2.uploadMedia(video, { media_type: 'video/mp4' });
    expect(fake.media.get(mediaId)).toMatchObject({
      state: 'succeeded',
      mediaCategory: 'tweet_video',
    });
    const polls = fake.ledger
      .requests()
      .filter((r) => r.method === 'GET' && r.path === '/2/media/upload');
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls[0]?.url).toContain(`command=STATUS&media_id=${mediaId}`);
    await v2.tweet({ text: 'Watch us roast', media: { media_ids: [mediaId] } });

    fake.media.failNextProcessing();
    const failed = await failureOf(
      v2.uploadMedia(crypto.randomBytes(5000), { media_type: 'video/mp4' }),
    );
    expect(String(failed)).toMatch(/Media processing failed: Unsupported video format/);
    const failedId =
      [...fake.ledger.requests()]
        .reverse()
        .find((r) => r.path.endsWith('/finalize'))
        ?.path.split('/')[4] ?? '';
    expect(fake.media.get(failedId)?.state).toBe('failed');
    expect(
      (await responseError(v2.tweet({ text: 'broken video', media: { media_ids: [failedId] } })))
        .code,
    ).toBe(400);
  });

  it('moves processing along with the fake clock too, and expires media after 24 hours', async () => {
    const fake = await fakeX();
    const user = setUp(fake);
    const v2 = clientFor(fake, user.id);
    const init = await v2.post<{ data: { id: string; expires_after_secs: number } }>(
      'media/upload/initialize',
      {
        media_type: 'image/gif',
        total_bytes: 10,
      },
    );
    expect(init.data.expires_after_secs).toBe(86_400);
    const id = init.data.id;
    await v2.post(
      `media/upload/${id}/append`,
      { segment_index: 0, media: Buffer.alloc(10) },
      { forceBodyMode: 'form-data' },
    );
    const finalized = await v2.post<{
      data: { processing_info?: { state: string; check_after_secs: number } };
    }>(`media/upload/${id}/finalize`);
    expect(finalized.data.processing_info).toEqual({ state: 'pending', check_after_secs: 1 });
    const early = await responseError(v2.tweet({ text: 'too soon', media: { media_ids: [id] } }));
    expect(early.code).toBe(400);
    fake.clock.advance(2000);
    expect(fake.media.get(id)?.state).toBe('succeeded');
    await v2.tweet({ text: 'a gif', media: { media_ids: [id] } });

    const later = await v2.uploadMedia(png, { media_type: 'image/png' });
    fake.clock.advance(24 * 3600 * 1000);
    const expired = await responseError(
      clientFor(fake, user.id).tweet({ text: 'stale media', media: { media_ids: [later] } }),
    );
    expect(expired.code).toBe(400);
  });

  it('validates sizes, segment totals and media mixes', async () => {
    const fake = await fakeX();
    const user = setUp(fake);
    const v2 = clientFor(fake, user.id);
    const init = (media_type: string, total_bytes: number, media_category?: string) =>
      v2.post<{ data: { id: string } }>('media/upload/initialize', {
        media_type,
        total_bytes,
        media_category,
      });
    expect((await responseError(init('image/png', 5 * 1024 * 1024 + 1))).code).toBe(400);
    await init('image/png', 5 * 1024 * 1024);
    expect((await responseError(init('image/gif', 15 * 1024 * 1024 + 1))).code).toBe(400);
    await init('video/mp4', 512 * 1024 * 1024);
    expect((await responseError(init('video/mp4', 512 * 1024 * 1024 + 1))).code).toBe(400);
    expect((await responseError(init('application/pdf', 100))).code).toBe(400);

    const short = await init('image/png', 100);
    await v2.post(
      `media/upload/${short.data.id}/append`,
      { segment_index: 0, media: Buffer.alloc(60) },
      { forceBodyMode: 'form-data' },
    );
    const finalize = await responseError(v2.post(`media/upload/${short.data.id}/finalize`));
    expect(finalize.code).toBe(400);
    expect(finalize.data).toMatchObject({
      errors: [{ message: 'Segments do not add up to provided total file size.' }],
    });
    const overflow = await responseError(
      v2.post(
        `media/upload/${short.data.id}/append`,
        { segment_index: 1, media: Buffer.alloc(41) },
        { forceBodyMode: 'form-data' },
      ),
    );
    expect(overflow.code).toBe(400);

    const images = await Promise.all(
      [1, 2, 3, 4, 5].map(() => v2.uploadMedia(png, { media_type: 'image/png' })),
    );
    await v2.tweet({
      text: 'four images',
      media: { media_ids: images.slice(0, 4) as [string, string, string, string] },
    });
    const five = await responseError(
      v2.post('tweets', { text: 'five images', media: { media_ids: images } }),
    );
    expect(five.code).toBe(400);
    const gif = await v2.uploadMedia(crypto.randomBytes(100), { media_type: 'image/gif' });
    const mixed = await responseError(
      v2.tweet({ text: 'mixed', media: { media_ids: [gif, images[0] ?? ''] } }),
    );
    expect(mixed.code).toBe(400);
  });

  it('needs the media.write scope', async () => {
    const fake = await fakeX();
    const user = setUp(fake);
    const v2 = clientFor(fake, user.id, ['tweet.read', 'tweet.write', 'users.read']);
    expect((await responseError(v2.uploadMedia(png, { media_type: 'image/png' }))).code).toBe(403);
  });
});
