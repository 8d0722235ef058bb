// The calendar's SQL, built with kysely: the range (month, week, list), the month's first
// posts of each day and its day counts, and quarter-hour counts for the list's year. See
// [Note: one query per range] and [Note: a day's first posts] in calendar.ts. Exported for
// the query-plan tests and for the benchmark, which runs the same SQL as raw statements.
import {
  sql,
  type CompiledQuery,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import { calendarLimits } from '../../../shared/calendar.ts';
import type { ParsedInput } from '../../../shared/ipc/contract.ts';
import { accountSeqOf, clientSeqOf } from '../db/post-numbers.ts';
import type { Schema } from '../db/schema.ts';
import type { CalendarPostColumns } from './calendar-columns.ts';

/** The posts table with the calendar's derived columns ([Note: one query per range]). */
type CalendarSchema = Omit<Schema, 'posts'> & { posts: Schema['posts'] & CalendarPostColumns };

/** What a chip needs of a post (toItem), in the order the range and the days select it. */
const itemColumns = [
  'p.id',
  'c.id as client_id',
  'c.color',
  'p.campaign_id',
  'p.status',
  'p.scheduled_at',
  'p.timezone',
  'p.cal_parts',
  'p.cal_accounts',
] as const;

/**
 * Part 0's first line, at most 140 characters ([Note: first line from the part] in
 * migrations/0042-posts-by-number.ts): one lookup of the parts' (post, position) index.
 */
const firstLine = sql<string>`coalesce((SELECT substr(fp.text, 1,
  CASE WHEN instr(fp.text, char(10)) BETWEEN 1 AND 140 THEN instr(fp.text, char(10)) - 1
  ELSE 140 END) FROM post_parts fp WHERE fp.post_seq = p.seq AND fp.position = 0), '')`.as(
  'first_line',
);

/**
 * The `calendar:range` query; exported so a test can check its plan and the benchmark can
 * run the same SQL as a raw prepared statement.
 */
export function rangeQuery(schemaDb: Kysely<Schema>, input: ParsedInput<'calendar:range'>) {
  return filteredPosts(schemaDb, input)
    .select(itemColumns)
    .select(firstLine)
    .orderBy('p.scheduled_at')
    .limit(calendarLimits.itemsMax + 1);
}

export type Filters = Omit<ParsedInput<'calendar:days'>, 'bounds' | 'perDay' | 'needsApproval'>;

/**
 * A pending publish job that waits: retrying through an outage or a rate limit, lined up
 * behind such a retry (one that may already be on its network too), or held until its
 * client approves it (scheduler/approval-gate.ts); its last error says for what.
 */
const waitingJob = sql<SqlBool>`wj.status = 'pending' AND wj.kind = 'publish' AND (
  wj.last_error LIKE 'UNAVAILABLE: Waiting for %'
  OR wj.last_error LIKE 'RATE_LIMITED: Waiting for %'
  OR wj.last_error LIKE 'UNCONFIRMED: Waiting for %'
  OR wj.last_error LIKE 'APPROVAL: Waiting for %')`;

/**
 * The waiting jobs of these posts (`wj` as in waitingJob): their targets, then each
 * target's jobs, both indexed, rather than a scan of the pending jobs (tens of thousands
 * at 1M posts: 25 ms). One JSON parameter whatever the number of posts, so the statement
 * is prepared once; CROSS JOIN keeps the given ids the outer loop.
 */
export function waitingJobsQuery(schemaDb: Kysely<Schema>, postIds: readonly string[]) {
  return schemaDb
    .selectFrom(sql<{ value: string }>`json_each(${JSON.stringify(postIds)})`.as('ids'))
    .crossJoin('posts as wp')
    .crossJoin('post_targets as wt')
    .crossJoin('publish_jobs as wj')
    .whereRef('wp.id', '=', 'ids.value')
    .whereRef('wt.post_seq', '=', 'wp.seq')
    .whereRef('wj.target_id', '=', 'wt.id')
    .where(waitingJob)
    .select(['wp.id as post_id', 'wj.last_error']);
}

/** The days between neighbouring bounds as withDays's one JSON parameter. */
const dayPairs = (bounds: readonly number[]): string =>
  JSON.stringify(bounds.slice(1).map((to, i) => [bounds[i] ?? to, to]));

/** A bound of the range: an instant, or a column of the query around it (a day's start). */
type Bound = number | RawBuilder<number>;

/**
 * The days between neighbouring bounds as a table `days (k, lo, hi)` from one JSON
 * parameter, so the statement's text is the same whatever the month (prepared once, and
 * compiled in a few microseconds instead of a subquery per day).
 */
function withDays(schemaDb: Kysely<Schema>, bounds: readonly number[]) {
  const pairs = dayPairs(bounds);
  return (schemaDb as unknown as Kysely<CalendarSchema>).with('days', (db) =>
    db
      .selectFrom(sql<{ key: number; value: string }>`json_each(${pairs})`.as('d'))
      .select([
        'd.key as k',
        sql<number>`d.value ->> 0`.as('lo'),
        sql<number>`d.value ->> 1`.as('hi'),
      ]),
  );
}

const dayStart = sql.ref<number>('days.lo');
const dayEnd = sql.ref<number>('days.hi');

/**
 * The first `perDay` posts of each day between neighbouring bounds, in time order (see
 * [Note: a day's first posts]). For each day, a correlated subquery walks the range's own
 * index from the day's start for its first `perDay` posts under the filters; only those
 * rows are read (by rowid). Exported for the plan test and the benchmark's raw statement.
 */
export function dayFirstsQuery(
  schemaDb: Kysely<Schema>,
  input: Filters & { bounds: readonly number[]; perDay: number },
) {
  const firsts = filteredPosts(schemaDb, { ...input, from: dayStart, to: dayEnd })
    .select(sql<number>`p.rowid`.as('r'))
    .orderBy('p.scheduled_at')
    .limit(input.perDay);
  return (
    withDays(schemaDb, input.bounds)
      .selectFrom('days')
      // Days are the outer loop: each day's posts are found by its subquery, then read.
      .crossJoin('posts as p')
      .crossJoin('clients as c')
      .whereRef('c.seq', '=', 'p.client_seq')
      .where(sql<number>`p.rowid`, 'in', firsts)
      .select(itemColumns)
      .select(firstLine)
      // What each post waits for, if it does: read with the post, a lookup of its targets'
      // jobs (both indexed), where the range reads it for all its posts at once.
      .select((eb) =>
        eb
          .selectFrom('post_targets as wt')
          .crossJoin('publish_jobs as wj')
          .select('wj.last_error')
          .whereRef('wt.post_seq', '=', 'p.seq')
          .whereRef('wj.target_id', '=', 'wt.id')
          .where(waitingJob)
          .limit(1)
          .as('waiting_error'),
      )
      .orderBy('p.scheduled_at')
  );
}

/**
 * How many posts each day between neighbouring bounds holds (`k` is the day's index): one
 * count per day over an index (a month at 1M posts counts 16,000 entries without reading
 * a row). Archived clients are left out with `IN (active clients)` rather than the
 * range's join, which would look the client up for every post counted; with `archived`
 * false (no client is: anyArchived) that test is left out too, halving the count's time.
 * Exported for the plan test and the benchmark's raw statement.
 */
export function dayTotalsQuery(
  schemaDb: Kysely<Schema>,
  input: Filters & { bounds: readonly number[]; archived: boolean },
) {
  return withDays(schemaDb, input.bounds)
    .selectFrom('days')
    .select([
      'days.k',
      postsMatching(schemaDb, { ...input, from: dayStart, to: dayEnd })
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .$asScalar()
        .as('n'),
    ]);
}

/** Whether any client is archived: dayTotalsQuery's `archived`. */
export async function anyArchived(schemaDb: Kysely<Schema>): Promise<boolean> {
  const found = await schemaDb
    .selectFrom('clients')
    .select('id')
    .where('archived_at', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return found !== undefined;
}

/** A quarter hour: every zone's midnight in use today falls on one (offsets are n × 15 min). */
export const quarterMs = 900_000;

/**
 * Posts per quarter hour of [from, to) under the range's filters: one walk of the same
 * index as the range, counted in SQLite; a year at 1M posts is ~35,000 groups instead of
 * 200,000 rows. Exported for the query-plan test.
 */
export function quarterCountsQuery(
  schemaDb: Kysely<Schema>,
  input: Omit<ParsedInput<'calendar:range'>, 'needsApproval'>,
) {
  return filteredPosts(schemaDb, input)
    .select((eb) => [
      sql<number>`p.scheduled_at / ${sql.lit(quarterMs)}`.as('q'),
      eb.fn.countAll<number>().as('n'),
    ])
    .groupBy('q');
}

/** The posts of the range with its filters and their client, before any column is chosen. */
function filteredPosts(schemaDb: Kysely<Schema>, input: Filters & { from: Bound; to: Bound }) {
  const db = schemaDb as unknown as Kysely<CalendarSchema>;
  let query = db
    .selectFrom('posts as p')
    // CROSS JOIN keeps posts the outer loop in SQLite, so the range is walked on a posts
    // index already in time order (no sort), whatever the planner guesses of clients.
    .crossJoin('clients as c')
    .whereRef('c.seq', '=', 'p.client_seq')
    .where('p.scheduled_at', '>=', input.from)
    .where('p.scheduled_at', '<', input.to);
  if (input.clientId !== undefined) {
    query = query.where('p.client_seq', '=', clientSeqOf(input.clientId));
  } else {
    // Archived clients are hidden from calendars unless asked for by id.
    query = query.where('c.archived_at', 'is', null);
  }
  return withFilters(query, input);
}

/** The same posts as filteredPosts without their client's row, for counting. */
function postsMatching(
  schemaDb: Kysely<Schema>,
  input: Filters & { from: Bound; to: Bound; archived: boolean },
) {
  const db = schemaDb as unknown as Kysely<CalendarSchema>;
  let query = db
    .selectFrom('posts as p')
    .where('p.scheduled_at', '>=', input.from)
    .where('p.scheduled_at', '<', input.to);
  if (input.clientId !== undefined) {
    query = query.where('p.client_seq', '=', clientSeqOf(input.clientId));
  } else if (input.archived) {
    query = query.where('p.client_seq', 'in', (eb) =>
      eb.selectFrom('clients').select('seq').where('archived_at', 'is', null),
    );
  }
  return withFilters(query, input);
}

/** Campaign, statuses and account: the filters both shapes above share. */
function withFilters<
  Q extends SelectQueryBuilder<CalendarSchema & { p: CalendarSchema['posts'] }, 'p', object>,
>(query: Q, input: Filters): Q {
  let q = query as SelectQueryBuilder<CalendarSchema & { p: CalendarSchema['posts'] }, 'p', object>;
  if (input.campaignId !== undefined) q = q.where('p.campaign_id', '=', input.campaignId);
  if (input.statuses !== undefined) q = q.where('p.status', 'in', input.statuses);
  if (input.accountId !== undefined) {
    const accountId = input.accountId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('post_targets as ft')
          .select(sql.lit(1).as('one'))
          .whereRef('ft.post_seq', '=', 'p.seq')
          .where('ft.account_seq', '=', accountSeqOf(accountId)),
      ),
    );
  }
  return q as Q;
}

/**
 * [Note: the days' statement compiled once] Building and compiling dayFirstsQuery with
 * kysely takes about a third of the time SQLite then takes to run it at a million posts
 * (0.35 of 1.3 ms), all of it the same for a given set of filters: only the days change
 * from month to month, and they are one JSON parameter. So the compiled statement is kept
 * per filter set and run again with that one parameter replaced. It is kept only when the
 * days' parameter is found exactly once among its parameters.
 */
const compiledDays = new Map<string, { compiled: CompiledQuery<DayRow>; days: number }>();
const compiledDaysMax = 32;

/** dayFirstsQuery's rows, compiled once per filter set ([Note: the days' statement compiled once]). */
export async function dayFirsts(
  schemaDb: Kysely<Schema>,
  input: Filters & { bounds: readonly number[]; perDay: number },
): Promise<DayRow[]> {
  const { bounds, ...shape } = input;
  const key = JSON.stringify(shape);
  const pairs = dayPairs(bounds);
  const kept = compiledDays.get(key);
  if (kept !== undefined) {
    const parameters = [...kept.compiled.parameters];
    parameters[kept.days] = pairs;
    const again: CompiledQuery<DayRow> = { ...kept.compiled, parameters };
    return (await schemaDb.executeQuery(again)).rows;
  }
  const compiled = dayFirstsQuery(schemaDb, input).compile();
  const found = compiled.parameters.flatMap((p, i) => (p === pairs ? [i] : []));
  if (found.length === 1 && found[0] !== undefined) {
    if (compiledDays.size >= compiledDaysMax) {
      const oldest = compiledDays.keys().next().value;
      if (oldest !== undefined) compiledDays.delete(oldest);
    }
    compiledDays.set(key, { compiled, days: found[0] });
  }
  return (await schemaDb.executeQuery(compiled)).rows;
}

export type RangeRow = Awaited<ReturnType<ReturnType<typeof rangeQuery>['execute']>>[number];
export type DayRow = Awaited<ReturnType<ReturnType<typeof dayFirstsQuery>['execute']>>[number];
