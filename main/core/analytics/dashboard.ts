// The dashboard's queries for one client (or one of its accounts) over a range: summary
// figures, followers over time, impressions and engagements gained per day, top posts,
// the weekday × hour heatmap and each post's curve. Every query walks an index range
// (asserted in tests/integration/analytics-plan.test.ts); the bench holds it to 50 ms at a
// million posts, which it meets by reading the rollups of migration 0019
// (dashboard-queries.ts) rather than a range of readings and a year of targets.
import type { Kysely } from 'kysely';
import {
  engagementRateOf,
  engagementsOf,
  type AnalyticsDashboard,
  type HeatCell,
  type PostCurve,
  type PostMetricFigures,
  type TopPost,
} from '../../../shared/analytics.ts';
import type { Platform } from '../../../shared/accounts.ts';
import { failure } from '../../../shared/result.ts';
import { remoteUrlOf } from '../db/remote-urls.ts';
import type { Schema } from '../db/schema.ts';
import { dashboardScope, type Unavailable } from './dashboard-scope.ts';
import { dailyGains, heatCounts, rangeTotals, topTargets } from './dashboard-queries.ts';
import { bucketIndex, daysOf } from './day-buckets.ts';

const topCount = 10;
const heatmapHistoryMs = 365 * 24 * 60 * 60_000;

interface MetricRow {
  impressions: number | null;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  bookmarks: number;
  clicks: number | null;
  profile_visits: number | null;
}

export function figures(row: MetricRow): PostMetricFigures {
  const engagements = engagementsOf(row);
  return {
    impressions: row.impressions,
    likes: row.likes,
    reposts: row.reposts,
    replies: row.replies,
    quotes: row.quotes,
    bookmarks: row.bookmarks,
    clicks: row.clicks,
    profileVisits: row.profile_visits,
    engagements,
    engagementRate: engagementRateOf(engagements, row.impressions),
  };
}

/** The first part's text of each post, with the account's variant when it has one. */
async function postTexts(db: Kysely<Schema>, targetIds: string[]): Promise<Map<string, string>> {
  if (targetIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('post_targets as t')
    .innerJoin('social_accounts as a', 'a.seq', 't.account_seq')
    .innerJoin('post_parts as p', (j) =>
      j.onRef('p.post_seq', '=', 't.post_seq').on('p.position', '=', 0),
    )
    .leftJoin('post_part_variants as v', (j) =>
      j.onRef('v.part_id', '=', 'p.id').onRef('v.account_id', '=', 'a.id'),
    )
    .select(['t.id', 'p.text', 'v.text as variant'])
    .where('t.id', 'in', targetIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.variant ?? r.text]));
}

type PublishedRow = {
  id: string;
  post_id: string;
  account_id: string;
  /** The link the network gave when it was published ([Note: links by prefix]). */
  url: string | null;
  published_at: number | null;
  fetched_at: number | null;
  gone_at: number | null;
} & { [K in keyof MetricRow]: MetricRow[K] | null };

function toPosts(rows: PublishedRow[], handles: Map<string, string>): TopPost[] {
  return rows.map((p) => {
    const handle = handles.get(p.account_id) ?? '';
    return {
      ...figures({
        impressions: p.impressions,
        likes: p.likes ?? 0,
        reposts: p.reposts ?? 0,
        replies: p.replies ?? 0,
        quotes: p.quotes ?? 0,
        bookmarks: p.bookmarks ?? 0,
        clicks: p.clicks,
        profile_visits: p.profile_visits,
      }),
      targetId: p.id,
      postId: p.post_id,
      accountId: p.account_id,
      handle,
      text: '',
      url: p.url,
      publishedAt: p.published_at ?? 0,
      fetchedAt: p.fetched_at ?? 0,
      deletedAt: p.gone_at,
    };
  });
}

/** `unavailable`: see dashboard-scope.ts. */
export function createDashboard(db: Kysely<Schema>, unavailable: Unavailable = () => null) {
  const scope = (clientId: string, accountId?: string, platform?: Platform) =>
    dashboardScope(db, unavailable, clientId, accountId, platform);

  /** Targets joined with their latest metrics and whether the network lost them. */
  const withMetrics = () =>
    db
      .selectFrom('post_targets as t')
      .innerJoin('posts as tp', 'tp.seq', 't.post_seq')
      .innerJoin('social_accounts as ta', 'ta.seq', 't.account_seq')
      .leftJoin('post_metric_latest as m', 'm.target_seq', 't.seq')
      .leftJoin('metric_polls as p', (j) =>
        j.onRef('p.subject_id', '=', 't.id').on('p.subject', '=', 'post'),
      )
      .select([
        't.id',
        'tp.id as post_id',
        'ta.id as account_id',
        remoteUrlOf('t').as('url'),
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
        'p.gone_at',
      ]);

  /** Published posts of the accounts in [from, to) joined with their latest metrics. */
  async function publishedWithMetrics(accountIds: string[], from: number, to: number) {
    if (accountIds.length === 0) return [];
    return withMetrics()
      .where('ta.id', 'in', accountIds)
      .where('t.status', '=', 'published')
      .where('t.published_at', '>=', from)
      .where('t.published_at', '<', to)
      .execute();
  }

  /** The same rows for a few targets (the top posts). */
  async function publishedTargets(targetIds: string[]) {
    if (targetIds.length === 0) return [];
    return withMetrics().where('t.id', 'in', targetIds).execute();
  }

  /** Average engagements by weekday × hour of the posts published in the year before `to`. */
  async function heat(ids: string[], to: number, tz: string): Promise<HeatCell[]> {
    const cells = await heatCounts(db, ids, Math.max(0, to - heatmapHistoryMs), to, tz);
    return [...cells.entries()]
      .sort(([a], [b]) => a - b)
      .map(([key, c]) => ({
        weekday: Math.floor(key / 24),
        hour: key % 24,
        posts: c.posts,
        avgEngagements: c.total / c.posts,
      }));
  }

  return {
    async get(input: {
      clientId: string;
      accountId?: string | undefined;
      platform?: Platform | undefined;
      from: number;
      to: number;
    }): Promise<Omit<AnalyticsDashboard, 'usage'>> {
      const { client, accounts, selected } = await scope(
        input.clientId,
        input.accountId,
        input.platform,
      );
      const ids = selected.map((a) => a.id);
      const handles = new Map(accounts.map((a) => [a.id, a.handle]));
      const { from, to } = input;
      const tz = client.timezone;

      // Posts published in the range with their latest figures: summary and top posts.
      const totals = await rangeTotals(db, ids, from, to);
      const { impressions, engagements } = totals;
      const unread = totals.posts > 0 && totals.read === 0;
      const rateIds = await topTargets(db, ids, from, to, 'rate', topCount);
      const impressionIds = await topTargets(db, ids, from, to, 'impressions', topCount);
      const topRows = await publishedTargets([...new Set([...rateIds, ...impressionIds])]);
      const texts = await postTexts(
        db,
        topRows.map((r) => r.id),
      );
      const byId = new Map(toPosts(topRows, handles).map((t) => [t.targetId, t]));
      for (const t of byId.values()) t.text = texts.get(t.targetId) ?? '';
      const pick = (targetIds: string[]) =>
        targetIds.flatMap((id) => {
          const t = byId.get(id);
          return t === undefined ? [] : [{ ...t }];
        });
      const byRate = pick(rateIds);
      const byImpressions = pick(impressionIds);

      // Followers over time, and the change across the range.
      const followerRows =
        ids.length === 0
          ? []
          : await db
              .selectFrom('account_metric_snapshots')
              .select(['account_id', 'fetched_at', 'followers'])
              .where('account_id', 'in', ids)
              .where('fetched_at', '>=', from)
              .where('fetched_at', '<', to)
              .orderBy('account_id')
              .orderBy('fetched_at')
              .execute();
      const followers = selected.map((a) => ({
        accountId: a.id,
        handle: a.handle,
        points: followerRows
          .filter((r) => r.account_id === a.id)
          .map((r) => ({ at: r.fetched_at, followers: r.followers })),
      }));
      const ends = followers.filter((s) => s.points.length > 0);
      const followersNow =
        ends.length === 0 ? null : ends.reduce((n, s) => n + (s.points.at(-1)?.followers ?? 0), 0);
      const followersChange =
        ends.length === 0
          ? null
          : ends.reduce(
              (n, s) => n + (s.points.at(-1)?.followers ?? 0) - (s.points[0]?.followers ?? 0),
              0,
            );

      // Impressions and engagements gained per day in the client's zone: the readings'
      // gains summed per quarter hour (every zone's midnight falls on one), then per day.
      const days = daysOf(from, to, tz);
      const daily = days.map((d) => ({ ...d, impressions: 0, engagements: 0 }));
      for (const r of await dailyGains(
        db,
        ids,
        from,
        to,
        days.map((d) => d.start),
      )) {
        const bucket = daily[bucketIndex(days, r.q * 900_000)];
        if (bucket !== undefined) {
          bucket.impressions += r.imp;
          bucket.engagements += r.eng;
        }
      }

      // Best times from the client's own history: the year before the range ends.
      const heatmap = await heat(ids, to, tz);

      const synced =
        ids.length === 0
          ? undefined
          : await db
              .selectFrom('metric_polls')
              .select((eb) => eb.fn.max('last_fetched_at').as('at'))
              .where('account_id', 'in', ids)
              .where('subject', '=', 'account')
              .executeTakeFirst();

      return {
        clientId: client.id,
        clientName: client.name,
        accountId: input.accountId ?? null,
        timezone: tz,
        from,
        to,
        accounts: accounts.map(({ id, platform, handle, status, metricsUnavailable }) => ({
          id,
          platform,
          handle,
          status,
          metricsUnavailable,
        })),
        summary: {
          posts: totals.posts,
          postsRead: totals.read,
          // See [Note: not read yet] in shared/analytics.ts.
          impressions: unread ? null : impressions,
          engagements: unread ? null : engagements,
          engagementRate: engagementRateOf(engagements, impressions),
          followers: followersNow,
          followersChange,
        },
        followers,
        daily: daily.map(({ day, start, impressions: i, engagements: e }) => ({
          day,
          start,
          impressions: i,
          engagements: e,
        })),
        topByEngagementRate: byRate,
        topByImpressions: byImpressions,
        heatmap,
        lastSyncedAt: synced?.at ?? null,
      };
    },

    /** The heatmap alone: best times to post from the client's year before `to`. */
    async bestTimes(clientId: string, to: number): Promise<HeatCell[]> {
      const { client, selected } = await scope(clientId);
      return heat(
        selected.map((a) => a.id),
        to,
        client.timezone,
      );
    },

    /** Every post published in the range with its latest metrics (for the CSV report). */
    async posts(input: {
      clientId: string;
      accountId?: string | undefined;
      platform?: Platform | undefined;
      from: number;
      to: number;
    }): Promise<TopPost[]> {
      const { accounts, selected } = await scope(input.clientId, input.accountId, input.platform);
      const handles = new Map(accounts.map((a) => [a.id, a.handle]));
      const rows = await publishedWithMetrics(
        selected.map((a) => a.id),
        input.from,
        input.to,
      );
      const posts = toPosts(rows, handles);
      const texts = await postTexts(
        db,
        posts.map((p) => p.targetId),
      );
      for (const p of posts) p.text = texts.get(p.targetId) ?? '';
      return posts;
    },

    /** Every snapshot of one post, oldest first. */
    async curve(targetId: string): Promise<PostCurve> {
      const target = await db
        .selectFrom('post_targets as t')
        .innerJoin('social_accounts as a', 'a.seq', 't.account_seq')
        .leftJoin('metric_polls as p', (j) =>
          j.onRef('p.subject_id', '=', 't.id').on('p.subject', '=', 'post'),
        )
        .select(['t.id', 'a.id as account_id', 't.published_at', 'a.handle', 'p.gone_at'])
        .where('t.id', '=', targetId)
        .executeTakeFirst();
      if (target === undefined) {
        throw failure('NOT_FOUND', `There is no published post target ${targetId}.`);
      }
      const rows = await db
        .selectFrom('post_metric_snapshots')
        .selectAll()
        .where('target_id', '=', targetId)
        .orderBy('fetched_at')
        .execute();
      const texts = await postTexts(db, [targetId]);
      return {
        targetId,
        accountId: target.account_id,
        handle: target.handle,
        text: texts.get(targetId) ?? '',
        publishedAt: target.published_at,
        deletedAt: target.gone_at,
        points: rows.map((r) => ({ at: r.fetched_at, ...figures(r) })),
      };
    },
  };
}

export type Dashboard = ReturnType<typeof createDashboard>;
