// When LinkedIn's answer never comes back. The post URN is committed as soon as LinkedIn
// names it; a member's post or comment whose fate is unknown is never sent blindly again
// (LinkedIn lets no app like Starling read a member's posts back): the post stops at
// needs_review with a link to where the user can look, and the user says "it went out" or
// "send again". A page's post is looked up instead. Passing failures wait and retry.
import { describe, expect, it } from 'vitest';
import { expectOk } from '../helpers/core.ts';
import { linkedinFixture, postedIds, readTarget } from './linkedin-fixture.ts';

const activity = 'https://www.linkedin.com/in/me/recent-activity/all/';

describe('an unconfirmed LinkedIn post', () => {
  it('stops at needs_review with the member’s activity link, and sends nothing twice', async () => {
    const fx = await linkedinFixture();
    const { postId, targetId } = await fx.post(['Sent into the dark']);
    fx.fake.fault({ kind: 'drop-after-record', method: 'POST', path: '/rest/posts' });
    const outcome = await fx.publish(targetId);
    expect(outcome).toMatchObject({ kind: 'failed', code: 'UNCHECKABLE' });
    expect(fx.posts()).toHaveLength(1);
    const target = await readTarget(fx, targetId);
    expect(target).toMatchObject({
      status: 'needs_review',
      error_code: 'UNCHECKABLE',
      remote_id: null,
      remote_url: activity,
    });
    expect(target.error_message).toContain('LinkedIn did not confirm the post');
    expect(target.error_message).toContain(`Look at ${activity}`);
    expect(expectOk(await fx.core.invoke('posts:get', { id: postId })).status).toBe('needs_review');

    // Run again (a restart, another process): it still does not send blindly.
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'failed', code: 'UNCHECKABLE' });
    expect(fx.posts()).toHaveLength(1);

    // The user looked: it went out.
    const confirmed = expectOk(
      await fx.core.invoke('posts:mark-published', { id: postId, accountId: fx.account.id }),
    );
    expect(confirmed).toMatchObject({ status: 'published', targets: [{ status: 'published' }] });
    expect(fx.posts()).toHaveLength(1);
  });

  it('sends it again when the user says it did not go out', async () => {
    const fx = await linkedinFixture();
    const { postId, targetId } = await fx.post(['Second time lucky']);
    fx.fake.fault({ kind: 'drop-after-record', method: 'POST', path: '/rest/posts' });
    await fx.publish(targetId);
    // Suppose the user found nothing on LinkedIn (here it is there: the fake recorded it).
    expectOk(await fx.core.invoke('posts:retry', { id: postId }));
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(fx.posts()).toHaveLength(2);
    expect(await readTarget(fx, targetId)).toMatchObject({ status: 'published', error_code: null });
  });

  it('keeps the post URN when a comment’s answer is lost, and stops at the post’s link', async () => {
    const fx = await linkedinFixture();
    const { targetId } = await fx.post([
      'The post',
      'A comment whose answer is lost',
      'Never sent',
    ]);
    fx.fake.fault({
      kind: 'drop-after-record',
      method: 'POST',
      path: '/rest/socialActions/:urn/comments',
    });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'failed', code: 'UNCHECKABLE' });
    const [post] = fx.posts();
    const link = `https://www.linkedin.com/feed/update/${post?.urn ?? ''}/`;
    expect(await postedIds(fx, targetId)).toEqual([post?.urn]);
    expect(await readTarget(fx, targetId)).toMatchObject({
      status: 'needs_review',
      remote_id: post?.urn,
      remote_url: link,
    });
    expect(fx.fake.ledger.comments().map((c) => c.text)).toEqual([
      'A comment whose answer is lost',
    ]);
  });

  it('looks a page’s post up instead, and adopts the one LinkedIn recorded', async () => {
    const fx = await linkedinFixture({ page: true });
    const page = fx.page;
    if (page === null) throw new Error('no page');
    const { targetId } = await fx.post(['Open on Sunday (10–14)'], page);
    fx.fake.fault({ kind: 'drop-after-record', method: 'POST', path: '/rest/posts' });
    const outcome = await fx.publish(targetId);
    const author = fx.organization?.urn ?? '';
    const [post] = fx.posts(author);
    expect(fx.posts(author)).toHaveLength(1);
    expect(outcome).toMatchObject({ kind: 'published', remoteId: post?.urn });
    const events = fx.events.filter((e) => e.targetId === targetId).map((e) => e.type);
    expect(events).toContain('target.reconciled');
  });

  it('finds a page’s post behind an older one edited since', async () => {
    const fx = await linkedinFixture({ page: true });
    const page = fx.page;
    if (page === null) throw new Error('no page');
    const author = fx.organization?.urn ?? '';
    const older = await fx.post(['Last week’s opening hours'], page);
    expect(await fx.publish(older.targetId)).toMatchObject({ kind: 'published' });
    fx.core.advance(24 * 60 * 60_000);

    const { targetId } = await fx.post(['Open on Sunday (10–14)'], page);
    fx.fake.fault({ kind: 'drop-after-record', method: 'POST', path: '/rest/posts' });
    fx.fake.fault({ kind: 'status', status: 503, method: 'GET', path: '/rest/posts' });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry' });
    // Meanwhile someone corrects last week's post on LinkedIn: it now lists first.
    fx.core.advance(5 * 60_000);
    fx.fake.editPost(fx.posts(author)[0]?.urn ?? '', 'Last week’s opening hours (corrected)');

    const outcome = await fx.publish(targetId);
    expect(fx.posts(author)).toHaveLength(2);
    expect(outcome).toMatchObject({ kind: 'published', remoteId: fx.posts(author)[1]?.urn });
  });

  it('sends a page’s lost post to review when the page posted more since than it reads back', async () => {
    const fx = await linkedinFixture({ page: true });
    const page = fx.page;
    if (page === null) throw new Error('no page');
    const author = fx.organization?.urn ?? '';
    const { targetId } = await fx.post(['Open on Sunday (10–14)'], page);
    fx.fake.fault({ kind: 'drop-after-record', method: 'POST', path: '/rest/posts' });
    fx.fake.fault({ kind: 'status', status: 503, method: 'GET', path: '/rest/posts' });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry' });
    // Ten full pages made on LinkedIn itself since, all listed before the lost one.
    fx.core.advance(5 * 60_000);
    for (let i = 0; i < 500; i += 1) fx.fake.postElsewhere(author, `Elsewhere ${String(i)}`);

    const outcome = await fx.publish(targetId);

    expect(outcome).toMatchObject({ kind: 'failed', code: 'UNCHECKABLE' });
    const target = await readTarget(fx, targetId);
    expect(target).toMatchObject({ status: 'needs_review', error_code: 'UNCHECKABLE' });
    expect(target.error_message).toContain('made or changed since (over 500)');
    expect(target.error_message).toContain('/admin/page-posts/published/');
    expect(fx.posts(author).filter((p) => p.commentary.startsWith('Open on Sunday'))).toHaveLength(
      1,
    );
  });

  it('adopts a page’s post when a server error came after LinkedIn made it', async () => {
    const fx = await linkedinFixture({ page: true });
    const page = fx.page;
    if (page === null) throw new Error('no page');
    const { targetId } = await fx.post(['Made, then a 502'], page);
    fx.fake.fault({
      kind: 'status-after-record',
      status: 502,
      method: 'POST',
      path: '/rest/posts',
    });
    const outcome = await fx.publish(targetId);
    const author = fx.organization?.urn ?? '';
    expect(fx.posts(author)).toHaveLength(1);
    expect(outcome).toMatchObject({ kind: 'published', remoteId: fx.posts(author)[0]?.urn });
  });

  it('leaves a member’s post to a person after a server error: it may be out', async () => {
    const fx = await linkedinFixture();
    const { targetId } = await fx.post(['Made, then a 503']);
    fx.fake.fault({
      kind: 'status-after-record',
      status: 503,
      method: 'POST',
      path: '/rest/posts',
    });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'failed', code: 'UNCHECKABLE' });
    // Not sent again: LinkedIn cannot show Starling a member's posts.
    expect(fx.posts()).toHaveLength(1);
    const target = await fx.core.database.db
      .selectFrom('post_targets')
      .select('status')
      .where('id', '=', targetId)
      .executeTakeFirstOrThrow();
    expect(target.status).toBe('needs_review');
  });

  it('waits out a server error, and names LinkedIn’s daily limit with its reset', async () => {
    const fx = await linkedinFixture({ page: true });
    const page = fx.page;
    if (page === null) throw new Error('no page');
    const author = fx.organization?.urn ?? '';
    const { targetId } = await fx.post(['Patience'], page);
    fx.fake.fault({ kind: 'status', status: 503, method: 'POST', path: '/rest/posts' });
    // Looked up first (a server error may come after the post was made), not there.
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry', code: 'UNCONFIRMED' });
    expect(fx.posts(author)).toHaveLength(0);
    fx.fake.fault({ kind: 'rate-limit', resetInSeconds: 0, method: 'POST', path: '/rest/posts' });
    const limited = await fx.publish(targetId);
    const midnight = Math.floor(fx.core.clock.now() / 86_400_000 + 1) * 86_400_000;
    expect(limited).toMatchObject({ kind: 'retry', code: 'RATE_LIMITED', at: midnight });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(fx.posts(author)).toHaveLength(1);
  });
});
