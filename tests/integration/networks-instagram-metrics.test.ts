// Instagram media insights and follower counts read back by the registry's module from the
// fake Graph API, a post deleted in the app reported gone, and a Page token Meta no longer
// takes marking the account for reconnecting instead of failing post by post.
import { describe, expect, it } from 'vitest';
import { expectOk } from '../helpers/core.ts';
import { instagramFixture } from './instagram-fixture.ts';

describe('Instagram: metrics', () => {
  it('reads reach, likes, comments, saves and shares per post, and the follower count', async () => {
    const fx = await instagramFixture();
    const { targetId } = await fx.post({ text: 'Figures', media: [{ assetId: await fx.jpeg() }] });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    const [media] = fx.media();
    if (media === undefined) throw new Error('not published');
    media.insights = { reach: 840, likes: 61, comments: 7, saved: 12, shares: 5 };
    const metrics = fx.core.platforms.get('instagram').metrics;
    const account = {
      ...fx.account,
      settings: { kind: 'instagram', pageId: fx.instagram.pageId, username: 'novabakery' },
    };

    const lookup = await metrics.readPosts(account, [media.id], true);
    expect(lookup.found.get(media.id)).toEqual({
      impressions: 840,
      likes: 61,
      replies: 7,
      bookmarks: 12,
      reposts: 5,
      quotes: 0,
      clicks: null,
      profileVisits: null,
    });
    expect(await metrics.readAccount(account)).toEqual({
      followers: 1200,
      following: 0,
      postsCount: 1,
      listed: 0,
    });

    // Deleted in the app: gone, not an error.
    media.deleted = true;
    const after = await metrics.readPosts(account, [media.id], true);
    expect(after.gone).toEqual([media.id]);
    expect(after.found.size).toBe(0);
  });

  it('holds posts and asks for a reconnect when Meta no longer takes the Page token', async () => {
    const fx = await instagramFixture();
    const { targetId } = await fx.post({ text: 'Revoked', media: [{ assetId: await fx.jpeg() }] });
    fx.fake.faults.add({ path: /\/media$/, kind: 'revoked' });

    const outcome = await fx.publish(targetId);
    expect(outcome).toMatchObject({ kind: 'held', code: 'AUTH_EXPIRED' });
    const [account] = expectOk(await fx.core.invoke('accounts:list', { clientId: fx.clientId }));
    expect(account?.status).toBe('needs_reauth');
    expect(fx.media()).toHaveLength(0);
    expect(fx.s3?.keys()).toEqual([]);
  });
});
