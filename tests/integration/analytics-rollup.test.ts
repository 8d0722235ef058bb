// The dashboard read from the rollups of migration 0019 shows exactly what it showed when
// it summed the raw readings: on a seeded analytics database, every figure is compared
// with the pre-0019 computation done here over the readings themselves (ranges on whole
// hours as the app asks, and ranges starting and ending mid-quarter as a report may). The
// triggers keep the rollups equal to the packed readings (0033) through writes and
// deletes. The migrations themselves: analytics-migrations.test.ts.
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildAnalyticsDataset } from '../../bench/analytics-dataset.ts';
import { createDashboard, figures } from '../../main/core/analytics/dashboard.ts';
import {
  decodeSeries,
  encodeSeries,
  withReading,
  type Reading,
} from '../../main/core/analytics/reading-series.ts';
import { bucketIndex, daysOf, weekdayHourIn } from '../../main/core/analytics/day-buckets.ts';
import type { Schema } from '../../main/core/db/schema.ts';
import { engagementsOf, engagementRateOf } from '../../shared/analytics.ts';
import { rollupDrift } from '../helpers/metric-rollup.ts';
import { versionOneSeries } from '../helpers/series-v1.ts';

const dayMs = 86_400_000;
const hourMs = 3_600_000;

/** What the dashboard computed before 0019, from the targets and raw readings. */
async function before(db: Kysely<Schema>, clientId: string, from: number, to: number) {
  const client = await db
    .selectFrom('clients')
    .select('timezone')
    .where('id', '=', clientId)
    .executeTakeFirstOrThrow();
  const ids = (
    await db.selectFrom('social_accounts').select('id').where('client_id', '=', clientId).execute()
  ).map((a) => a.id);
  const published = (f: number, t: number) =>
    db
      .selectFrom('post_targets as t')
      .innerJoin('social_accounts as a', 'a.seq', 't.account_seq')
      .leftJoin('post_metric_latest as m', 'm.target_seq', 't.seq')
      .select([
        't.id',
        't.published_at',
        'm.fetched_at',
        'm.impressions',
        'm.likes',
        'm.reposts',
        'm.replies',
        'm.quotes',
        'm.bookmarks',
        'm.clicks',
        'm.profile_visits',
      ])
      .where('a.id', 'in', ids)
      .where('t.status', '=', 'published')
      .where('t.published_at', '>=', f)
      .where('t.published_at', '<', t)
      // Ties as topTargets breaks them: the account's rollup number, time, the target's seq.
      .leftJoin('metric_accounts as ma', 'ma.account_id', 'a.id')
      .orderBy('ma.seq')
      .orderBy('t.published_at')
      .orderBy('t.seq')
      .execute();
  const rows = await published(from, to);
  const tops = rows
    .filter((r) => (r.fetched_at ?? 0) !== 0)
    .map((r) => ({
      targetId: r.id,
      ...figures({
        impressions: r.impressions,
        likes: r.likes ?? 0,
        reposts: r.reposts ?? 0,
        replies: r.replies ?? 0,
        quotes: r.quotes ?? 0,
        bookmarks: r.bookmarks ?? 0,
        clicks: r.clicks,
        profile_visits: r.profile_visits,
      }),
    }));
  const impressions = tops.reduce((n, t) => n + (t.impressions ?? 0), 0);
  const engagements = tops.reduce((n, t) => n + t.engagements, 0);
  const byRate = tops
    .filter((t) => t.engagementRate !== null)
    .sort(
      (a, b) => (b.engagementRate ?? 0) - (a.engagementRate ?? 0) || b.engagements - a.engagements,
    )
    .slice(0, 10);
  const byImpressions = [...tops]
    .sort((a, b) => (b.impressions ?? 0) - (a.impressions ?? 0))
    .slice(0, 10);

  const days = daysOf(from, to, client.timezone);
  const daily = days.map((d) => ({ ...d, impressions: 0, engagements: 0 }));
  const quarters = await sql<{ q: number; imp: number; eng: number }>`
    SELECT fetched_at / 900000 AS q, sum(impressions_gain) AS imp, sum(engagements_gain) AS eng
    FROM post_metric_snapshots
    WHERE account_id IN (${sql.join(ids)}) AND fetched_at >= ${from} AND fetched_at < ${to}
    GROUP BY q`.execute(db);
  for (const r of quarters.rows) {
    const bucket = daily[bucketIndex(days, r.q * 900_000)];
    if (bucket !== undefined) {
      bucket.impressions += r.imp;
      bucket.engagements += r.eng;
    }
  }

  const cells = new Map<number, { posts: number; total: number }>();
  const weekdayHour = weekdayHourIn(client.timezone);
  for (const p of await published(Math.max(0, to - 365 * dayMs), to)) {
    if (p.fetched_at === null || p.published_at === null) continue;
    const { weekday, hour } = weekdayHour(p.published_at);
    const cell = cells.get(weekday * 24 + hour) ?? { posts: 0, total: 0 };
    cell.posts += 1;
    cell.total += engagementsOf({
      likes: p.likes ?? 0,
      reposts: p.reposts ?? 0,
      replies: p.replies ?? 0,
      quotes: p.quotes ?? 0,
      bookmarks: p.bookmarks ?? 0,
    });
    cells.set(weekday * 24 + hour, cell);
  }
  return {
    summary: {
      posts: rows.length,
      postsRead: tops.length,
      impressions,
      engagements,
      engagementRate: engagementRateOf(engagements, impressions),
    },
    daily: daily.map(({ day, start, impressions: i, engagements: e }) => ({
      day,
      start,
      impressions: i,
      engagements: e,
    })),
    byRate,
    byImpressions,
    heatmap: [...cells.entries()]
      .sort(([a], [b]) => a - b)
      .map(([key, c]) => ({
        weekday: Math.floor(key / 24),
        hour: key % 24,
        posts: c.posts,
        avgEngagements: c.total / c.posts,
      })),
  };
}

async function after(db: Kysely<Schema>, clientId: string, from: number, to: number) {
  const d = await createDashboard(db).get({ clientId, from, to });
  const keys = ['targetId', 'impressions', 'likes', 'reposts', 'replies', 'quotes'] as const;
  const more = ['bookmarks', 'clicks', 'profileVisits', 'engagements', 'engagementRate'] as const;
  const pick = (t: (typeof d.topByImpressions)[number]) =>
    Object.fromEntries([...keys, ...more].map((k) => [k, t[k]]));
  return {
    summary: {
      posts: d.summary.posts,
      postsRead: d.summary.postsRead,
      impressions: d.summary.impressions,
      engagements: d.summary.engagements,
      engagementRate: d.summary.engagementRate,
    },
    daily: d.daily,
    byRate: d.topByEngagementRate.map(pick),
    byImpressions: d.topByImpressions.map(pick),
    heatmap: d.heatmap,
  };
}

describe('analytics rollups (migrations 0019 and 0033)', () => {
  it('show the figures the raw readings give, in every zone and on any range', async () => {
    const data = await buildAnalyticsDataset({ snapshots: 60_000, clients: 5, seed: 19 });
    try {
      const db = data.opened.db;
      // Zones whose days start on a half and a quarter hour, beside the seeded whole-hour ones.
      await db
        .updateTable('clients')
        .set({ timezone: 'Asia/Kolkata' })
        .where('id', '=', data.clientIds[0] ?? '')
        .execute();
      await db
        .updateTable('clients')
        .set({ timezone: 'Asia/Kathmandu' })
        .where('id', '=', data.clientIds[1] ?? '')
        .execute();
      const hourly = Math.floor(data.now / hourMs) * hourMs;
      const ranges = [
        { from: hourly - 90 * dayMs, to: hourly },
        { from: hourly - 7 * dayMs, to: hourly },
        { from: hourly - 365 * dayMs, to: hourly },
        // Mid-quarter ends (an ISO time in a report; best times' now ± 1 ms).
        { from: data.now - 30 * dayMs - 7 * 60_000 - 1, to: data.now - 123_457 },
        { from: data.now - 200 * dayMs + 1, to: data.now - 200 * dayMs + 5 * 60_000 },
      ];
      for (const clientId of data.clientIds) {
        for (const r of ranges) {
          const was = await before(db, clientId, r.from, r.to);
          // The seeded client has read posts in every range but the five minutes.
          if (r.to - r.from > hourMs) expect(was.summary.postsRead).toBeGreaterThan(0);
          expect(
            await after(db, clientId, r.from, r.to),
            `${clientId} ${JSON.stringify(r)}`,
          ).toEqual(was);
        }
      }
    } finally {
      await data.remove();
    }
  }, 120_000);

  it('keeps the rollups equal to the readings through writes and deletes', async () => {
    const data = await buildAnalyticsDataset({ snapshots: 5_000, clients: 3, seed: 5 });
    try {
      const db = data.opened.db;
      expect(await rollupDrift(db)).toBe(0);
      const some = await db
        .selectFrom('post_metric_latest as l')
        .innerJoin('post_targets as t', 't.seq', 'l.target_seq')
        .innerJoin('social_accounts as a', 'a.seq', 't.account_seq')
        .select(['l.target_seq as seq', 't.id as target_id', 'a.id as account_id'])
        .orderBy('l.target_seq')
        .limit(4)
        .execute();
      const [a, b, c, e] = some;
      if (a === undefined || b === undefined || c === undefined || e === undefined) {
        throw new Error('no posts');
      }
      // A reading changed, one removed, a post's whole series removed, a post's latest row
      // removed with its series.
      const series = async (seq: number) =>
        decodeSeries(
          (
            await db
              .selectFrom('post_metric_series')
              .select('points')
              .where('target_seq', '=', seq)
              .executeTakeFirstOrThrow()
          ).points,
        );
      const rewrite = (seq: number, readings: Reading[]) =>
        db
          .updateTable('post_metric_series')
          .set({ points: encodeSeries(readings) })
          .where('target_seq', '=', seq)
          .execute();
      // A series still in version 1, as Starling wrote them before version 2: the triggers
      // and the readings view read it, and the sync's next rewrite moves it to version 2.
      const old = versionOneSeries(data.now - 10 * dayMs);
      await db
        .updateTable('post_metric_series')
        .set({ points: old.bytes })
        .where('target_seq', '=', e.seq)
        .execute();
      expect(await rollupDrift(db)).toBe(0);
      const viewed = await db
        .selectFrom('post_metric_snapshots')
        .select(['fetched_at', 'impressions', 'likes', 'engagements_gain'])
        .where('target_id', '=', e.target_id)
        .orderBy('fetched_at')
        .execute();
      expect(viewed).toEqual(
        old.readings.map((r) => ({
          fetched_at: r.fetched_at,
          impressions: r.impressions,
          likes: r.likes,
          engagements_gain: r.engagements_gain,
        })),
      );
      const next = { ...(old.readings.at(-1) as Reading), fetched_at: data.now - dayMs };
      await rewrite(e.seq, withReading(old.readings, { ...next, impressions_gain: 0 }));
      expect(await rollupDrift(db)).toBe(0);
      await db
        .updateTable('post_metric_series')
        .set({ points: old.bytes })
        .where('target_seq', '=', e.seq)
        .execute();
      await db.deleteFrom('post_metric_series').where('target_seq', '=', e.seq).execute();
      expect(await rollupDrift(db)).toBe(0);

      const [first, ...rest] = await series(a.seq);
      if (first === undefined) throw new Error('no readings');
      await rewrite(
        a.seq,
        withReading(rest, { ...first, impressions_gain: 12_345, fetched_at: data.now - 3 * dayMs }),
      );
      await rewrite(b.seq, (await series(b.seq)).slice(0, -1));
      expect(await rollupDrift(db)).toBe(0);
      const d = (
        await db
          .selectFrom('post_metric_series')
          .select('target_seq')
          .orderBy('target_seq', 'desc')
          .executeTakeFirstOrThrow()
      ).target_seq;
      await db.deleteFrom('post_metric_series').where('target_seq', '=', d).execute();
      await db.deleteFrom('post_targets').where('id', '=', c.target_id).execute();
      expect(await rollupDrift(db)).toBe(0);
      // A target no longer published leaves the best times and the summary.
      await db
        .updateTable('post_targets')
        .set({ status: 'deleted' })
        .where('id', '=', a.target_id)
        .execute();
      const latest = await db
        .selectFrom('post_metric_latest')
        .select('published_at')
        .where('target_seq', '=', a.seq)
        .executeTakeFirstOrThrow();
      expect(latest.published_at).toBeNull();
      // A whole account goes: its rollup rows go with it.
      await db.deleteFrom('social_accounts').where('id', '=', b.account_id).execute();
      expect(await rollupDrift(db)).toBe(0);
      const left = await sql<{ n: number }>`
        SELECT count(*) AS n FROM metric_accounts WHERE account_id = ${b.account_id}`.execute(db);
      expect(left.rows[0]?.n).toBe(0);
      const client = data.clientIds[0] ?? '';
      const hourly = Math.floor(data.now / hourMs) * hourMs;
      expect(await after(db, client, hourly - 90 * dayMs, hourly)).toEqual(
        await before(db, client, hourly - 90 * dayMs, hourly),
      );
    } finally {
      await data.remove();
    }
  }, 60_000);
});
