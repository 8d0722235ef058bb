// The Mastodon publisher on its happy paths and checks, against the fake instance through
// the generic target publisher: a post and a 3-part thread (in_reply_to_id chain) with
// visibility and content warning, each part with its own Idempotency-Key; media with alt
// text, focus and processing polls; text over the instance's limit refused before any
// request (a link counting as 23); a revoked token holding the post for a reconnect.
import { describe, expect, it } from 'vitest';
import { makeMediaAsset, pngBytes } from '../helpers/post-factories.ts';
import { eventTypes, mastodonFixture, readTarget, sendingKeys } from './mastodon-fixture.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('publishing to Mastodon', () => {
  it('publishes a post with its visibility and content warning, keyed for retries', async () => {
    const fx = await mastodonFixture({ username: 'nova' });
    const { postId, targetId } = await fx.post(
      ['Fresh sourdough at 8 am 🍞 https://nova.example'],
      {
        visibility: 'unlisted',
        contentWarning: 'food',
      },
    );

    const outcome = await fx.publish(targetId);

    const [status] = fx.statuses();
    expect(fx.statuses()).toHaveLength(1);
    expect(status).toMatchObject({
      text: 'Fresh sourdough at 8 am 🍞 https://nova.example',
      visibility: 'unlisted',
      spoilerText: 'food',
      sensitive: true,
      inReplyToId: null,
    });
    const url = `${fx.fake.origin}/@nova/${status?.id ?? ''}`;
    expect(outcome).toEqual({ kind: 'published', remoteId: status?.id, url });
    expect(await readTarget(fx, targetId)).toMatchObject({
      status: 'published',
      remote_id: status?.id,
      remote_url: url,
    });
    const keys = await sendingKeys(fx, postId);
    expect(keys).toEqual([{ position: 0, key: expect.stringMatching(uuid) }]);
    expect(status?.idempotencyKey).toBe(keys[0]?.key);
    expect(await eventTypes(fx, postId)).toEqual([
      'target.publishing',
      'post.status',
      'part.sending',
      'part.posted',
      'target.published',
      'post.status',
    ]);
  });

  it('posts a thread part by part, each replying to the one before, followers only', async () => {
    const fx = await mastodonFixture();
    const { postId, targetId } = await fx.post(
      ['A thread about rye (1/3)', 'Rye loves a long proof (2/3)', 'Bake it hot and dark (3/3)'],
      { visibility: 'private', contentWarning: 'baking talk' },
    );

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });

    const thread = fx.statuses();
    expect(thread.map((s) => s.text)).toEqual([
      'A thread about rye (1/3)',
      'Rye loves a long proof (2/3)',
      'Bake it hot and dark (3/3)',
    ]);
    expect(thread.map((s) => s.inReplyToId)).toEqual([null, thread[0]?.id, thread[1]?.id]);
    expect(thread.map((s) => [s.visibility, s.spoilerText])).toEqual(
      Array(3).fill(['private', 'baking talk']),
    );
    const keys = (await sendingKeys(fx, postId)).map((k) => k.key);
    expect(new Set(keys).size).toBe(3);
    expect(thread.map((s) => s.idempotencyKey)).toEqual(keys);
  });

  it('uses the account’s default visibility when the post names none', async () => {
    const fx = await mastodonFixture();
    const { targetId } = await fx.post(['Open at 7 tomorrow']);
    await fx.publish(targetId);
    expect(fx.statuses().map((s) => [s.visibility, s.spoilerText])).toEqual([['public', '']]);
  });

  it('uploads media with alt text and a focus point, and waits for a video to be processed', async () => {
    const fx = await mastodonFixture();
    fx.fake.mediaProcessingPolls(3);
    const image = (seed: number) =>
      makeMediaAsset(fx.db, fx.core.dataDir, {
        bytes: pngBytes(4096, seed),
        kind: 'image',
        mime: 'image/png',
      });
    const [a, b] = [await image(1), await image(2)];
    const clip = await makeMediaAsset(fx.db, fx.core.dataDir, {
      bytes: Buffer.from('not really an mp4, the fake does not look'),
      kind: 'video',
      mime: 'video/mp4',
      durationMs: 5_000,
    });
    const { targetId } = await fx.post([
      {
        text: 'Two loaves',
        media: [
          { assetId: a, alt: 'A round rye loaf' },
          { assetId: b, alt: 'A long baguette' },
        ],
      },
      { text: 'And how they are made', media: [{ assetId: clip, alt: 'Hands shaping dough' }] },
    ]);
    const started = fx.core.clock.now();

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });

    const [first, second] = fx.statuses();
    const media = fx.fake.ledger.media();
    expect(media.map((m) => [m.type, m.description, m.focus, m.processing])).toEqual([
      ['image', 'A round rye loaf', { x: 0, y: 0 }, 'done'],
      ['image', 'A long baguette', { x: 0, y: 0 }, 'done'],
      ['video', 'Hands shaping dough', { x: 0, y: 0 }, 'done'],
    ]);
    expect(first?.mediaIds).toEqual([media[0]?.id, media[1]?.id]);
    expect(second?.mediaIds).toEqual([media[2]?.id]);
    expect(second?.inReplyToId).toBe(first?.id);
    // Three 206 answers, then 200; the waits moved the (fake) clock instead of sleeping.
    expect(fx.requests('GET', /^\/api\/v1\/media\/\d+$/)).toBe(4);
    expect(fx.core.clock.now() - started).toBeGreaterThanOrEqual(3_000);
  });

  it('refuses text over the instance’s limit before sending, counting a link as 23', async () => {
    const fx = await mastodonFixture({ maxCharacters: 100 });
    const link = `https://nova-bakery.com/${'bread/'.repeat(20)}`;
    // 80 letters, a space and the link: 104 as Mastodon counts, far more as written.
    const tooLong = await fx.post([`${'a'.repeat(80)} ${link}`]);
    const outcome = await fx.publish(tooLong.targetId);
    expect(outcome).toMatchObject({ kind: 'failed', code: 'VALIDATION' });
    const message = outcome.kind === 'failed' ? outcome.message : '';
    expect(message).toMatch(/104 characters long; .* allows 100 \(each link counts as 23\)/);
    expect(fx.requests('POST', '/api/v1/statuses')).toBe(0);

    // 70 letters, a space and the link: 94, so it goes out although it is 190 long.
    const fits = await fx.post([`${'b'.repeat(70)} ${link}`]);
    expect(await fx.publish(fits.targetId)).toMatchObject({ kind: 'published' });
    // The content warning counts too: 94 + 7 is over 100.
    const warned = await fx.post([`${'c'.repeat(70)} ${link}`], { contentWarning: 'crusty!' });
    expect(await fx.publish(warned.targetId)).toMatchObject({ kind: 'failed' });
    expect(fx.statuses()).toHaveLength(1);
  });

  it('refuses a visibility Mastodon posts cannot have here', async () => {
    const fx = await mastodonFixture();
    const { targetId } = await fx.post(['Hello'], { visibility: 'direct' });
    expect(await fx.publish(targetId)).toMatchObject({
      kind: 'failed',
      code: 'VALIDATION',
      message: 'Visibility must be public, unlisted or private (followers only).',
    });
    expect(fx.requests('POST', '/api/v1/statuses')).toBe(0);
  });

  it('holds the post and marks the account for a reconnect when the token was revoked', async () => {
    const fx = await mastodonFixture();
    fx.fake.revokeUser(fx.user.id);
    const { targetId } = await fx.post(['Anyone there?']);

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'held', code: 'AUTH_EXPIRED' });

    const account = await fx.db
      .selectFrom('social_accounts')
      .select('status')
      .where('id', '=', fx.account.id)
      .executeTakeFirstOrThrow();
    expect(account.status).toBe('needs_reauth');
    expect(fx.core.seen.some((s) => s.event === 'account:saved')).toBe(true);
    expect(await readTarget(fx, targetId)).toMatchObject({ error_code: 'AUTH_EXPIRED' });
    // Held until reconnected: the next run does not even ask the instance.
    const asked = fx.fake.ledger.requests().length;
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'held', code: 'AUTH_EXPIRED' });
    expect(fx.fake.ledger.requests()).toHaveLength(asked);
    expect(fx.statuses()).toEqual([]);
  });
});
