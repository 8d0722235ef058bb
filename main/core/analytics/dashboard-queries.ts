// The dashboard's range queries over the rollups of migration 0019, summed and sorted in
// SQLite so only a few rows cross into JavaScript: the posts of a range with their latest
// figures (summary and top posts) and the best times, from post_metric_latest's
// (account_seq, published_at, …) covering index ([Note: latest published_at]); impressions
// and engagements gained per quarter hour from post_metric_gains ([Note: metric gains
// rollup]). Each returns what the dashboard computes from the raw rows (compared in
// tests/integration/analytics-rollup.test.ts).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { offsetSpans } from './day-buckets.ts';

const quarterMs = 900_000;
const hourMs = 3_600_000;
const dayMs = 86_400_000;
/** A whole number of weeks that keeps any local instant after 1951 positive (see heat). */
const weeksAhead = 1_000 * 7 * dayMs;

const engagements = sql`(likes + reposts + replies + quotes + bookmarks)`;
const list = (ids: string[]) => sql.join(ids);
/** The accounts' numbers in metric_accounts, by which the latest rows name them (0035). */
const seqsOf = (ids: string[]) =>
  sql`(SELECT seq FROM metric_accounts WHERE account_id IN (${list(ids)}))`;
/** The same accounts' numbers in social_accounts, by which post_targets names them (0041). */
const targetAccountsOf = (ids: string[]) =>
  sql`(SELECT seq FROM social_accounts WHERE id IN (${list(ids)}))`;

/** Latest rows of targets published in [from, to) on the accounts, read (fetched_at ≠ 0). */
const readInRange = (ids: string[], from: number, to: number) => sql`
  account_seq IN ${seqsOf(ids)} AND published_at >= ${from} AND published_at < ${to}
  AND fetched_at <> 0`;

export interface RangeTotals {
  /** Targets published in the range, read or not. */
  posts: number;
  /** Of those, read at least once. */
  read: number;
  impressions: number;
  engagements: number;
}

export async function rangeTotals(
  db: Kysely<Schema>,
  ids: string[],
  from: number,
  to: number,
): Promise<RangeTotals> {
  if (ids.length === 0) return { posts: 0, read: 0, impressions: 0, engagements: 0 };
  const posts = await sql<{ n: number }>`
    SELECT count(*) AS n FROM post_targets
    WHERE account_seq IN ${targetAccountsOf(ids)} AND status = 'published'
      AND published_at >= ${from} AND published_at < ${to}`.execute(db);
  const read = await sql<{ n: number; imp: number | null; eng: number | null }>`
    SELECT count(*) AS n, sum(coalesce(impressions, 0)) AS imp, sum(${engagements}) AS eng
    FROM post_metric_latest WHERE ${readInRange(ids, from, to)}`.execute(db);
  const r = read.rows[0];
  return {
    posts: posts.rows[0]?.n ?? 0,
    read: r?.n ?? 0,
    impressions: r?.imp ?? 0,
    engagements: r?.eng ?? 0,
  };
}

/**
 * The target ids of the top `limit` read posts of the range: by engagement rate (those
 * with impressions; ties by engagements) or by impressions. Further ties go by account
 * (in the order their figures were first read), then time published, then the order the
 * targets were made in.
 */
export async function topTargets(
  db: Kysely<Schema>,
  ids: string[],
  from: number,
  to: number,
  by: 'rate' | 'impressions',
  limit: number,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const keys: RawBuilder<unknown> =
    by === 'rate'
      ? sql`CAST(${engagements} AS REAL) / impressions AS k1, ${engagements} AS k2`
      : sql`coalesce(impressions, 0) AS k1, 0 AS k2`;
  const only = by === 'rate' ? sql`AND impressions > 0` : sql``;
  const order = (l: RawBuilder<unknown>) =>
    sql`ORDER BY ${l}k1 DESC, ${l}k2 DESC, ${l}account_seq, ${l}published_at, ${l}target_seq`;
  // The few chosen rows are sorted again once their ids are joined: one statement, so the
  // ids are those of the same moment.
  const rows = await sql<{ target_id: string }>`
    SELECT t.id AS target_id
    FROM (SELECT target_seq, account_seq, published_at, ${keys} FROM post_metric_latest
          WHERE ${readInRange(ids, from, to)} ${only} ${order(sql``)} LIMIT ${limit}) l
    JOIN post_targets t ON t.seq = l.target_seq
    ${order(sql`l.`)}`.execute(db);
  return rows.rows.map((r) => r.target_id);
}

/**
 * An instant column as local time in `timezone` over [from, to), shifted ahead by whole
 * weeks so the integer division of an early instant west of UTC never goes negative: one
 * CASE over the spans of one UTC offset. Literals, not parameters: a parameter is bound
 * as REAL, and `/` on it would not round down.
 */
function localTime(column: RawBuilder<unknown>, from: number, to: number, timezone: string) {
  const spans = offsetSpans(from, to, timezone);
  const shift = (offsetMs: number) => sql.lit(Math.round(offsetMs) + weeksAhead);
  const last = spans.at(-1);
  if (last === undefined || spans.length === 1)
    return sql`(${column} + ${shift(last?.offsetMs ?? 0)})`;
  const cases = spans
    .slice(0, -1)
    .map((s) => sql`WHEN ${column} < ${sql.lit(s.end)} THEN ${shift(s.offsetMs)}`);
  return sql`(${column} + CASE ${sql.join(cases, sql` `)} ELSE ${shift(last.offsetMs)} END)`;
}

/**
 * Gains of [from, to) summed per day: `starts` are the days' first instants (daysOf, all
 * on quarter hours), each row lies within one day, `q` is a quarter hour of it
 * (fetched_at / 900000). SQLite sums each day's range of the rollup's primary key, so
 * ~90 rows cross, not ~9,000, and nothing is sorted.
 */
export async function dailyGains(
  db: Kysely<Schema>,
  ids: string[],
  from: number,
  to: number,
  starts: number[],
): Promise<{ q: number; imp: number; eng: number }[]> {
  if (ids.length === 0 || from >= to) return [];
  // Whole quarters come from the rollup; a range that starts or ends inside a quarter
  // (the app asks for whole hours; a report from an ISO time may not) reads that part's
  // readings, which are not indexed by time: every post of the accounts read since its
  // start is unpacked ([Note: packed readings] in reading-series.ts).
  const first = Math.ceil(from / quarterMs);
  const last = Math.floor(to / quarterMs);
  if (first >= last) return rawQuarterGains(db, ids, from, to);
  const accounts = await db
    .selectFrom('metric_accounts')
    .select('seq')
    .where('account_id', 'in', ids)
    .execute();
  const bounds = [...starts.map((s) => Math.floor(s / quarterMs)), last]
    .map((q) => Math.min(last, Math.max(first, q)))
    .flatMap((lo, i, all) => {
      const hi = all[i + 1];
      return hi === undefined || hi <= lo ? [] : [sql`(${sql.lit(lo)}, ${sql.lit(hi)})`];
    });
  const whole =
    accounts.length === 0 || bounds.length === 0
      ? { rows: [] }
      : await sql<{ q: number; imp: number | null; eng: number | null }>`
          WITH days (lo, hi) AS (VALUES ${sql.join(bounds)})
          SELECT days.lo AS q,
            (SELECT sum(impressions) FROM post_metric_gains
             WHERE account_seq IN (${sql.join(accounts.map((a) => sql.lit(a.seq)))})
               AND quarter >= days.lo AND quarter < days.hi) AS imp,
            (SELECT sum(engagements) FROM post_metric_gains
             WHERE account_seq IN (${sql.join(accounts.map((a) => sql.lit(a.seq)))})
               AND quarter >= days.lo AND quarter < days.hi) AS eng
          FROM days`.execute(db);
  const head =
    first * quarterMs > from ? await rawQuarterGains(db, ids, from, first * quarterMs) : [];
  const tail = last * quarterMs < to ? await rawQuarterGains(db, ids, last * quarterMs, to) : [];
  return [
    ...head,
    ...whole.rows.map((r) => ({ q: r.q, imp: r.imp ?? 0, eng: r.eng ?? 0 })),
    ...tail,
  ];
}

async function rawQuarterGains(db: Kysely<Schema>, ids: string[], from: number, to: number) {
  const rows = await sql<{ q: number; imp: number; eng: number }>`
    SELECT r.quarter AS q, sum(r.impressions_gain) AS imp, sum(r.engagements_gain) AS eng
    FROM post_metric_latest l JOIN post_metric_series s ON s.target_seq = l.target_seq,
      metric_series_readings(s.points) r
    WHERE l.account_seq IN ${seqsOf(ids)} AND l.fetched_at >= ${from}
      AND r.fetched_at >= ${from} AND r.fetched_at < ${to}
    GROUP BY q`.execute(db);
  return rows.rows;
}

/**
 * Read posts published in [from, to) per weekday (0 = Monday) and hour in `timezone`, with
 * their latest engagements summed: local weekday and hour are arithmetic on the shifted
 * instant (localTime), so SQLite groups them in one pass over the covering index.
 */
export async function heatCounts(
  db: Kysely<Schema>,
  ids: string[],
  from: number,
  to: number,
  timezone: string,
): Promise<Map<number, { posts: number; total: number }>> {
  const cells = new Map<number, { posts: number; total: number }>();
  if (ids.length === 0 || from >= to) return cells;
  const local = localTime(sql`published_at`, from, to, timezone);
  const rows = await sql<{ key: number; posts: number; total: number }>`
    SELECT ((${local} / ${sql.lit(dayMs)} + 3) % 7) * 24 + (${local} / ${sql.lit(hourMs)}) % 24 AS key,
           count(*) AS posts, sum(${engagements}) AS total
    FROM post_metric_latest
    WHERE account_seq IN ${seqsOf(ids)} AND published_at >= ${from} AND published_at < ${to}
    GROUP BY key`.execute(db);
  for (const r of rows.rows) cells.set(r.key, { posts: r.posts, total: r.total });
  return cells;
}
