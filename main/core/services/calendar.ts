// The calendar's read side: one indexed query for the posts of a range (month, week or
// list) with what each chip needs, and the free queue slots of the accounts on show.
// [Note: one query per range] The month view over all clients holds ~4,000 posts. What a
// chip shows (first line, thread length, handles) is kept on the post row by triggers
// (migrations/0004-calendar-columns.ts), so the range is one walk of a time index
// (posts_by_time, posts_calendar with the filters since 0032, or the client's, campaign's
// or status's index), already in time order, reading each chosen row by rowid, with one
// primary-key lookup of the client for its colour and no per-post query.
// [Note: a day's first posts] At 1,000,000 posts a month holds ~16,000 posts, more than a
// range may send (10,000): the month view asks `calendar:days` for each day's first few
// posts (one short walk of the same index per day, ~250 rows, with what each waits for)
// and each day's count (one count per day over an index, no row read), so every day shows
// its first posts. The SQL is in calendar-queries.ts.
import { sql, type Kysely } from 'kysely';
import {
  calendarLimits,
  type CalendarDays,
  type CalendarItem,
  type CalendarRange,
  type FreeSlotView,
} from '../../../shared/calendar.ts';
import type { ParsedInput } from '../../../shared/ipc/contract.ts';
import type { Schema } from '../db/schema.ts';
import type { QueueSlots } from './queue-slots.ts';
import { waitingFor } from '../../../shared/waiting-for.ts';
import { approvalViews } from '../approval/approval-state.ts';
import {
  anyArchived,
  dayFirsts,
  dayFirstsQuery,
  dayTotalsQuery,
  quarterCountsQuery,
  quarterMs,
  rangeQuery,
  waitingJobsQuery,
  type DayRow,
  type RangeRow,
} from './calendar-queries.ts';

export { anyArchived, dayFirstsQuery, dayTotalsQuery, quarterCountsQuery, rangeQuery };

type Chip = CalendarItem['accounts'][number];

function toItem(
  row: RangeRow,
  chips: ReadonlyMap<string, Chip>,
  held: ReadonlySet<string>,
  waiting: ReadonlyMap<string, string>,
  unapproved: ReadonlySet<string>,
): CalendarItem {
  const accounts: Chip[] = [];
  // The accounts' numbers ([Note: accounts and clients by number] in migration 0040).
  if (row.cal_accounts !== '') {
    for (const seq of row.cal_accounts.split(',')) {
      const chip = chips.get(seq);
      if (chip !== undefined) accounts.push(chip);
    }
  }
  return {
    id: row.id,
    clientId: row.client_id,
    color: row.color,
    campaignId: row.campaign_id,
    status: row.status,
    at: row.scheduled_at ?? 0,
    timezone: row.timezone,
    firstLine: row.first_line,
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

/** What each of these posts waits for ([Note: a day's first posts] reads it with the days). */
async function waitingPosts(
  db: Kysely<Schema>,
  postIds: readonly string[],
): Promise<Map<string, string>> {
  const waiting = new Map<string, string>();
  if (postIds.length === 0) return waiting;
  for (const row of await waitingJobsQuery(db, postIds).execute()) {
    const words = waitingFor(row.last_error);
    if (words !== null) waiting.set(row.post_id, words);
  }
  return waiting;
}

/**
 * Rows of the range or the days as the calendar's items, with what each waits for (read
 * by the caller: the days read it in their query) and whether it is held or unapproved.
 */
async function itemsOf(
  db: Kysely<Schema>,
  rows: RangeRow[],
  waiting: ReadonlyMap<string, string>,
): Promise<CalendarItem[]> {
  // Few posts are ever held at once: one look in the partial index (0009) marks them,
  // and the range itself stays a walk of one index.
  const held = await db
    .selectFrom('post_targets as t')
    .innerJoin('posts as p', 'p.seq', 't.post_seq')
    .select('p.id as post_id')
    .where('t.hold_id', 'is not', null)
    .execute();
  const heldIds = new Set(held.map((h) => h.post_id));
  const unapproved = await unapprovedPosts(db, rows);
  // A few dozen accounts, read whole: cheaper than joining them to every post.
  const accounts = await db.selectFrom('social_accounts').select(['seq', 'id', 'handle']).execute();
  const chips = new Map(accounts.map((a) => [String(a.seq), { id: a.id, handle: a.handle }]));
  return rows.map((row) => toItem(row, chips, heldIds, waiting, unapproved));
}

/** What the days' posts wait for, from the column their query reads it into. */
function waitingOfDays(rows: readonly DayRow[]): Map<string, string> {
  const waiting = new Map<string, string>();
  for (const row of rows) {
    const words = row.waiting_error === null ? null : waitingFor(row.waiting_error);
    if (words !== null) waiting.set(row.id, words);
  }
  return waiting;
}

/** The index of the day [bounds[i], bounds[i + 1]) holding `at`, or -1. */
function dayOf(at: number, bounds: readonly number[]): number {
  let lo = 0;
  let hi = bounds.length - 1;
  if (at < (bounds[0] ?? 0) || at >= (bounds[hi] ?? 0)) return -1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (at >= (bounds[mid] ?? 0)) lo = mid;
    else hi = mid;
  }
  return lo;
}

export function createCalendarService(db: Kysely<Schema>, slots: QueueSlots) {
  return {
    async range(input: ParsedInput<'calendar:range'>): Promise<CalendarRange> {
      const rows = await rangeQuery(db, input).execute();
      const truncated = rows.length > calendarLimits.itemsMax;
      if (truncated) rows.length = calendarLimits.itemsMax;
      const waiting = await waitingPosts(
        db,
        rows.map((r) => r.id),
      );
      const items = await itemsOf(db, rows, waiting);
      return {
        items: input.needsApproval === true ? items.filter((i) => i.needsApproval) : items,
        truncated,
      };
    },

    /** The month view's first posts of each day and each day's count ([Note: a day's first posts]). */
    async days(input: ParsedInput<'calendar:days'>): Promise<CalendarDays> {
      const { bounds, perDay, needsApproval, ...filters } = input;
      if (needsApproval === true) {
        // Approval is worked out per post, not in SQL: read the span's posts of the clients
        // that require it (only theirs can need it) and take each day's first.
        let requiring = db
          .selectFrom('clients')
          .select('id')
          .where('require_approval', '=', 1)
          .orderBy('id');
        requiring =
          filters.clientId === undefined
            ? requiring.where('archived_at', 'is', null)
            : requiring.where('id', '=', filters.clientId);
        const from = bounds[0] ?? 0;
        const to = bounds[bounds.length - 1] ?? from;
        const all: CalendarItem[] = [];
        for (const { id } of await requiring.execute()) {
          const range = await this.range({
            ...filters,
            clientId: id,
            from,
            to,
            needsApproval: true,
          });
          all.push(...range.items);
        }
        all.sort((a, b) => a.at - b.at);
        const counts = new Array<number>(bounds.length - 1).fill(0);
        const items: CalendarItem[] = [];
        for (const item of all) {
          const day = dayOf(item.at, bounds);
          if (day === -1) continue;
          counts[day] = (counts[day] ?? 0) + 1;
          if ((counts[day] ?? 0) <= perDay) items.push(item);
        }
        return { items, counts };
      }
      const rows = await dayFirsts(db, input);
      const counts = new Array<number>(bounds.length - 1).fill(0);
      const archived = await anyArchived(db);
      for (const { k, n } of await dayTotalsQuery(db, { ...input, archived }).execute()) {
        counts[k] = n;
      }
      return { items: await itemsOf(db, rows, waitingOfDays(rows)), counts };
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
