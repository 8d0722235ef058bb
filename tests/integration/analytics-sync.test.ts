// Metric sync against the fake X: growing metrics become snapshots and dashboard gains,
// batches stay within 100 ids, deleted posts stop being polled, partial errors and 429s
// are handled per account, and the daily read cap holds.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { SyncResult } from '../../shared/analytics.ts';
import { syncSummary } from '../../shared/sync-summary.ts';
import { makeXCore, nextEvent } from '../helpers/x-accounts.ts';
import { analyticsFixture, day, hour, snapshotsOf } from './analytics-fixture.ts';
import { expectOk } from '../helpers/core.ts';
import { rollupDrift } from '../helpers/metric-rollup.ts';

describe('analytics sync against the fake X', () => {
  it('appends a snapshot per read as metrics grow, with non-public metrics for young own posts', async () => {
    const fx = await analyticsFixture();
    const a = await fx.published('First post');
    const b = await fx.published('Second post');
    fx.fake.setMetrics(a.remoteId, {
      impressions: 100,
      likes: 4,
      reposts: 1,
      urlClicks: 3,
      profileClicks: 2,
    });
    fx.fake.setMetrics(b.remoteId, { impressions: 50, likes: 1 });
    fx.fake.setFollowers(fx.user.id, { followers: 120 });

    // Nothing is due before the first poll, an hour after publishing (the account is).
    const first = await fx.sync();
    expect(first.postsRead).toBe(0);
    expect(first.accountsRead).toBe(1);

    fx.core.advance(hour);
    const second = await fx.sync();
    expect(second.postsRead).toBe(2);
    expect(second.accountsRead).toBe(0);
    const [lookup] = fx.lookups();
    expect(lookup?.ids.sort()).toEqual([a.remoteId, b.remoteId].sort());
    expect(lookup?.fields).toContain('non_public_metrics');

    fx.fake.growMetrics(a.remoteId, { impressions: 400, likes: 10, replies: 2 });
    fx.fake.setFollowers(fx.user.id, { followers: 130 });
    fx.core.advance(hour);
    // Follower counts are read daily; "Refresh now" on the account reads them at once.
    expectOk(await fx.core.invoke('analytics:refresh-account', { accountId: fx.account.id }));

    const snaps = await snapshotsOf(fx.core, a.targetId);
    expect(snaps.map((s) => [s.impressions, s.likes, s.replies])).toEqual([
      [100, 4, 0],
      [500, 14, 2],
    ]);
    expect(snaps[0]?.clicks).toBe(3);
    expect(snaps[0]?.profile_visits).toBe(2);

    const curve = expectOk(
      await fx.core.invoke('analytics:get-post-curve', { targetId: a.targetId }),
    );
    expect(curve.points.map((p) => p.engagements)).toEqual([5, 17]);
    expect(curve.text).toBe('First post');

    const now = fx.core.clock.now();
    const dash = expectOk(
      await fx.core.invoke('analytics:get-dashboard', {
        clientId: fx.clientId,
        from: now - 7 * day,
        to: now + hour,
      }),
    );
    expect(dash.summary).toMatchObject({
      posts: 2,
      impressions: 550,
      engagements: 18,
      followers: 130,
    });
    expect(dash.summary.engagementRate).toBeCloseTo(18 / 550);
    // Gains per day add up to the latest totals: nothing counted twice.
    expect(dash.daily.reduce((n, d) => n + d.impressions, 0)).toBe(550);
    expect(dash.daily.reduce((n, d) => n + d.engagements, 0)).toBe(18);
    expect(dash.topByImpressions.map((t) => t.text)).toEqual(['First post', 'Second post']);
    expect(dash.followers[0]?.points.map((p) => p.followers)).toEqual([120, 130]);
    expect(dash.heatmap.reduce((n, c) => n + c.posts, 0)).toBe(2);

    // Filtered by network: these are X posts, so X shows them and Mastodon shows none.
    const range = { clientId: fx.clientId, from: now - 7 * day, to: now + hour };
    const onX = expectOk(
      await fx.core.invoke('analytics:get-dashboard', { ...range, platform: 'x' }),
    );
    expect(onX.summary).toMatchObject({ posts: 2, impressions: 550 });
    const onMastodon = expectOk(
      await fx.core.invoke('analytics:get-dashboard', { ...range, platform: 'mastodon' }),
    );
    expect(onMastodon.summary).toMatchObject({ posts: 0 });
  });

  it('keeps a reading taken after the clock was put back, and the newest as the latest', async () => {
    const fx = await analyticsFixture();
    const a = await fx.published('Clock trouble');
    fx.fake.setMetrics(a.remoteId, { impressions: 100, likes: 4 });
    fx.core.advance(hour);
    expect((await fx.sync()).postsRead).toBe(1);
    const read = fx.core.clock.now();
    // The computer's clock is put back half an hour, and the post is read again.
    fx.core.clock.set(read - 30 * 60_000);
    fx.fake.growMetrics(a.remoteId, { impressions: 20, likes: 1 });
    expectOk(await fx.core.invoke('analytics:refresh-account', { accountId: fx.account.id }));
    const snaps = await snapshotsOf(fx.core, a.targetId);
    expect(snaps.map((s) => [s.fetched_at, s.impressions, s.impressions_gain])).toEqual([
      [read - 30 * 60_000, 120, 20],
      [read, 100, 100],
    ]);
    // The dashboard's raw slivers pass over posts whose latest is older than the range.
    const latest = await fx.core.database.db
      .selectFrom('post_metric_latest as l')
      .innerJoin('post_targets as t', 't.seq', 'l.target_seq')
      .select(['l.fetched_at', 'l.impressions'])
      .where('t.id', '=', a.targetId)
      .executeTakeFirstOrThrow();
    expect(latest).toEqual({ fetched_at: read, impressions: 100 });
    expect(await rollupDrift(fx.core.database.db)).toBe(0);
  });

  it('polls often in the first 48 hours, then daily, and stops after 30 days unless asked', async () => {
    const fx = await analyticsFixture();
    const post = await fx.published('Cadence');
    let reads = 0;
    // Three days in steps of an hour: hourly to 6 h, every 4 h to 48 h, then daily.
    const readAt: number[] = [];
    for (let i = 1; i <= 72; i += 1) {
      fx.core.advance(hour);
      const n = (await fx.sync()).postsRead;
      reads += n;
      if (n > 0) readAt.push(i);
    }
    expect(readAt).toEqual([1, 2, 3, 4, 5, 6, 10, 14, 18, 22, 26, 30, 34, 38, 42, 46, 50]);
    expect(reads).toBe(17);
    for (let i = 0; i < 30; i += 1) {
      fx.core.advance(day);
      await fx.sync();
    }
    const before = (await snapshotsOf(fx.core, post.targetId)).length;
    fx.core.advance(day);
    expect((await fx.sync()).postsRead).toBe(0);
    expect((await snapshotsOf(fx.core, post.targetId)).length).toBe(before);
    // "Refresh now" still reads it, with public metrics only (older than 30 days).
    const refreshed = expectOk(
      await fx.core.invoke('analytics:refresh-post', { targetId: post.targetId }),
    );
    expect(refreshed.problem).toBeNull();
    expect(refreshed.curve.points.length).toBe(before + 1);
    expect(fx.lookups().at(-1)?.fields).toBe('public_metrics');
  });

  it('reads more than 100 posts in batches of at most 100 ids', async () => {
    const fx = await analyticsFixture();
    for (let i = 0; i < 105; i += 1) {
      // The fake allows 100 posts per 15 minutes; its window moves on, our clock does not.
      if (i === 100) fx.fake.clock.advance(15 * 60_000);
      await fx.published(`Post number ${String(i)}`);
    }
    fx.core.advance(hour);
    const result = await fx.sync();
    expect(result.postsRead).toBe(105);
    expect(
      fx
        .lookups()
        .map((l) => l.ids.length)
        .sort((x, y) => x - y),
    ).toEqual([5, 100]);
  });

  it('marks a post deleted on X and stops polling it', async () => {
    const fx = await analyticsFixture();
    const kept = await fx.published('Kept');
    const gone = await fx.published('Deleted later');
    fx.core.advance(hour);
    await fx.sync();
    fx.fake.deleteTweet(gone.remoteId);
    fx.core.advance(hour);
    const result = await fx.sync();
    expect(result.deleted).toBe(1);
    expect(result.postsRead).toBe(1);
    fx.core.advance(day);
    await fx.sync();
    expect(fx.lookups().at(-1)?.ids).toEqual([kept.remoteId]);
    const curve = expectOk(
      await fx.core.invoke('analytics:get-post-curve', { targetId: gone.targetId }),
    );
    expect(curve.deletedAt).not.toBeNull();
    expect(curve.points).toHaveLength(1);
    const refused = await fx.core.invoke('analytics:refresh-post', { targetId: gone.targetId });
    expect(refused.ok ? null : refused.error.code).toBe('CONFLICT');
  });

  it('reads a post whose non-public metrics X refuses with public metrics only', async () => {
    const fx = await analyticsFixture();
    // A target pointing at another user's post: X answers a field-authorization error.
    const other = fx.fake.addUser({ username: 'someone_else' });
    const foreign = await fx.published('Not ours', { userId: other.id });
    const own = await fx.published('Ours');
    fx.fake.setMetrics(foreign.remoteId, { impressions: 70, likes: 7 });
    fx.core.advance(hour);
    const result = await fx.sync();
    expect(result.postsRead).toBe(2);
    const calls = fx.lookups();
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ ids: [foreign.remoteId], fields: 'public_metrics' });
    const snaps = await snapshotsOf(fx.core, foreign.targetId);
    expect(snaps[0]).toMatchObject({ impressions: 70, likes: 7, clicks: null });
    expect((await snapshotsOf(fx.core, own.targetId)).length).toBe(1);
  });

  it("waits for X's reset after a 429 and reads nothing for that account before it", async () => {
    const fx = await analyticsFixture();
    const post = await fx.published('Rate limited');
    fx.core.advance(hour);
    fx.fake.fault({ method: 'GET', path: '/2/tweets', kind: 'rate-limit', resetInSeconds: 600 });
    const limited = await fx.sync();
    expect(limited.postsRead).toBe(0);
    expect(limited.problems[0]?.message).toMatch(/rate limit/i);
    const calls = fx.lookups().length;
    fx.core.advance(5 * 60_000);
    expect((await fx.sync()).postsRead).toBe(0);
    const refused = await fx.core.invoke('analytics:refresh-post', { targetId: post.targetId });
    expect(refused.ok ? null : refused.error.code).toBe('RATE_LIMITED');
    expect(fx.lookups().length).toBe(calls);
    fx.core.advance(6 * 60_000);
    expect((await fx.sync()).postsRead).toBe(1);
    expect((await snapshotsOf(fx.core, post.targetId)).length).toBe(1);
  });

  it('keeps going after a server error and retries later', async () => {
    const fx = await analyticsFixture();
    await fx.published('Flaky');
    fx.core.advance(hour);
    fx.fake.fault({ method: 'GET', path: '/2/tweets', kind: 'status', status: 503 });
    const failed = await fx.sync();
    expect(failed.postsRead).toBe(0);
    expect(failed.problems).toHaveLength(1);
    fx.core.advance(16 * 60_000);
    expect((await fx.sync()).postsRead).toBe(1);
  });

  it('stops at the daily read cap and starts again the next UTC day', async () => {
    const fx = await analyticsFixture();
    for (let i = 0; i < 5; i += 1) await fx.published(`Capped ${String(i)}`);
    expectOk(await fx.core.invoke('analytics:set-read-cap', { dailyReadCap: 4 }));
    fx.core.advance(hour);
    const result = await fx.sync();
    // One read for the follower counts, three posts, then the cap.
    expect(result).toMatchObject({
      accountsRead: 1,
      postsRead: 3,
      readsToday: 4,
      capReached: true,
    });
    const usage = expectOk(await fx.core.invoke('analytics:get-usage', {}));
    expect(usage).toMatchObject({ readsToday: 4, dailyReadCap: 4 });
    const refused = await fx.core.invoke('analytics:refresh-account', {
      accountId: fx.account.id,
    });
    expect(refused.ok ? null : refused.error.message).toMatch(/read cap is used up/);
    fx.core.advance(day);
    expect((await fx.sync()).postsRead).toBeGreaterThanOrEqual(2);
  });

  it('does not read the same post twice when two cores on one data folder sync at once', async () => {
    const fx = await analyticsFixture();
    // A second core on the same folder, as the app and `starling daemon` would be.
    const other = await makeXCore(fx.fake, { dataDir: fx.core.dataDir });
    await fx.published('Once');
    fx.core.advance(hour);
    other.clock.set(fx.core.clock.now());
    const [one, two] = await Promise.all([
      fx.sync(),
      other.invoke('analytics:sync-now', {}).then((r) => expectOk(r)),
    ]);
    expect(one.postsRead + two.postsRead).toBe(1);
    expect(fx.lookups()).toHaveLength(1);
  });

  it('"Sync now" right after publishing reads the new posts at once, within the cap, and says so', async () => {
    const fx = await analyticsFixture();
    // A post from nine days ago, read by the cadence an hour ago: beyond "Sync now"'s week.
    const old = await fx.published('Last week and more');
    fx.core.advance(9 * day - hour);
    expect((await fx.sync()).postsRead).toBe(1);
    fx.core.advance(hour);
    const fresh = [await fx.published('Just out'), await fx.published('Also just out')];
    for (const p of fresh) fx.fake.setMetrics(p.remoteId, { impressions: 40, likes: 3 });

    // The cadence has nothing due for an hour; "Sync now" reads both new posts now.
    expect((await fx.sync()).postsRead).toBe(0);
    const now = await fx.syncNow();
    expect(now).toMatchObject({ postsRead: 2, recent: { asked: 2, days: 7, minutes: 15 } });
    expect(fx.lookups().at(-1)?.ids.sort()).toEqual(fresh.map((p) => p.remoteId).sort());
    expect(syncSummary(now as SyncResult)).toBe(
      'Read metrics of 2 posts and follower counts of 0 accounts.',
    );
    expect((await snapshotsOf(fx.core, fresh[0]?.targetId ?? '')).at(-1)).toMatchObject({
      impressions: 40,
      likes: 3,
    });

    // Pressed again at once: nothing new, and the answer says why instead of "nothing due".
    const again = await fx.syncNow();
    expect(again).toMatchObject({ postsRead: 0, reads: 0, recent: { asked: 0 } });
    expect(syncSummary(again as SyncResult)).toMatch(
      /^Nothing new to read: posts of the last 7 days/,
    );

    // A quarter hour later the recent posts are read again, the old one is not; with a
    // cap of one more read, only one post is asked and read.
    fx.core.advance(16 * 60_000);
    const used = expectOk(await fx.core.invoke('analytics:get-usage', {})).readsToday;
    expectOk(await fx.core.invoke('analytics:set-read-cap', { dailyReadCap: used + 1 }));
    const capped = await fx.syncNow();
    expect(capped).toMatchObject({ postsRead: 1, reads: 1, recent: { asked: 1 } });
    expect(fx.lookups().at(-1)?.ids).toHaveLength(1);
    expect(
      fx
        .lookups()
        .flatMap((l) => l.ids)
        .filter((id) => id === old.remoteId),
    ).toHaveLength(1);
  });

  it('shows "not read yet" for posts whose metrics were never read, never zeros', async () => {
    const fx = await analyticsFixture();
    const a = await fx.published('Read later');
    await fx.published('Also read later');
    fx.fake.setMetrics(a.remoteId, { impressions: 90, likes: 6 });
    // The follower counts are read at once; the posts' first read is an hour away.
    expect(await fx.sync()).toMatchObject({ accountsRead: 1, postsRead: 0 });
    const now = fx.core.clock.now();
    const range = { clientId: fx.clientId, from: now - day, to: now + hour };
    const dash = expectOk(await fx.core.invoke('analytics:get-dashboard', range));
    expect(dash.summary).toMatchObject({
      posts: 2,
      postsRead: 0,
      impressions: null,
      engagements: null,
      engagementRate: null,
    });
    // The CSV report leaves every metric cell of those posts empty, read time included.
    const report = expectOk(
      await fx.core.invoke('analytics:export-report', { ...range, format: 'csv' }),
    );
    const rows = parse<Record<string, string>>(report.content, { columns: true });
    const cells = (row: Record<string, string>, names: string[]) => names.map((n) => row[n]);
    const metrics = ['impressions', 'likes', 'engagements', 'metrics_read_utc'];
    expect(rows.map((r) => cells(r, metrics))).toEqual([
      ['', '', '', ''],
      ['', '', '', ''],
    ]);

    // Once read, the figures are there (and a post X reports no likes for shows 0).
    fx.core.advance(hour);
    expect((await fx.sync()).postsRead).toBe(2);
    const read = expectOk(await fx.core.invoke('analytics:get-dashboard', range));
    expect(read.summary).toMatchObject({ posts: 2, postsRead: 2, impressions: 90, engagements: 6 });
    const after = expectOk(
      await fx.core.invoke('analytics:export-report', { ...range, format: 'csv' }),
    );
    const readRows = parse<Record<string, string>>(after.content, { columns: true });
    expect(readRows.map((r) => cells(r, ['impressions', 'likes']))).toEqual([
      ['90', '6'],
      ['0', '0'],
    ]);
  });

  it('syncs in the background once the publishing host starts it', async () => {
    const fx = await analyticsFixture();
    await fx.published('Background');
    fx.core.advance(hour);
    const synced = nextEvent(fx.core, 'metrics:synced');
    await fx.core.startBackground();
    expect(await synced).toMatchObject({ accountIds: [fx.account.id], readsToday: 2 });
  });
});
