// Threads metrics through the analytics sync: each post's insights (views, likes, replies,
// reposts, quotes) and the account's followers become snapshots in the same local history
// as every network's; a post deleted on Threads stops being read; a rate limit waits.
import { describe, expect, it } from 'vitest';
import { dumpDatabase, expectOk } from '../helpers/core.ts';
import { threadsFixture, type ThreadsFixture } from './threads-fixture.ts';

const hour = 60 * 60_000;

async function published(fx: ThreadsFixture, text: string) {
  const { targetId } = await fx.post([text]);
  const outcome = await fx.publish(targetId);
  if (outcome.kind !== 'published') throw new Error(`not published: ${JSON.stringify(outcome)}`);
  return { targetId, id: outcome.remoteId };
}

const snapshots = (fx: ThreadsFixture, targetId: string) =>
  fx.db.selectFrom('post_metric_snapshots').selectAll().where('target_id', '=', targetId).execute();

describe('Threads metrics', () => {
  it('reads views, likes, replies, reposts and quotes per post, and followers', async () => {
    const fx = await threadsFixture();
    const busy = await published(fx, 'Our new sourdough');
    const quiet = await published(fx, 'A quiet one');
    fx.fake.react(busy.id, { views: 1200, likes: 80, replies: 9, reposts: 4, quotes: 2 });
    fx.fake.setFollowers(fx.user.id, 456);
    fx.core.advance(hour);

    const result = expectOk(
      await fx.core.invoke('analytics:sync-now', { accountId: fx.account.id }),
    );
    expect(result).toMatchObject({ postsRead: 2, accountsRead: 1, problems: [] });
    expect(await snapshots(fx, busy.targetId)).toEqual([
      expect.objectContaining({
        impressions: 1200,
        likes: 80,
        replies: 9,
        reposts: 4,
        quotes: 2,
        bookmarks: 0,
        clicks: null,
      }),
    ]);
    expect(await snapshots(fx, quiet.targetId)).toEqual([
      expect.objectContaining({ impressions: 0, likes: 0 }),
    ]);
    expect(dumpDatabase(fx.core).account_metric_snapshots).toEqual([
      expect.objectContaining({ account_id: fx.account.id, followers: 456 }),
    ]);
    const insights = fx.fake.ledger.requests().filter((r) => r.path.endsWith('/insights'));
    expect(insights.map((r) => new URL(r.url, 'http://x').searchParams.get('metric'))).toEqual([
      'views,likes,replies,reposts,quotes',
      'views,likes,replies,reposts,quotes',
    ]);
  });

  it('stops reading a post deleted on Threads, and waits out a rate limit', async () => {
    const fx = await threadsFixture();
    const gone = await published(fx, 'Deleted by hand');
    const kept = await published(fx, 'Still here');
    expectOk(await fx.core.invoke('analytics:sync-now', { accountId: fx.account.id }));
    const platform = fx.core.platforms.get('threads');
    const account = { ...fx.account, settings: {} };
    expect(await platform.publish.remove(account, { id: gone.id, ref: null })).toBe(true);
    const lookup = await platform.metrics.readPosts(account, [gone.id, kept.id], true);
    expect(lookup.gone).toEqual([gone.id]);
    expect([...lookup.found.keys()]).toEqual([kept.id]);
    expect(await platform.publish.remove(account, { id: gone.id, ref: null })).toBe(false);

    fx.fake.fault({ path: '/v1.0/:user/threads_insights', kind: 'rate-limit', resetInSeconds: 60 });
    const limited = await platform.metrics.readAccount(account).catch((error: unknown) => error);
    expect(platform.metrics.classify(limited, fx.core.clock.now())).toMatchObject({
      kind: 'retryable',
      retryAt: fx.core.clock.now() + 15 * 60_000,
    });
  });
});
