// Publishing to LinkedIn through the real publisher and the fake LinkedIn: text with the
// "little text" reserved characters reading as typed, one LinkedIn-Version on every call,
// several images with their alt text, a video uploaded in parts, a PDF as a document post,
// a thread as the author's comments in order, and deleting the post again.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PartContext, PlatformAccount } from '../../main/core/platforms/port.ts';
import { platformAccount } from '../../main/core/publishing/plan.ts';
import { linkedinVersion } from '../../main/core/platforms/linkedin/api.ts';
import { imageBytes, mp4Bytes, pdfBytes } from '../helpers/media-files.ts';
import { makeMediaAsset } from '../helpers/post-factories.ts';
import { expectOk } from '../helpers/core.ts';
import {
  linkedinFixture,
  postedIds,
  readTarget,
  type LinkedInFixture,
} from './linkedin-fixture.ts';

async function image(fx: LinkedInFixture) {
  const bytes = await imageBytes('png');
  const id = await makeMediaAsset(fx.db, fx.core.dataDir, {
    bytes,
    kind: 'image',
    mime: 'image/png',
    clientId: fx.clientId,
    width: 64,
    height: 48,
  });
  return { id, bytes };
}

describe('publish to LinkedIn', () => {
  it('posts text with reserved characters as typed, and commits the URN LinkedIn names', async () => {
    const fx = await linkedinFixture();
    const typed =
      'Fresh loaves (today only!) #bakery 🥖 — 50% off *all* bread_rolls ~ [ask] @ the ' +
      'counter <3 {deal} | back\\slash, C# and https://nova.example/menu#rye';
    const { postId, targetId } = await fx.post([typed]);
    const outcome = await fx.publish(targetId);
    const [post] = fx.posts();
    expect(post).toMatchObject({
      kind: 'text',
      displayedText: typed,
      visibility: 'PUBLIC',
      lifecycleState: 'PUBLISHED',
      linkedInVersion: linkedinVersion,
      restliProtocolVersion: '2.0.0',
    });
    // The hashtag stays a hashtag; every other reserved character is escaped.
    expect(post?.commentary).toContain(' #bakery ');
    expect(post?.commentary).toContain('\\(today only!\\)');
    const url = `https://www.linkedin.com/feed/update/${post?.urn ?? ''}/`;
    expect(outcome).toEqual({ kind: 'published', remoteId: post?.urn, url });
    expect(await readTarget(fx, targetId)).toMatchObject({
      status: 'published',
      remote_id: post?.urn,
      remote_url: url,
    });
    const detail = expectOk(await fx.core.invoke('posts:get', { id: postId }));
    expect(detail.status).toBe('published');
  });

  it('posts several images as one multi-image post, each with its alt text', async () => {
    const fx = await linkedinFixture();
    const images = [await image(fx), await image(fx), await image(fx)];
    const alts = ['A rye loaf', 'Croissants on a tray', 'The shop front at dawn'];
    const { targetId } = await fx.post([
      {
        text: 'This week at Nova',
        media: images.map((m, i) => ({ assetId: m.id, alt: alts[i] ?? '' })),
      },
    ]);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const [post] = fx.posts();
    expect(post?.kind).toBe('multiImage');
    expect(post?.mediaUrns).toHaveLength(3);
    expect(post?.mediaUrns.map((urn) => post.altTexts[urn])).toEqual(alts);
    const uploads = post?.mediaUrns.map((urn) => fx.fake.media.get(urn));
    expect(uploads?.map((u) => u?.status)).toEqual(['AVAILABLE', 'AVAILABLE', 'AVAILABLE']);
    expect(uploads?.map((u) => u?.owner)).toEqual([fx.member.urn, fx.member.urn, fx.member.urn]);
    expect(uploads?.map((u) => u?.data)).toEqual(images.map((m) => m.bytes));
  });

  it('uploads a video in the parts LinkedIn names, finalizes it with their etags and waits for it', async () => {
    const fx = await linkedinFixture({ videoPartBytes: 1024, videoProcessingSteps: 3 });
    const bytes = mp4Bytes(4000);
    const video = await makeMediaAsset(fx.db, fx.core.dataDir, {
      bytes,
      kind: 'video',
      mime: 'video/mp4',
      clientId: fx.clientId,
      durationMs: 4000,
      width: 320,
      height: 240,
    });
    const { targetId } = await fx.post([
      { text: 'Kneading, start to finish', media: [{ assetId: video }] },
    ]);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const [post] = fx.posts();
    expect(post?.kind).toBe('video');
    const upload = fx.fake.media.get(post?.mediaUrns[0] ?? '');
    expect(upload).toMatchObject({ kind: 'video', status: 'AVAILABLE', finalized: true });
    expect(upload?.partCount).toBe(Math.ceil(bytes.length / 1024));
    expect(upload?.partCount).toBeGreaterThan(1);
    expect(upload?.partsReceived).toBe(upload?.partCount);
    expect(upload?.data).toEqual(bytes);
  });

  it('posts the rest of a thread as the author’s comments, in order, each id committed', async () => {
    const fx = await linkedinFixture();
    const { targetId } = await fx.post([
      'The post itself',
      'First comment (with #tags)',
      'Second comment',
    ]);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const [post] = fx.posts();
    const comments = fx.fake.ledger.comments();
    expect(comments.map((c) => [c.postUrn, c.actor, c.text])).toEqual([
      [post?.urn, fx.member.urn, 'First comment (with #tags)'],
      [post?.urn, fx.member.urn, 'Second comment'],
    ]);
    expect(await postedIds(fx, targetId)).toEqual([post?.urn, ...comments.map((c) => c.urn)]);
  });

  it('deletes the thread from LinkedIn, last part first, and takes a 404 as already gone', async () => {
    const fx = await linkedinFixture();
    const { postId, targetId } = await fx.post(['Going, going', 'A comment below it']);
    await fx.publish(targetId);
    const [post] = fx.posts();
    const [comment] = fx.fake.ledger.comments();

    const result = expectOk(await fx.core.invoke('posts:unpublish', { id: postId }));
    expect(result).toMatchObject({ deleted: 1, failures: [], post: { status: 'deleted' } });
    expect(fx.fake.ledger.posts().find((p) => p.urn === post?.urn)?.deleted).toBe(true);
    const deletes = fx.fake.ledger.requests().filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => [decodeURIComponent(r.url), r.status])).toEqual([
      // This fake keeps no comment deletes: its 404 reads as "already gone".
      [
        `/rest/socialActions/${post?.urn ?? ''}/comments/${comment?.id ?? ''}?actor=${fx.member.urn}`,
        404,
      ],
      [`/rest/posts/${post?.urn ?? ''}`, 204],
    ]);
  });
});

describe('a PDF on LinkedIn', () => {
  it('posts a library PDF scheduled for LinkedIn as a document with its title', async () => {
    const fx = await linkedinFixture();
    const bytes = pdfBytes(3, 'Winter menu');
    const dir = path.join(fx.core.dataDir, 'incoming');
    fs.mkdirSync(dir);
    const file = path.join(dir, 'winter-menu.pdf');
    fs.writeFileSync(file, bytes);
    // Into the library as a user's file goes (sniffed, stored), then through the same
    // channel and checks as the composer's "Schedule".
    const asset = await fx.core.media.importFile(file, fx.clientId);
    expect(asset.kind).toBe('document');
    const scheduled = expectOk(
      await fx.core.invoke('posts:schedule', {
        clientId: fx.clientId,
        accountIds: [fx.account.id],
        parts: [
          { text: 'Our winter menu', media: [{ mediaId: asset.id, altText: 'Winter menu 2026' }] },
        ],
        when: fx.core.clock.now() + 60 * 60_000,
      }),
    );
    const targetId = scheduled.targets[0]?.id ?? '';
    fx.core.clock.advance(60 * 60_000);

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const [post] = fx.posts();
    expect(post).toMatchObject({
      kind: 'document',
      title: 'Winter menu 2026',
      commentary: 'Our winter menu',
    });
    expect(post?.mediaUrns).toHaveLength(1);
    const urn = post?.mediaUrns[0] ?? '';
    expect(urn).toMatch(/^urn:li:document:/);
    // The Documents API received the file's exact bytes, owned by the member.
    expect(fx.fake.media.get(urn)).toMatchObject({
      kind: 'document',
      status: 'AVAILABLE',
      data: bytes,
    });
    const calls = fx.fake.ledger.requests().map((r) => `${r.method} ${r.url.split('?')[0] ?? ''}`);
    expect(calls).toContain('POST /rest/documents');
    expect(calls).not.toContain('POST /rest/images');
    expect(await readTarget(fx, targetId)).toMatchObject({
      status: 'published',
      remote_id: post?.urn,
    });
  });

  it('gives LinkedIn the default title when the document has none', async () => {
    const fx = await linkedinFixture();
    const bytes = pdfBytes(1);
    const file = path.join(fx.core.dataDir, 'deck.pdf');
    fs.writeFileSync(file, bytes);
    const publish = fx.core.platforms.get('linkedin').publish;
    const context: PartContext = {
      postId: 'post-1',
      targetId: 'target-1',
      account: await platformAccountOf(fx),
      options: {},
      part: {
        id: 'part-1',
        position: 0,
        text: 'Our deck',
        media: [
          {
            assetId: 'asset-1',
            kind: 'document',
            mime: 'application/pdf',
            bytes: bytes.length,
            width: null,
            height: null,
            durationMs: null,
            file,
            altText: '  ',
          },
        ],
      },
      partCount: 1,
      root: null,
      parent: null,
      key: null,
      uploads: [],
    };
    const media = await publish.prepareMedia(context, () => Promise.resolve());
    const sent = await publish.send(context, media);
    const [post] = fx.posts();
    expect(sent.id).toBe(post?.urn);
    expect(post).toMatchObject({ kind: 'document', title: 'Document' });
  });
});

async function platformAccountOf(fx: LinkedInFixture): Promise<PlatformAccount> {
  const row = await fx.db
    .selectFrom('social_accounts')
    .selectAll()
    .where('id', '=', fx.account.id)
    .executeTakeFirstOrThrow();
  return platformAccount(row);
}
