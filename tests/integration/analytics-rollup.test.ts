// The dashboard read from the rollups of migration 0019 shows exactly what it showed when
// it summed the raw readings: on a seeded analytics database, every figure is compared
// with the pre-0019 computation done here over the readings themselves (ranges on whole
// hours as the app asks, and ranges starting and ending mid-quarter as a report may). The
// triggers keep the rollups equal to the readings through writes and deletes, and the
// migration turns an 0018 database into the same rows, merging two readings of one
// instant.
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildAnalyticsDataset } from '../../bench/analytics-dataset.ts';
import { createDashboard, figures } from '../../main/core/analytics/dashboard.ts';
import { bucketIndex, daysOf, weekdayHourIn } from '../../main/core/analytics/day-buckets.ts';
import type { Schema } from '../../main/core/db/schema.ts';
import { engagementsOf, engagementRateOf } from '../../shared/analytics.ts';
import { openOldDatabase } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

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
      .leftJoin('post_metric_latest as m', 'm.target_id', 't.id')
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
      .where('t.account_id', 'in', ids)
      .where('t.status', '=', 'published')
      .where('t.published_at', '>=', f)
      .where('t.published_at', '<', t)
      .orderBy('t.account_id')
      .orderBy('t.published_at')
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

/** Rollup rows that differ from the readings' sums (none when the triggers hold). */
async function rollupDrift(db: Kysely<Schema>) {
  const drift = await sql<{ n: number }>`
    SELECT count(*) AS n FROM (
      SELECT a.account_id, g.quarter, g.impressions, g.engagements
      FROM post_metric_gains g JOIN metric_accounts a ON a.seq = g.account_seq
      WHERE g.impressions <> 0 OR g.engagements <> 0
      EXCEPT
      SELECT account_id, fetched_at / 900000, sum(impressions_gain), sum(engagements_gain)
      FROM post_metric_snapshots GROUP BY 1, 2)`.execute(db);
  const missing = await sql<{ n: number }>`
    SELECT count(*) AS n FROM (
      SELECT account_id, fetched_at / 900000 AS q, sum(impressions_gain) AS i, sum(engagements_gain) AS e
      FROM post_metric_snapshots GROUP BY 1, 2 HAVING i <> 0 OR e <> 0
      EXCEPT
      SELECT a.account_id, g.quarter, g.impressions, g.engagements
      FROM post_metric_gains g JOIN metric_accounts a ON a.seq = g.account_seq)`.execute(db);
  return (drift.rows[0]?.n ?? 0) + (missing.rows[0]?.n ?? 0);
}

describe('analytics rollups (migration 0019)', () => {
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
        .selectFrom('post_metric_latest')
        .select(['seq', 'target_id', 'account_id'])
        .orderBy('seq')
        .limit(3)
        .execute();
      const [a, b, c] = some;
      if (a === undefined || b === undefined || c === undefined) throw new Error('no posts');
      // A reading changed, one removed, a post's latest row removed with its readings.
      await db
        .updateTable('post_metric_readings')
        .set({ impressions_gain: 12_345, fetched_at: data.now - 3 * dayMs })
        .where('target_seq', '=', a.seq)
        .where('fetched_at', '=', (eb) =>
          eb
            .selectFrom('post_metric_readings')
            .select((e) => e.fn.min('fetched_at').as('f'))
            .where('target_seq', '=', a.seq),
        )
        .execute();
      await db
        .deleteFrom('post_metric_readings')
        .where('target_seq', '=', b.seq)
        .where('fetched_at', '=', (eb) =>
          eb
            .selectFrom('post_metric_readings')
            .select((e) => e.fn.max('fetched_at').as('f'))
            .where('target_seq', '=', b.seq),
        )
        .execute();
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
        .where('seq', '=', a.seq)
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

  it('migrates 0018 readings into the lean table and the rollup, all of them', async () => {
    const dataDir = tempDataDir();
    const now = Date.UTC(2026, 0, 1);
    const old = await openOldDatabase(dataDir, '0018-packet-shown-hash', now);
    const t0 = Date.UTC(2025, 11, 1, 9, 7);
    old.sqlite.exec(`
      INSERT INTO clients (id, name, color, timezone, created_at, updated_at) VALUES ('c', 'C', '#000000', 'Asia/Kolkata', 0, 0);
      INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at)
        VALUES ('a', 'c', 'x', '1', 'ca', 0, 0);
      INSERT INTO posts (id, client_id, status, timezone, published_at, created_at, updated_at)
        VALUES ('p1', 'c', 'published', 'Asia/Kolkata', ${t0}, 0, 0), ('p2', 'c', 'published', 'Asia/Kolkata', ${t0}, 0, 0);
      INSERT INTO post_targets (id, post_id, account_id, status, published_at, created_at, updated_at)
        VALUES ('t1', 'p1', 'a', 'published', ${t0}, 0, 0), ('t2', 'p2', 'a', 'deleted', ${t0}, 0, 0);`);
    const reading = old.sqlite.prepare(`INSERT INTO post_metric_snapshots
      (target_id, account_id, fetched_at, impressions, likes, impressions_gain, engagements_gain) VALUES (?, 'a', ?, ?, ?, ?, ?)`);
    reading.run('t1', t0 + hourMs, 100, 5, 100, 5);
    // Two readings of one instant: one row, the later figures, both gains.
    reading.run('t1', t0 + 2 * hourMs, 150, 6, 50, 1);
    reading.run('t1', t0 + 2 * hourMs, 160, 7, 10, 1);
    // A post with readings but, unexpectedly, no latest row keeps them.
    reading.run('t2', t0 + hourMs, 40, 1, 40, 1);
    reading.run('t2', t0 + 3 * hourMs, 70, 2, 30, 1);
    old.sqlite
      .exec(`INSERT INTO post_metric_latest (target_id, account_id, fetched_at, impressions, likes)
      VALUES ('t1', 'a', ${t0 + 2 * hourMs}, 160, 7)`);
    await old.db.destroy();

    const opened = await openOldDatabase(dataDir, '0019-lean-metric-readings', now);
    try {
      const rows = await opened.db
        .selectFrom('post_metric_snapshots')
        .select([
          'target_id',
          'fetched_at',
          'impressions',
          'likes',
          'impressions_gain',
          'engagements_gain',
        ])
        .orderBy('target_id')
        .orderBy('fetched_at')
        .execute();
      expect(rows).toEqual([
        {
          target_id: 't1',
          fetched_at: t0 + hourMs,
          impressions: 100,
          likes: 5,
          impressions_gain: 100,
          engagements_gain: 5,
        },
        {
          target_id: 't1',
          fetched_at: t0 + 2 * hourMs,
          impressions: 160,
          likes: 7,
          impressions_gain: 60,
          engagements_gain: 2,
        },
        {
          target_id: 't2',
          fetched_at: t0 + hourMs,
          impressions: 40,
          likes: 1,
          impressions_gain: 40,
          engagements_gain: 1,
        },
        {
          target_id: 't2',
          fetched_at: t0 + 3 * hourMs,
          impressions: 70,
          likes: 2,
          impressions_gain: 30,
          engagements_gain: 1,
        },
      ]);
      const latest = await opened.db
        .selectFrom('post_metric_latest')
        .select(['target_id', 'impressions', 'published_at'])
        .orderBy('target_id')
        .execute();
      expect(latest).toEqual([
        { target_id: 't1', impressions: 160, published_at: t0 },
        { target_id: 't2', impressions: 70, published_at: null },
      ]);
      expect(await rollupDrift(opened.db)).toBe(0);
      const file = new Database(path.join(dataDir, 'starling.db'), { readonly: true });
      const names = (
        file
          .prepare("SELECT name FROM sqlite_master WHERE name LIKE 'post_metric_snapshots%'")
          .all() as { name: string }[]
      ).map((r) => r.name);
      file.close();
      expect(names).toEqual(['post_metric_snapshots']); // the view; the table and its indexes are gone
    } finally {
      await opened.db.destroy();
    }
  });
});
