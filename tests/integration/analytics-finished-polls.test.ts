// A post read for the last time (30 days old) loses its metric poll ([Note: finished polls
// go] in main/core/analytics/poll-store.ts) and keeps everything a reader shows: its
// figures and curve. It is not enrolled again, not even with the clock set back, and
// "Refresh now" still reads it. A post deleted on X keeps its row, which says so. A post
// removed here while its read was on the way loses its poll; the others' figures are kept.
// Enrolment reads each account's recent posts through an index, not every post ever out.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createPollStore } from '../../main/core/analytics/poll-store.ts';
import { expectOk } from '../helpers/core.ts';
import { rollupDrift } from '../helpers/metric-rollup.ts';
import { analyticsFixture, day, hour, type AnalyticsFixture } from './analytics-fixture.ts';

const pollOf = (fx: AnalyticsFixture, targetId: string) =>
  fx.db
    .selectFrom('metric_polls')
    .selectAll()
    .where('subject', '=', 'post')
    .where('subject_id', '=', targetId)
    .executeTakeFirst();

describe('finished metric polls', () => {
  it('go after the last read, and the post keeps its figures', async () => {
    const fx = await analyticsFixture();
    const post = await fx.published('A month of bread');
    fx.fake.setMetrics(post.remoteId, { impressions: 900, likes: 30 });
    fx.core.advance(hour);
    await fx.sync();
    for (let i = 0; i < 30; i += 1) {
      fx.core.advance(day);
      await fx.sync();
    }
    expect(await pollOf(fx, post.targetId)).toBeUndefined();
    const curve = expectOk(
      await fx.core.invoke('analytics:get-post-curve', { targetId: post.targetId }),
    );
    expect(curve.deletedAt).toBeNull();
    expect(curve.points.at(-1)).toMatchObject({ impressions: 900, likes: 30 });
    const points = curve.points.length;

    // Later passes, and one after the clock was set back a day, read it no more.
    fx.core.advance(day);
    expect((await fx.sync()).postsRead).toBe(0);
    // Only Starling's clock goes back (the fake X's cannot), and comes forward again.
    const now = fx.core.clock.now();
    fx.core.clock.set(now - 2 * day);
    expect((await fx.sync()).postsRead).toBe(0);
    expect(await pollOf(fx, post.targetId)).toBeUndefined();
    fx.core.clock.set(now);

    // "Refresh now" reads it once more and leaves no poll behind.
    const refreshed = expectOk(
      await fx.core.invoke('analytics:refresh-post', { targetId: post.targetId }),
    );
    expect(refreshed.curve.points).toHaveLength(points + 1);
    expect(await pollOf(fx, post.targetId)).toBeUndefined();
    fx.core.advance(day);
    expect((await fx.sync()).postsRead).toBe(0);
  });

  it('stay for a post deleted on X, which the dashboard shows as deleted', async () => {
    const fx = await analyticsFixture();
    const gone = await fx.published('Deleted later');
    fx.core.advance(hour);
    await fx.sync();
    fx.fake.deleteTweet(gone.remoteId);
    fx.core.advance(hour);
    expect((await fx.sync()).deleted).toBe(1);
    for (let i = 0; i < 31; i += 1) {
      fx.core.advance(day);
      await fx.sync();
    }
    expect(await pollOf(fx, gone.targetId)).toMatchObject({ due_at: null });
    const curve = expectOk(
      await fx.core.invoke('analytics:get-post-curve', { targetId: gone.targetId }),
    );
    expect(curve.deletedAt).not.toBeNull();
  });

  it('go with a post removed while its figures were on the way, and the rest are kept', async () => {
    const fx = await analyticsFixture();
    const kept = await fx.published('Kept');
    const removed = await fx.published('Removed mid-read');
    fx.fake.setMetrics(kept.remoteId, { impressions: 500, likes: 5 });
    fx.fake.setMetrics(removed.remoteId, { impressions: 700, likes: 7 });
    fx.core.advance(hour);
    fx.fake.fault({ method: 'GET', path: '/2/tweets', kind: 'latency', ms: 400 });
    const syncing = fx.sync();
    // The lookup is on its way (the fake logs a request as it arrives): the post goes now.
    const asked = () => fx.lookups().length > 0;
    for (let i = 0; i < 200 && !asked(); i += 1) await sleep(5);
    expect(asked()).toBe(true);
    await fx.db.deleteFrom('posts').where('id', '=', removed.postId).execute();
    const answer = await syncing;
    expect(answer.problems).toEqual([]);
    expect(answer.postsRead).toBe(2);
    expect(await pollOf(fx, removed.targetId)).toBeUndefined();
    const curve = expectOk(
      await fx.core.invoke('analytics:get-post-curve', { targetId: kept.targetId }),
    );
    expect(curve.points.map((p) => p.impressions)).toEqual([500]);
    expect(await rollupDrift(fx.db)).toBe(0);
  });

  it('are enrolled from each account’s last 30 days, read by index', async () => {
    const fx = await analyticsFixture();
    const { sqlite } = fx.core.database;
    const seen: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = (source: string) => {
      seen.push(source);
      return prepare(source);
    };
    await createPollStore(fx.db).enrol(fx.core.clock.now());
    sqlite.prepare = prepare;
    const enrol = seen.find((s) => s.includes("SELECT 'post'")) ?? '';
    const params = (enrol.match(/\?/g) ?? []).map(() => 1);
    const plan = (
      sqlite.prepare(`EXPLAIN QUERY PLAN ${enrol}`).all(...params) as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan).toContain(
      'SEARCH t USING INDEX post_targets_by_account (account_seq=? AND status=? AND published_at>?)',
    );
    expect(plan.filter((d) => d.startsWith('SCAN ') && !d.startsWith('SCAN a '))).toEqual([]);
  });
});
