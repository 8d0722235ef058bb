// Facebook Page metrics through the analytics sync: a post's lifetime insights with its
// reactions, comments and shares, a video read through the post it made, the Page's
// followers, a post deleted on Facebook no longer read, and the signed-in user's own
// account never read (it posts nothing) but saying why.
import { describe, expect, it } from 'vitest';
import { userCannotPost } from '../../main/core/platforms/facebook/limits.ts';
import { expectOk } from '../helpers/core.ts';
import { facebookFixture, type FacebookFixture } from './facebook-fixture.ts';

const hour = 60 * 60_000;

async function published(fx: FacebookFixture, text: string) {
  const { targetId } = await fx.post([text]);
  const outcome = await fx.publish(targetId);
  if (outcome.kind !== 'published') throw new Error(`not published: ${JSON.stringify(outcome)}`);
  return { targetId, id: outcome.remoteId };
}

const snapshots = (fx: FacebookFixture, targetId: string) =>
  fx.db.selectFrom('post_metric_snapshots').selectAll().where('target_id', '=', targetId).execute();

describe('Facebook metrics', () => {
  it('reads post insights and followers into the local history', async () => {
    const fx = await facebookFixture();
    const busy = await published(fx, 'Our new sourdough');
    const quiet = await published(fx, 'A quiet one');
    fx.fake.setFigures(busy.id, {
      impressions: 900,
      reach: 700,
      clicks: 40,
      reactions: 25,
      shares: 3,
    });
    fx.fake.store.page(fx.fbPage.id).followers = 321;
    fx.core.advance(hour);

    const result = expectOk(await fx.core.invoke('analytics:sync-now', { accountId: fx.page.id }));
    expect(result).toMatchObject({ postsRead: 2, accountsRead: 1, problems: [] });
    expect(await snapshots(fx, busy.targetId)).toEqual([
      expect.objectContaining({ impressions: 900, clicks: 40, likes: 25, reposts: 3, replies: 0 }),
    ]);
    expect(await snapshots(fx, quiet.targetId)).toEqual([
      expect.objectContaining({ impressions: 0, clicks: 0, likes: 0, reposts: 0 }),
    ]);
    const followers = await fx.db
      .selectFrom('account_metric_snapshots')
      .selectAll()
      .where('account_id', '=', fx.page.id)
      .execute();
    expect(followers.map((f) => f.followers)).toEqual([321]);
  });

  it('stops reading a post deleted on Facebook, and never reads the user’s own account', async () => {
    const fx = await facebookFixture();
    const gone = await published(fx, 'Deleted by hand');
    const post = fx.fake.store.posts.get(gone.id);
    if (post === undefined) throw new Error('no post');
    post.deleted = true;
    fx.core.advance(hour);
    const result = expectOk(await fx.core.invoke('analytics:sync-now', { accountId: fx.page.id }));
    expect(result.problems).toEqual([]);
    expect(await snapshots(fx, gone.targetId)).toEqual([]);
    const module = fx.core.platforms.get('facebook');
    expect(
      module.metrics.unavailable?.({
        id: fx.user.id,
        clientId: fx.clientId,
        platform: 'facebook',
        platformUserId: fx.user.platformUserId,
        handle: fx.user.handle,
        serviceUrl: null,
        settings: { kind: 'user', userId: fx.user.platformUserId },
      }),
    ).toBe(userCannotPost);
  });
});
