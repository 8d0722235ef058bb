// Publishing to a Facebook Page through the real publisher and the fake Meta: text whose
// first link becomes the preview, several photos uploaded unpublished and attached as one
// post, one video uploaded to graph-video, the thread as the Page's comments in order, an
// answer lost after Meta posted looked up instead of sent twice, Meta's usage headers
// pausing the Page before its limit, a token Meta refuses holding the account, and
// deleting the post again.
import { describe, expect, it } from 'vitest';
import { imageBytes, mp4Bytes } from '../helpers/media-files.ts';
import { makeMediaAsset } from '../helpers/post-factories.ts';
import { expectOk } from '../helpers/core.ts';
import { committedIds, facebookFixture, type FacebookFixture } from './facebook-fixture.ts';

async function image(fx: FacebookFixture) {
  return makeMediaAsset(fx.db, fx.core.dataDir, {
    bytes: await imageBytes('png'),
    kind: 'image',
    mime: 'image/png',
    clientId: fx.clientId,
    width: 64,
    height: 48,
  });
}

const target = (fx: FacebookFixture, id: string) =>
  fx.db.selectFrom('post_targets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('publish to a Facebook Page', () => {
  it('posts text with its first link as the preview and commits the post id', async () => {
    const fx = await facebookFixture();
    const text = 'Fresh rye today: https://rye.example/menu. See you!';
    const { targetId } = await fx.post([text]);
    const outcome = await fx.publish(targetId);
    const [post] = fx.fake.postsOf(fx.fbPage.id);
    expect(post).toMatchObject({ kind: 'link', message: text, link: 'https://rye.example/menu' });
    const url = `https://www.facebook.com/${fx.fbPage.id}/posts/${post?.id.split('_')[1] ?? ''}`;
    expect(outcome).toEqual({ kind: 'published', remoteId: post?.id, url });
    expect(await target(fx, targetId)).toMatchObject({ status: 'published', remote_id: post?.id });
    // Posted with the Page's token, never the user's.
    const feed = fx.fake.requests().find((r) => r.path.endsWith('/feed') && r.method === 'POST');
    expect(feed?.authorization).toMatch(/^Bearer EAAP/);
  });

  it('uploads several photos unpublished and attaches them as one post, with a first comment', async () => {
    const fx = await facebookFixture();
    const photos = [await image(fx), await image(fx), await image(fx)];
    const { targetId } = await fx.post([
      {
        text: 'This week at Rye & Co',
        media: photos.map((assetId) => ({ assetId, alt: 'Bread' })),
      },
      'Opening hours: 7 to 3',
    ]);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const posts = fx.fake.postsOf(fx.fbPage.id);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ kind: 'album', message: 'This week at Rye & Co' });
    expect(posts[0]?.photoIds).toHaveLength(3);
    const uploads = fx.fake.requests().filter((r) => r.path.endsWith('/photos'));
    expect(uploads).toHaveLength(3);
    const ids = await committedIds(fx, targetId);
    expect(ids[0]).toBe(posts[0]?.id);
    expect(fx.fake.commentsOn(posts[0]?.id ?? '')).toEqual([
      { id: ids[1], message: 'Opening hours: 7 to 3', fromId: fx.fbPage.id },
    ]);
  });

  it('uploads one video to graph-video and comments under it', async () => {
    const fx = await facebookFixture();
    const video = await makeMediaAsset(fx.db, fx.core.dataDir, {
      bytes: mp4Bytes(4000),
      kind: 'video',
      mime: 'video/mp4',
      clientId: fx.clientId,
      durationMs: 4000,
      width: 320,
      height: 240,
    });
    const { targetId } = await fx.post([
      { text: 'Kneading, start to finish', media: [{ assetId: video }] },
      'Recipe in the next post',
    ]);
    const outcome = await fx.publish(targetId);
    const upload = fx.fake.requests().find((r) => r.path.endsWith('/videos'));
    expect(upload).toMatchObject({ host: 'graph-video.facebook.com', status: 200 });
    const [post] = fx.fake.postsOf(fx.fbPage.id);
    expect(post).toMatchObject({ kind: 'video', message: 'Kneading, start to finish' });
    expect(outcome).toMatchObject({
      kind: 'published',
      remoteId: post?.videoId,
      url: `https://www.facebook.com/${fx.fbPage.id}/videos/${post?.videoId ?? ''}`,
    });
    expect(fx.fake.commentsOn(post?.videoId ?? '').map((c) => c.message)).toEqual([
      'Recipe in the next post',
    ]);
  });

  it('looks a post up after its answer was lost, and never posts it twice', async () => {
    const fx = await facebookFixture();
    const { targetId } = await fx.post(['Into the dark', 'And a comment']);
    fx.fake.faults.add({ kind: 'drop-after-record', method: 'POST', path: /\/feed$/ });
    fx.fake.faults.add({ kind: 'drop-after-record', method: 'POST', path: /\/comments$/ });
    // The publisher looks each lost answer up before going on (within one run or the next).
    let outcome = await fx.publish(targetId);
    for (let i = 0; i < 3 && outcome.kind === 'retry'; i += 1) outcome = await fx.publish(targetId);
    expect(outcome).toMatchObject({ kind: 'published' });
    const posts = fx.fake.postsOf(fx.fbPage.id);
    expect(posts).toHaveLength(1);
    const ids = await committedIds(fx, targetId);
    expect(ids[0]).toBe(posts[0]?.id);
    expect(fx.fake.commentsOn(posts[0]?.id ?? '')).toHaveLength(1);
    const looked = fx.fake.requests().filter((r) => r.method === 'GET');
    expect(looked.some((r) => r.path.endsWith('/published_posts'))).toBe(true);
    expect(looked.some((r) => r.path.endsWith('/comments'))).toBe(true);
    expect(
      fx.fake.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/feed')),
    ).toHaveLength(1);
  });

  it('reads page after page of the Page’s posts, as Graph pages them by time', async () => {
    const fx = await facebookFixture();
    const { targetId } = await fx.post(['Lost among many']);
    fx.fake.faults.add({ kind: 'drop-after-record', method: 'POST', path: /\/feed$/ });
    fx.fake.faults.add({ kind: 'status', status: 503, method: 'GET', path: /\/published_posts$/ });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry' });
    // More than a page of posts made on Facebook itself since: the lost one is on page 2.
    for (let i = 0; i < 120; i += 1) fx.fake.postElsewhere(fx.fbPage.id, `Elsewhere ${String(i)}`);
    let outcome = await fx.publish(targetId);
    for (let i = 0; i < 3 && outcome.kind === 'retry'; i += 1) outcome = await fx.publish(targetId);
    expect(outcome).toMatchObject({ kind: 'published' });
    expect(
      fx.fake.postsOf(fx.fbPage.id).filter((p) => p.message === 'Lost among many'),
    ).toHaveLength(1);
    const looked = fx.fake.requests().filter((r) => r.path.endsWith('/published_posts'));
    expect(looked.some((r) => r.url.includes('__paging_token'))).toBe(true);
  });

  it('sends a lost part to review when the Page posted more since than Starling reads back', async () => {
    const fx = await facebookFixture();
    const { targetId } = await fx.post(['Lost beyond reach']);
    fx.fake.faults.add({ kind: 'drop-after-record', method: 'POST', path: /\/feed$/ });
    fx.fake.faults.add({ kind: 'status', status: 503, method: 'GET', path: /\/published_posts$/ });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry' });
    // Ten full pages made on Facebook itself since, all newer than the lost one.
    for (let i = 0; i < 1000; i += 1) fx.fake.postElsewhere(fx.fbPage.id, `Elsewhere ${String(i)}`);

    const outcome = await fx.publish(targetId);

    expect(outcome).toMatchObject({ kind: 'failed', code: 'UNCHECKABLE' });
    expect(outcome.kind === 'failed' && outcome.message).toContain(
      `https://www.facebook.com/${fx.fbPage.id}`,
    );
    expect(
      fx.fake.postsOf(fx.fbPage.id).filter((p) => p.message === 'Lost beyond reach'),
    ).toHaveLength(1);
  });

  it('finds a lost comment among the newest, and sends it to review with its post’s link beyond reach', async () => {
    const fx = await facebookFixture();
    // Older comments first: the lookup reads newest first, so these are never in the way.
    const { targetId } = await fx.post(['The post', 'The found comment']);
    fx.fake.faults.add({ kind: 'status', status: 503, method: 'POST', path: /\/comments$/ });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry' });
    const [post] = fx.fake.postsOf(fx.fbPage.id);
    const postId = post?.id ?? '';
    for (let i = 0; i < 1000; i += 1) {
      fx.fake.commentElsewhere(postId, fx.fbPage.id, `Older ${String(i)}`);
    }
    fx.fake.faults.add({ kind: 'drop-after-record', method: 'POST', path: /\/comments$/ });
    fx.fake.faults.add({ kind: 'status', status: 503, method: 'GET', path: /\/comments$/ });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry' });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const sent = (message: string) =>
      fx.fake.commentsOn(postId).filter((c) => c.message === message);
    expect(sent('The found comment')).toHaveLength(1);

    // Another thread's comment is lost, then ten full pages of newer comments pile up.
    const second = await fx.post(['Another post', 'The lost comment']);
    fx.fake.faults.add({ kind: 'drop-after-record', method: 'POST', path: /\/comments$/ });
    fx.fake.faults.add({ kind: 'status', status: 503, method: 'GET', path: /\/comments$/ });
    expect(await fx.publish(second.targetId)).toMatchObject({ kind: 'retry' });
    const [another] = fx.fake.postsOf(fx.fbPage.id);
    for (let i = 0; i < 1000; i += 1) {
      fx.fake.commentElsewhere(another?.id ?? '', fx.fbPage.id, `Newer ${String(i)}`);
    }

    const outcome = await fx.publish(second.targetId);

    expect(outcome).toMatchObject({ kind: 'failed', code: 'UNCHECKABLE' });
    expect(outcome.kind === 'failed' && outcome.message).toContain(
      `https://www.facebook.com/${fx.fbPage.id}/posts/${another?.id.split('_')[1] ?? ''}`,
    );
    expect(
      fx.fake.commentsOn(another?.id ?? '').filter((c) => c.message === 'The lost comment'),
    ).toHaveLength(1);
  });

  it('pauses a Page whose usage nears Meta’s limit until Meta’s estimate, sending nothing', async () => {
    const fx = await facebookFixture({ limits: { pageCallsPerHour: 10 } });
    // Nine posts spend nine of the Page's ten calls an hour: Meta reports 90%.
    for (let i = 1; i <= 9; i += 1) {
      const { targetId } = await fx.post([`Post ${String(i)}`]);
      expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    }
    const sent = fx.fake.requests().length;
    const { targetId } = await fx.post(['Post 10']);
    const paused = await fx.publish(targetId);
    expect(paused).toMatchObject({ kind: 'retry' });
    expect(paused.kind === 'retry' && paused.reason).toMatch(/rate limit is 90% spent/);
    expect(paused.kind === 'retry' && paused.at).toBeGreaterThan(fx.core.clock.now());
    expect(fx.fake.requests()).toHaveLength(sent);
    // The composer says so, from the same figures.
    const notes = expectOk(
      await fx.core.invoke('accounts:rate-limits', { accountIds: [fx.page.id] }),
    );
    expect(notes).toContainEqual({
      accountId: fx.page.id,
      words: expect.stringContaining('This Page has used 90% of Meta’s rate limit') as string,
      percent: 90,
      until: paused.kind === 'retry' ? paused.at : -1,
    });
    // Once the hour has moved on, it goes out.
    fx.core.advance(60 * 60_000);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(fx.fake.postsOf(fx.fbPage.id)).toHaveLength(10);
  });

  it('holds the Page for reconnecting when Meta refuses its token', async () => {
    const fx = await facebookFixture();
    const { targetId } = await fx.post(['Never sent']);
    fx.fake.faults.add({ kind: 'revoked', method: 'POST', path: /\/feed$/ });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'held' });
    const page = expectOk(await fx.core.invoke('accounts:list', { clientId: fx.clientId })).find(
      (a) => a.id === fx.page.id,
    );
    expect(page).toMatchObject({ status: 'needs_reauth' });
    expect(page?.statusReason).toContain('removed');
  });

  it('adopts the post when a server error came after Facebook made it', async () => {
    const fx = await facebookFixture();
    const { targetId } = await fx.post(['Made, then a 504']);
    fx.fake.faults.add({
      kind: 'status-after-record',
      status: 504,
      method: 'POST',
      path: /\/feed$/,
    });
    const outcome = await fx.publish(targetId);
    const posts = fx.fake.postsOf(fx.fbPage.id);
    expect(posts).toHaveLength(1);
    expect(outcome).toMatchObject({ kind: 'published', remoteId: posts[0]?.id });
  });

  it('retries a server error and deletes the post again', async () => {
    const fx = await facebookFixture();
    const { postId, targetId } = await fx.post(['Here and gone']);
    fx.fake.faults.add({ kind: 'status', status: 503, method: 'POST', path: /\/feed$/ });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry', at: null });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expectOk(await fx.core.invoke('posts:unpublish', { id: postId }));
    expect(fx.fake.postsOf(fx.fbPage.id)).toEqual([]);
  });
});
