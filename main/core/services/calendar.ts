// The calendar's read side: one indexed query for the posts of a range (month, week or
// list) with what each chip needs, and the free queue slots of the accounts on show.
// [Note: one query per range] The month view over all clients holds ~4,000 posts. What a
// chip shows (first line, thread length, handles) is kept on the post row by triggers
// (migrations/0004-calendar-columns.ts), so the range is one walk of the covering index
// posts_calendar (or the client's, campaign's or status's index), already in time order,
// with one primary-key lookup of the client for its colour and no per-post query.
import { sql, type Kysely } from 'kysely';
import {
  calendarLimits,
  type CalendarItem,
  type CalendarRange,
  type FreeSlotView,
} from '../../../shared/calendar.ts';
import type { ParsedInput } from '../../../shared/ipc/contract.ts';
import type { Schema } from '../db/schema.ts';
import type { QueueSlots } from './queue-slots.ts';
import { waitingFor } from '../../../shared/waiting-for.ts';
import { approvalViews } from '../approval/approval-state.ts';

/** The posts table with the calendar's derived columns (see the note above). */
interface CalendarPostColumns {
  cal_first_line: string;
  cal_parts: number;
  cal_accounts: string;
}
type CalendarSchema = Omit<Schema, 'posts'> & { posts: Schema['posts'] & CalendarPostColumns };

/**
 * The `calendar:range` query; exported so a test can check its plan and the benchmark can
 * run the same SQL as a raw prepared statement.
 */
export function rangeQuery(schemaDb: Kysely<Schema>, input: ParsedInput<'calendar:range'>) {
  return filteredPosts(schemaDb, input)
    .select([
      'p.id',
      'p.client_id',
      'c.color',
      'p.campaign_id',
      'p.status',
      'p.scheduled_at',
      'p.cal_first_line',
      'p.cal_parts',
      'p.cal_accounts',
    ])
    .orderBy('p.scheduled_at')
    .limit(calendarLimits.itemsMax + 1);
}

/** A quarter hour: every zone's midnight in use today falls on one (offsets are n × 15 min). */
const quarterMs = 900_000;

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

/** The posts of the range with its filters, before any column is chosen. */
function filteredPosts(
  schemaDb: Kysely<Schema>,
  input: Omit<ParsedInput<'calendar:range'>, 'needsApproval'>,
) {
  const db = schemaDb as unknown as Kysely<CalendarSchema>;
  let query = db
    .selectFrom('posts as p')
    // CROSS JOIN keeps posts the outer loop in SQLite, so the range is walked on a posts
    // index already in time order (no sort), whatever the planner guesses of clients.
    .crossJoin('clients as c')
    .whereRef('c.id', '=', 'p.client_id')
    .where('p.scheduled_at', '>=', input.from)
    .where('p.scheduled_at', '<', input.to);
  if (input.clientId !== undefined) {
    query = query.where('p.client_id', '=', input.clientId);
  } else {
    // Archived clients are hidden from calendars unless asked for by id.
    query = query.where('c.archived_at', 'is', null);
  }
  if (input.campaignId !== undefined) query = query.where('p.campaign_id', '=', input.campaignId);
  if (input.statuses !== undefined) query = query.where('p.status', 'in', input.statuses);
  if (input.accountId !== undefined) {
    const accountId = input.accountId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('post_targets as ft')
          .select(sql.lit(1).as('one'))
          .whereRef('ft.post_id', '=', 'p.id')
          .where('ft.account_id', '=', accountId),
      ),
    );
  }
  return query;
}

type RangeRow = Awaited<ReturnType<ReturnType<typeof rangeQuery>['execute']>>[number];

function toItem(
  row: RangeRow,
  held: ReadonlySet<string>,
  waiting: ReadonlyMap<string, string>,
  unapproved: ReadonlySet<string>,
): CalendarItem {
  const accounts: CalendarItem['accounts'] = [];
  if (row.cal_accounts !== '') {
    for (const pair of row.cal_accounts.split(',')) {
      const space = pair.indexOf(' ');
      accounts.push({ id: pair.slice(0, space), handle: pair.slice(space + 1) });
    }
  }
  return {
    id: row.id,
    clientId: row.client_id,
    color: row.color,
    campaignId: row.campaign_id,
    status: row.status,
    at: row.scheduled_at ?? 0,
    firstLine: row.cal_first_line,
    parts: row.cal_parts,
    accounts,
    held: held.has(row.id),
    waiting: waiting.get(row.id) ?? null,
    needsApproval: unapproved.has(row.id),
  };
}

/**
 * The posts of the range that need their client's approval. Only clients that require it
 * cost a look, so a calendar without them stays the walk of one index.
 */
async function unapprovedPosts(db: Kysely<Schema>, rows: RangeRow[]): Promise<Set<string>> {
  const requiring = new Set(
    (await db.selectFrom('clients').select('id').where('require_approval', '=', 1).execute()).map(
      (c) => c.id,
    ),
  );
  if (requiring.size === 0) return new Set();
  const views = await approvalViews(
    db,
    rows.filter((r) => requiring.has(r.client_id)),
  );
  return new Set([...views].filter(([, v]) => v.needsApproval).map(([id]) => id));
}

/**
 * Posts retrying through an outage or a rate limit, or held for their client's approval,
 * with what they wait for: the first
 * sentence of the publisher's reason ("waiting for X to recover"). Read from the pending
 * jobs (few, and indexed), so the range query stays a walk of the covering index.
 */
async function waitingPosts(db: Kysely<Schema>): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('publish_jobs as j')
    .innerJoin('post_targets as t', 't.id', 'j.target_id')
    .select(['t.post_id', 'j.last_error'])
    .where('j.status', '=', 'pending')
    .where('j.kind', '=', 'publish')
    .where((eb) =>
      eb.or([
        eb('j.last_error', 'like', 'UNAVAILABLE: Waiting for %'),
        eb('j.last_error', 'like', 'RATE_LIMITED: Waiting for %'),
        // Held until its client approves it (scheduler/approval-gate.ts).
        eb('j.last_error', 'like', 'APPROVAL: Waiting for %'),
      ]),
    )
    .execute();
  const waiting = new Map<string, string>();
  for (const row of rows) {
    const words = waitingFor(row.last_error);
    if (words !== null) waiting.set(row.post_id, words);
  }
  return waiting;
}

export function createCalendarService(db: Kysely<Schema>, slots: QueueSlots) {
  return {
    async range(input: ParsedInput<'calendar:range'>): Promise<CalendarRange> {
      const rows = await rangeQuery(db, input).execute();
      const truncated = rows.length > calendarLimits.itemsMax;
      if (truncated) rows.length = calendarLimits.itemsMax;
      // Few posts are ever held at once: one look in the partial index (0009) marks them,
      // and the range itself stays a walk of the covering index.
      const held = await db
        .selectFrom('post_targets')
        .select('post_id')
        .where('hold_id', 'is not', null)
        .execute();
      const heldIds = new Set(held.map((h) => h.post_id));
      const waiting = await waitingPosts(db);
      const unapproved = await unapprovedPosts(db, rows);
      const items = rows.map((row) => toItem(row, heldIds, waiting, unapproved));
      return {
        items: input.needsApproval === true ? items.filter((i) => i.needsApproval) : items,
        truncated,
      };
    },

    /**
     * Posts per day between neighbouring bounds. Counted per quarter hour in SQLite and
     * summed into days here, so no post row leaves the database; a bound off the quarter
     * hour (no zone in use has one) would count a few minutes' posts on the wrong side.
     */
    async dayCounts(input: ParsedInput<'calendar:day-counts'>): Promise<number[]> {
      const { bounds } = input;
      const counts = new Array<number>(bounds.length - 1).fill(0);
      const from = bounds[0] ?? 0;
      const to = bounds[bounds.length - 1] ?? 0;
      const rows = await quarterCountsQuery(db, { ...input, from, to }).execute();
      let day = 0;
      // Rows come in any order from GROUP BY; sort the few thousand groups, then merge.
      rows.sort((a, b) => a.q - b.q);
      for (const { q, n } of rows) {
        const at = q * quarterMs;
        while (day < counts.length - 1 && at >= (bounds[day + 1] ?? to)) day += 1;
        counts[day] = (counts[day] ?? 0) + n;
      }
      return counts;
    },

    async freeSlots(input: ParsedInput<'calendar:free-slots'>): Promise<FreeSlotView[]> {
      let accounts = db
        .selectFrom('social_accounts as a')
        .innerJoin('clients as c', 'c.id', 'a.client_id')
        .select('a.id')
        .where('a.status', '!=', 'disconnected')
        .where('c.archived_at', 'is', null);
      if (input.clientId !== undefined)
        accounts = accounts.where('a.client_id', '=', input.clientId);
      if (input.accountId !== undefined) accounts = accounts.where('a.id', '=', input.accountId);
      // Only accounts that have slots cost a walk.
      accounts = accounts.where((eb) =>
        eb.exists(
          eb
            .selectFrom('posting_slots as s')
            .select(sql.lit(1).as('one'))
            .whereRef('s.account_id', '=', 'a.id'),
        ),
      );
      const found: FreeSlotView[] = [];
      for (const { id } of await accounts.execute()) {
        for (const slot of await slots.freeInRange(id, input.from, input.to)) {
          found.push({ accountId: id, ...slot });
        }
      }
      return found.sort((a, b) => a.at - b.at);
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
