// Metrics of Bluesky posts read back by the analytics sync through the core: like,
// repost, reply and quote counts into post_metric_snapshots (no impressions: Bluesky has
// none), followers into account_metric_snapshots, and a deleted post stops being polled.
import { describe, expect, it } from 'vitest';
import { makePost } from '../helpers/post-factories.ts';
import { blueskyFixture, type BlueskyFixture } from './bluesky-fixture.ts';
import { expectOk } from '../helpers/core.ts';

const hour = 60 * 60_000;

async function published(fx: BlueskyFixture, text: string) {
  const made = await makePost(fx.db, {
    clientId: fx.clientId,
    accountIds: [fx.account.id],
    parts: [text],
  });
  const targetId = made.targets[fx.account.id] ?? '';
  const outcome = await fx.publish(targetId);
  if (outcome.kind !== 'published') throw new Error(`not published: ${JSON.stringify(outcome)}`);
  return { targetId, uri: outcome.remoteId };
}

const sync = async (fx: BlueskyFixture) =>
  expectOk(await fx.core.invoke('analytics:sync-now', { dueOnly: true }));

describe('analytics sync against the fake Bluesky', () => {
  it('stores post counts and followers as snapshots; a deleted post stops being polled', async () => {
    const fx = await blueskyFixture();
    const a = await published(fx, 'Croissants are back');
    const b = await published(fx, 'Closed on Monday');
    fx.fake.setPostCounts(a.uri, { likes: 7, reposts: 2, replies: 3, quotes: 1 });
    fx.fake.setPostCounts(b.uri, { likes: 1 });
    fx.fake.setFollowers(fx.user.did, 321);

    const first = await sync(fx);
    expect(first).toMatchObject({ accountsRead: 1, postsRead: 0, problems: [] });
    fx.core.advance(hour);
    const second = await sync(fx);
    expect(second).toMatchObject({ postsRead: 2, reads: 2, problems: [] });

    const snapshot = await fx.db
      .selectFrom('post_metric_snapshots')
      .selectAll()
      .where('target_id', '=', a.targetId)
      .executeTakeFirstOrThrow();
    expect(snapshot).toMatchObject({
      impressions: null,
      likes: 7,
      reposts: 2,
      replies: 3,
      quotes: 1,
      bookmarks: 0,
      clicks: null,
      profile_visits: null,
    });
    const account = await fx.db
      .selectFrom('account_metric_snapshots')
      .selectAll()
      .where('account_id', '=', fx.account.id)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ followers: 321, following: 0, posts_count: 2 });
    // Reads on Bluesky cost nothing: none were counted against X's daily cap.
    const usage = await fx.db.selectFrom('x_read_usage').selectAll().execute();
    expect(usage.reduce((sum, day) => sum + day.reads, 0)).toBe(0);

    fx.fake.deleteRecord(b.uri);
    fx.core.advance(3 * hour);
    const third = await sync(fx);
    expect(third.deleted).toBe(1);
    const poll = await fx.db
      .selectFrom('metric_polls')
      .select(['gone_at', 'due_at'])
      .where('subject', '=', 'post')
      .where('subject_id', '=', b.targetId)
      .executeTakeFirstOrThrow();
    expect(poll).toMatchObject({ gone_at: fx.core.clock.now(), due_at: null });
    const getPosts = fx.fake.ledger
      .requests()
      .filter((r) => r.path === '/xrpc/app.bsky.feed.getPosts');
    expect(
      getPosts.every((r) => new URL(r.url, 'http://x').searchParams.getAll('uris').length <= 25),
    ).toBe(true);
  });
});
