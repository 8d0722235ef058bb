// One post, every network: a client with an X, a Bluesky and a Mastodon account schedules
// one post with an image and its alt text to all three through posts:schedule, and the
// scheduler publishes it. Each fake's ledger must hold it exactly once, with the alt
// text, Bluesky's link facet at the right UTF-8 byte offsets and Mastodon's
// Idempotency-Key; a text too long for one network refuses the whole post up front.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { expectOk } from '../helpers/core.ts';
import { imageBytes } from '../helpers/media-files.ts';
import { makeMediaAsset } from '../helpers/post-factories.ts';
import { threeNetworks } from './networks-fixture.ts';

const link = 'https://bakery.example/menu';
// Multi-byte text before the link: its facet's offsets count UTF-8 bytes, not characters.
const text = `Frisches Brot 🥐 und Zimtschnecken — heute ab 8: ${link}`;

describe('one post to X, Bluesky and Mastodon at once', () => {
  it('publishes it once on each network with its alt text, facets and idempotency key', async () => {
    const { core, x, bluesky, mastodon, clientId, accountIds, dataDir } = await threeNetworks();
    const mediaId = await makeMediaAsset(core.database.db, dataDir, {
      bytes: await imageBytes('jpeg', 800, 600),
      kind: 'image',
      mime: 'image/jpeg',
      width: 800,
      height: 600,
      clientId,
    });
    const at = new Date(Date.now() + 3_000).toISOString();
    const post = expectOk(
      await core.invoke('posts:schedule', {
        clientId,
        accountIds,
        parts: [{ text, media: [{ mediaId, altText: 'A loaf of rye on a wooden board' }] }],
        when: { at },
        networkOptions: { [accountIds[2] ?? '']: { visibility: 'unlisted' } },
      }),
    );
    await core.scheduler.start();
    for (let waited = 0; waited < 30_000; waited += 250) {
      const now = expectOk(await core.invoke('posts:get', { id: post.id }));
      if (now.status === 'published') break;
      await sleep(250);
    }
    const final = expectOk(await core.invoke('posts:get', { id: post.id }));
    expect(final.status).toBe('published');

    const tweets = x.fake.ledger.tweets();
    expect(tweets.map((t) => t.text)).toEqual([text]);
    const xMedia = x.fake.media.get(tweets[0]?.mediaIds[0] ?? '');
    expect(xMedia?.altText).toBe('A loaf of rye on a wooden board');

    const records = bluesky.fake.ledger
      .records()
      .filter((r) => r.collection === 'app.bsky.feed.post');
    expect(records).toHaveLength(1);
    const record = records[0]?.value as {
      text: string;
      facets?: { index: { byteStart: number; byteEnd: number }; features: { uri?: string }[] }[];
      embed?: { images?: { alt: string }[] };
    };
    expect(record.text).toBe(text);
    const start = Buffer.byteLength(text.slice(0, text.indexOf(link)));
    expect(record.facets).toEqual([
      expect.objectContaining({
        index: { byteStart: start, byteEnd: start + Buffer.byteLength(link) },
        features: [expect.objectContaining({ uri: link })],
      }),
    ]);
    expect(record.embed?.images?.map((i) => i.alt)).toEqual(['A loaf of rye on a wooden board']);

    const statuses = mastodon.fake.ledger.statuses();
    expect(statuses).toHaveLength(1);
    expect(statuses[0]).toMatchObject({ text, visibility: 'unlisted' });
    expect(statuses[0]?.idempotencyKey).toMatch(/\S{16,}/);
    expect(mastodon.fake.ledger.media().map((m) => m.description)).toEqual([
      'A loaf of rye on a wooden board',
    ]);
  }, 60_000);

  it('refuses a post too long for one of its networks, naming it, and writes nothing', async () => {
    const { core, clientId, accountIds } = await threeNetworks();
    // 320 characters: too long for X and Bluesky, fine for Mastodon's 500.
    const long = 'Sauerteig '.repeat(32);
    const result = await core.invoke('posts:schedule', {
      clientId,
      accountIds,
      parts: [{ text: long }],
      when: { at: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const message = result.ok ? '' : result.error.message;
    expect(message).toMatch(/over X's 280/);
    expect(message).toMatch(/over Bluesky's 300/);
    expect(message).not.toMatch(/Mastodon/);
    const posts = await core.database.db.selectFrom('posts').select('id').execute();
    expect(posts).toEqual([]);

    // Mastodon counts a content warning with the text: 480 + a 30-character warning is over.
    const withWarning = await core.invoke('posts:schedule', {
      clientId,
      accountIds: [accountIds[2] ?? ''],
      parts: [{ text: 'r'.repeat(480) }],
      when: { at: new Date(Date.now() + 60_000).toISOString() },
      networkOptions: {
        [accountIds[2] ?? '']: { contentWarning: 'Talk of bread and nothing else' },
      },
    });
    expect(withWarning).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(withWarning.ok ? '' : withWarning.error.message).toMatch(
      /10 characters over Mastodon's 500/,
    );
  }, 30_000);

  it('keeps alt text up to each network’s own limit: 1,800 characters go to Bluesky', async () => {
    const { core, bluesky, clientId, accountIds, dataDir } = await threeNetworks();
    const [xAccount = '', blueskyAccount = '', mastodonAccount = ''] = accountIds;
    const mediaId = await makeMediaAsset(core.database.db, dataDir, {
      bytes: await imageBytes('jpeg', 800, 600),
      kind: 'image',
      mime: 'image/jpeg',
      width: 800,
      height: 600,
      clientId,
    });
    const altText =
      `A long description of the counter at opening time. ${'Rye, spelt and wheat. '.repeat(80)}`.slice(
        0,
        1800,
      );
    const schedule = (ids: string[]) =>
      core.invoke('posts:schedule', {
        clientId,
        accountIds: ids,
        parts: [{ text: 'Fresh bread', media: [{ mediaId, altText }] }],
        when: { at: new Date(Date.now() + 2_000).toISOString() },
      });
    // Over X's 1,000 and Mastodon's 1,500: refused up front, naming both, nothing written.
    const refused = await schedule([xAccount, blueskyAccount, mastodonAccount]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const message = refused.ok ? '' : refused.error.message;
    expect(message).toMatch(/X allows 1000/);
    expect(message).toMatch(/Mastodon allows 1500/);
    expect(message).not.toMatch(/Bluesky/);
    expect(await core.database.db.selectFrom('posts').select('id').execute()).toEqual([]);

    const post = expectOk(await schedule([blueskyAccount]));
    await core.scheduler.start();
    for (let waited = 0; waited < 30_000; waited += 250) {
      const now = expectOk(await core.invoke('posts:get', { id: post.id }));
      if (now.status === 'published') break;
      await sleep(250);
    }
    const record = bluesky.fake.ledger.records().find((r) => r.collection === 'app.bsky.feed.post')
      ?.value as { embed?: { images?: { alt: string }[] } } | undefined;
    expect(record?.embed?.images?.map((i) => i.alt)).toEqual([altText]);
  }, 60_000);
});
