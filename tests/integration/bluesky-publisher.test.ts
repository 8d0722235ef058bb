// Publishing to the fake Bluesky through the real core: a post and a thread with their
// reply refs, facets at UTF-8 byte offsets, a link card from Open Graph tags, and the
// checks that refuse a thread before anything is sent (media: bluesky-media.test.ts).
import { describe, expect, it } from 'vitest';
import type { PlannedMedia } from '../../main/core/platforms/port.ts';
import { localServer } from '../helpers/local-server.ts';
import { imageBytes, writeFile } from '../helpers/media-files.ts';
import { makePost } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { blueskyFixture, readTarget, replyOf, type BlueskyFixture } from './bluesky-fixture.ts';

const png1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function postOf(fx: BlueskyFixture, parts: Parameters<typeof makePost>[1]['parts']) {
  const made = await makePost(fx.db, { clientId: fx.clientId, accountIds: [fx.account.id], parts });
  return { ...made, targetId: made.targets[fx.account.id] ?? '' };
}

describe('publishing to Bluesky', () => {
  it('posts a text post under the record key chosen before sending, and links to it', async () => {
    const fx = await blueskyFixture();
    const { targetId, postId } = await postOf(fx, ['Fresh sourdough at 8 am']);

    const outcome = await fx.publish(targetId);

    const [record] = fx.posts();
    expect(fx.posts()).toHaveLength(1);
    expect(record?.value).toMatchObject({
      text: 'Fresh sourdough at 8 am',
      createdAt: new Date(fx.core.clock.now()).toISOString(),
    });
    expect(record?.rkey).toMatch(/^[2-7a-j][2-7a-z]{12}$/);
    const url = `https://bsky.app/profile/nova.test/post/${record?.rkey ?? ''}`;
    expect(outcome).toEqual({ kind: 'published', remoteId: record?.uri, url });
    expect(await readTarget(fx, targetId)).toMatchObject({ status: 'published', remote_url: url });
    // The key was on disk (part.sending) before the request that used it.
    const sending = await fx.db
      .selectFrom('post_events')
      .select('detail')
      .where('post_id', '=', postId)
      .where('type', '=', 'part.sending')
      .execute();
    expect(sending.map((e) => (JSON.parse(e.detail) as { key: string }).key)).toEqual([
      record?.rkey,
    ]);
  });

  it('posts a thread part by part, each reply naming the first part as root and the previous as parent', async () => {
    const fx = await blueskyFixture();
    const { targetId } = await postOf(fx, [
      'Rye thread (1/3)',
      'Long proof (2/3)',
      'Bake it dark (3/3)',
    ]);

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });

    const [one, two, three] = fx.posts();
    expect(fx.posts().map((r) => r.value.text)).toEqual([
      'Rye thread (1/3)',
      'Long proof (2/3)',
      'Bake it dark (3/3)',
    ]);
    const ref = (r: typeof one) => ({ uri: r?.uri, cid: r?.cid });
    expect(replyOf(one)).toBeNull();
    expect(replyOf(two)).toEqual({ root: ref(one), parent: ref(one) });
    expect(replyOf(three)).toEqual({ root: ref(one), parent: ref(two) });
    const parts = await fx.db
      .selectFrom('post_target_parts')
      .select(['remote_id', 'remote_ref'])
      .where('target_id', '=', targetId)
      .orderBy('posted_at')
      .execute();
    expect(parts.map((p) => [p.remote_id, p.remote_ref]).sort()).toEqual(
      [one, two, three].map((r) => [r?.uri, r?.cid]).sort(),
    );
  });

  it('makes links and hashtags facets at their UTF-8 byte offsets after emoji and CJK text', async () => {
    const fx = await blueskyFixture();
    const link = `${fx.fake.origin}/og/no-such-page`;
    const text = `Brot 🍞👩‍👩‍👧 東京の店 ${link} #sourdough`;
    const { targetId } = await postOf(fx, [text]);

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });

    const value = fx.posts()[0]?.value as {
      facets: { index: object; features: object[] }[];
      embed?: unknown;
    };
    const start = Buffer.byteLength(text.slice(0, text.indexOf(link)), 'utf8');
    const tagStart = Buffer.byteLength(text.slice(0, text.indexOf('#sourdough')), 'utf8');
    expect(start).toBeGreaterThan(text.indexOf(link)); // bytes, not UTF-16 units
    expect(value.facets).toEqual([
      {
        index: { byteStart: start, byteEnd: start + Buffer.byteLength(link) },
        features: [{ $type: 'app.bsky.richtext.facet#link', uri: link }],
      },
      {
        index: { byteStart: tagStart, byteEnd: tagStart + '#sourdough'.length },
        features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'sourdough' }],
      },
    ]);
    // The page does not exist: the post went out without a card.
    expect(value.embed).toBeUndefined();
  });

  it('adds a link card from the page’s Open Graph tags, its image uploaded as the thumb', async () => {
    const fx = await blueskyFixture();
    const url = fx.fake.addPage('launch', {
      title: 'Launch <day>',
      description: 'All about it',
      imageBytes: png1x1,
    });
    const { targetId } = await postOf(fx, [`We open on Friday: ${url}`]);

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });

    const embed = fx.posts()[0]?.value.embed as { external: { thumb: { ref: { $link: string } } } };
    expect(embed).toMatchObject({
      $type: 'app.bsky.embed.external',
      external: { uri: url, title: 'Launch <day>', description: 'All about it' },
    });
    const thumb = fx.fake.ledger.blobs().find((b) => b.cid === embed.external.thumb.ref.$link);
    expect(thumb?.bytes.equals(png1x1)).toBe(true);
  });

  it('never reads a card’s page or picture from this machine or its network', async () => {
    const fx = await blueskyFixture();
    const camera = await localServer((res) => {
      res.writeHead(200, { 'content-type': 'image/png' }).end(png1x1);
    });
    const cameraUrl = camera.origin;
    // A public page (here: on the account's own server) whose author names a camera on
    // the user's network as its picture; and a link straight to that camera.
    const url = fx.fake.addPage('doorbell', {
      title: 'Our new doorbell',
      description: 'Ring it',
      imageUrl: `${cameraUrl}/snapshot.png`,
    });
    const card = await postOf(fx, [`Look: ${url}`]);
    const direct = await postOf(fx, [`And: ${cameraUrl}/page`]);

    expect(await fx.publish(card.targetId)).toMatchObject({ kind: 'published' });
    expect(await fx.publish(direct.targetId)).toMatchObject({ kind: 'published' });

    const [withCard, withoutCard] = fx.posts().map((p) => p.value.embed);
    expect(withCard).toMatchObject({ external: { uri: url, title: 'Our new doorbell' } });
    expect(withCard).not.toHaveProperty('external.thumb');
    expect(withoutCard).toBeUndefined();
    expect(camera.asked).toEqual([]);
  });

  it('refuses text over 300 graphemes in any part before the first part is sent', async () => {
    const fx = await blueskyFixture();
    const long = await postOf(fx, ['Short first part', `${'Rye '.repeat(75)}🍞`]);
    const before = fx.fake.ledger.requests().length;

    const refused = await fx.publish(long.targetId);

    expect(refused).toMatchObject({ kind: 'failed', code: 'VALIDATION' });
    expect(refused.kind === 'failed' && refused.message).toBe(
      'Part 2 is 301 characters long; Bluesky allows 300. Shorten it or split it into a thread.',
    );
    expect(fx.fake.ledger.requests().length).toBe(before);
    expect(fx.posts()).toEqual([]);
  });

  it('refuses a fifth image and a GIF in the check the publisher runs before sending', async () => {
    // Scheduling refuses a fifth image for Bluesky; a thread planned with 5 still meets the check.
    const fx = await blueskyFixture();
    const dir = tempDataDir();
    const planned = async (kind: 'image' | 'gif', n: number): Promise<PlannedMedia> => ({
      assetId: `asset-${String(n)}`,
      kind,
      mime: kind === 'gif' ? 'image/gif' : 'image/png',
      bytes: 100,
      width: 64,
      height: 48,
      durationMs: null,
      file: writeFile(
        dir,
        `${String(n)}.${kind}`,
        await imageBytes(kind === 'gif' ? 'gif' : 'png'),
      ),
      altText: 'A loaf',
    });
    const part = (media: PlannedMedia[]) => [{ id: 'p1', position: 0, text: 'Loaves', media }];
    const { publish } = fx.core.platforms.get('bluesky');
    const check = (...args: Parameters<typeof publish.check>) => publish.check(...args);
    const account = { ...fx.account, settings: {} };
    const four = await Promise.all([1, 2, 3, 4].map((n) => planned('image', n)));

    expect(check(part(four), account, {})).toBeNull();
    expect(check(part([...four, await planned('image', 5)]), account, {})).toBe(
      'The post: Bluesky allows at most 4 images in one post.',
    );
    expect(check(part([await planned('gif', 6)]), account, {})).toMatch(
      /^The post: Bluesky cannot show GIFs\. Convert the GIF to an MP4 video/,
    );
  });
});
