// Queue slots: each account's weekly posting times, read in its client's time zone, and
// the next free instants they give (for the calendar's ghost cells and for imports).
// [Note: slot wall times] A slot is a wall time, so "09:00 Monday" stays 09:00 in Berlin
// across DST. On a spring-forward day a slot inside the gap moves forward by the length of
// the gap (02:30 → 03:30 in Berlin, Temporal's 'compatible' reading) with a note saying
// so; on the autumn night a repeated wall time yields only its first occurrence, so a
// queue never publishes twice in the repeated hour.
import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { failure } from '../../../shared/result.ts';
import { accountSeqOf } from '../db/post-numbers.ts';
import type { Schema } from '../db/schema.ts';
import type { Ports } from '../ports.ts';

export interface QueueSlot {
  id: string;
  accountId: string;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** Minutes after local midnight, 0–1439. */
  minuteOfDay: number;
}

export interface FreeSlot {
  /** Epoch ms. */
  at: number;
  /** Set when the slot's wall time does not exist that day and it was moved. */
  note?: string;
}

export interface QueueSlots {
  list(accountId: string): Promise<QueueSlot[]>;
  /** Replaces the account's weekly slots (validated, de-duplicated) in one transaction. */
  replace(
    accountId: string,
    slots: { weekday: number; minuteOfDay: number }[],
  ): Promise<QueueSlot[]>;
  /**
   * The next `count` free slot instants (epoch ms, ascending) at or after `from`, read in the
   * account's client's time zone: a slot on a spring-forward day whose wall time does not
   * exist moves forward by the gap (02:30 → 03:30 in Berlin; say so in `note`); a repeated
   * autumn wall time yields ONE instant (the earlier). A slot is free when no waiting
   * (scheduled / publishing) post of this account is at that instant and it is not in
   * `taken` (instants the caller has already handed out in the same batch).
   * An account without slots gives [].
   */
  nextFree(
    accountId: string,
    from: number,
    count: number,
    taken?: ReadonlySet<number>,
  ): Promise<FreeSlot[]>;
  /** Every free slot instant in [from, to), ascending, for the calendar's ghost cells. */
  freeInRange(accountId: string, from: number, to: number): Promise<FreeSlot[]>;
}

export const queueSlotLimits = {
  /** One every 15 minutes around the clock would be 672; nobody needs more. */
  perAccountMax: 672,
  nextFreeMax: 10_000,
  /** How far ahead nextFree looks before giving up (all slots taken). */
  horizonDays: 5 * 366,
  /** Longest range freeInRange answers (a calendar shows at most ~6 weeks). */
  rangeMaxDays: 62,
} as const;

const dayMs = 86_400_000;
const waiting = ['scheduled', 'publishing'] as const;

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

/** "Mon 09:00", for error messages. */
const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function validateSlots(
  slots: { weekday: number; minuteOfDay: number }[],
): { weekday: number; minuteOfDay: number }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  slots.forEach((slot, index) => {
    if (!Number.isInteger(slot.weekday) || slot.weekday < 0 || slot.weekday > 6) {
      issues.push({
        path: ['slots', index, 'weekday'],
        message: 'Use 0 (Monday) to 6 (Sunday).',
      });
    }
    if (!Number.isInteger(slot.minuteOfDay) || slot.minuteOfDay < 0 || slot.minuteOfDay > 1439) {
      issues.push({
        path: ['slots', index, 'minuteOfDay'],
        message: 'Use whole minutes after midnight, 0 (00:00) to 1439 (23:59).',
      });
    }
  });
  if (issues.length > 0) {
    throw failure('VALIDATION', `Slot times are not valid: ${issues[0]?.message ?? ''}`, {
      details: { issues },
    });
  }
  const unique = new Map<number, { weekday: number; minuteOfDay: number }>();
  for (const s of slots) unique.set(s.weekday * 1440 + s.minuteOfDay, s);
  if (unique.size > queueSlotLimits.perAccountMax) {
    throw failure(
      'VALIDATION',
      `An account can have at most ${String(queueSlotLimits.perAccountMax)} weekly slots (one every 15 minutes); remove some.`,
    );
  }
  return [...unique.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, s]) => ({ weekday: s.weekday, minuteOfDay: s.minuteOfDay }));
}

/** The instant of a slot's wall time on one date in `zone`, per [Note: slot wall times]. */
export function slotInstant(date: Temporal.PlainDate, minuteOfDay: number, zone: string): FreeSlot {
  const wall = date.toPlainDateTime({
    hour: Math.floor(minuteOfDay / 60),
    minute: minuteOfDay % 60,
  });
  const earlier = wall.toZonedDateTime(zone, { disambiguation: 'earlier' });
  if (Temporal.PlainDateTime.compare(earlier.toPlainDateTime(), wall) === 0) {
    return { at: earlier.epochMilliseconds };
  }
  // The wall time is in a gap: 'compatible' moves it forward by the gap's length.
  const moved = wall.toZonedDateTime(zone, { disambiguation: 'compatible' });
  const shownMoved = `${pad(moved.hour)}:${pad(moved.minute)}`;
  return {
    at: moved.epochMilliseconds,
    note:
      `${date.toString()} ${hhmm(minuteOfDay)} does not exist in ${zone} (the clocks go ` +
      `forward that night); this slot is at ${shownMoved} instead.`,
  };
}

/**
 * One day's slot instants, ascending and distinct: a slot moved out of a DST gap can land
 * on (or after) another slot of the same day, and then the unmoved one stands.
 */
function daySlots(date: Temporal.PlainDate, minutes: number[], zone: string): FreeSlot[] {
  const byInstant = new Map<number, FreeSlot>();
  for (const minute of minutes) {
    const slot = slotInstant(date, minute, zone);
    const seen = byInstant.get(slot.at);
    if (seen === undefined || seen.note !== undefined) byInstant.set(slot.at, slot);
  }
  return [...byInstant.values()].sort((a, b) => a.at - b.at);
}

export function createQueueSlots(
  db: Kysely<Schema>,
  ports: Pick<Ports, 'newId' | 'clock'>,
): QueueSlots {
  async function zoneOf(accountId: string): Promise<string> {
    const row = await db
      .selectFrom('social_accounts')
      .innerJoin('clients', 'clients.id', 'social_accounts.client_id')
      .select('clients.timezone')
      .where('social_accounts.id', '=', accountId)
      .executeTakeFirst();
    if (row === undefined) throw failure('NOT_FOUND', `No account has the id ${accountId}.`);
    return row.timezone;
  }

  async function list(accountId: string): Promise<QueueSlot[]> {
    const rows = await db
      .selectFrom('posting_slots')
      .select(['id', 'account_id', 'weekday', 'minute_of_day'])
      .where('account_id', '=', accountId)
      .orderBy('weekday')
      .orderBy('minute_of_day')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      weekday: r.weekday,
      minuteOfDay: r.minute_of_day,
    }));
  }

  /** Instants of this account's waiting posts in [from, to). */
  async function busyBetween(accountId: string, from: number, to: number): Promise<Set<number>> {
    const rows = await db
      .selectFrom('post_targets')
      .innerJoin('posts', 'posts.seq', 'post_targets.post_seq')
      .select('posts.scheduled_at')
      .where('post_targets.account_seq', '=', accountSeqOf(accountId))
      .where('post_targets.status', 'in', waiting)
      .where('posts.status', 'in', waiting)
      .where('posts.scheduled_at', '>=', from)
      .where('posts.scheduled_at', '<', to)
      .execute();
    return new Set(rows.flatMap((r) => (r.scheduled_at === null ? [] : [r.scheduled_at])));
  }

  /**
   * Walks slot instants day by day from the local date of `from`, calling `take` for each
   * free one at or after `from` until it returns false or `until` (an instant) is passed.
   */
  async function walk(
    accountId: string,
    from: number,
    until: number,
    take: (slot: FreeSlot) => boolean,
    taken?: ReadonlySet<number>,
  ): Promise<void> {
    const zone = await zoneOf(accountId);
    const slots = await list(accountId);
    if (slots.length === 0) return;
    const byWeekday: number[][] = [[], [], [], [], [], [], []];
    for (const s of slots) byWeekday[s.weekday]?.push(s.minuteOfDay);
    // Busy instants are read a window at a time so a long walk stays one query per month.
    const windowMs = 31 * dayMs;
    let busyTo = from;
    let busy = new Set<number>();
    let date = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(zone).toPlainDate();
    for (;;) {
      for (const slot of daySlots(date, byWeekday[date.dayOfWeek - 1] ?? [], zone)) {
        if (slot.at < from) continue;
        if (slot.at >= until) return;
        if (slot.at >= busyTo) {
          busyTo = Math.min(slot.at + windowMs, until);
          busy = await busyBetween(accountId, slot.at, busyTo);
        }
        if (busy.has(slot.at) || taken?.has(slot.at) === true) continue;
        if (!take(slot)) return;
      }
      date = date.add({ days: 1 });
    }
  }

  return {
    list,

    async replace(accountId, slots) {
      const clean = validateSlots(slots);
      await zoneOf(accountId);
      const now = ports.clock.now();
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('posting_slots').where('account_id', '=', accountId).execute();
        if (clean.length === 0) return;
        await trx
          .insertInto('posting_slots')
          .values(
            clean.map((s) => ({
              id: ports.newId(),
              account_id: accountId,
              weekday: s.weekday,
              minute_of_day: s.minuteOfDay,
              created_at: now,
            })),
          )
          .execute();
      });
      return list(accountId);
    },

    async nextFree(accountId, from, count, taken) {
      if (!Number.isSafeInteger(from)) {
        throw failure('VALIDATION', 'The start of the search must be an instant in epoch ms.');
      }
      if (!Number.isInteger(count) || count < 1 || count > queueSlotLimits.nextFreeMax) {
        throw failure(
          'VALIDATION',
          `Ask for 1 to ${String(queueSlotLimits.nextFreeMax)} free slots at a time.`,
        );
      }
      const found: FreeSlot[] = [];
      await walk(
        accountId,
        from,
        from + queueSlotLimits.horizonDays * dayMs,
        (slot) => found.push(slot) < count,
        taken,
      );
      return found;
    },

    async freeInRange(accountId, from, to) {
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) {
        throw failure('VALIDATION', 'A slot range needs from ≤ to, both instants in epoch ms.');
      }
      if (to - from > queueSlotLimits.rangeMaxDays * dayMs) {
        throw failure(
          'VALIDATION',
          `Ask for at most ${String(queueSlotLimits.rangeMaxDays)} days of free slots at a time.`,
        );
      }
      const found: FreeSlot[] = [];
      await walk(accountId, from, to, (slot) => {
        found.push(slot);
        return true;
      });
      return found;
    },
  };
}

/** "Mon 09:00" for a slot, for lists and messages. */
export function describeSlot(slot: { weekday: number; minuteOfDay: number }): string {
  return `${weekdayNames[slot.weekday] ?? '?'} ${hhmm(slot.minuteOfDay)}`;
}
