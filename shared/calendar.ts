// The calendar's DTOs and input rules: compact posts for month/week/list views, campaigns
// (a client's named, coloured date range) and weekly queue slots. Instants are epoch ms;
// campaign dates are plain calendar dates (YYYY-MM-DD) in the client's zone.
import { z } from 'zod';
import { epochInstant } from './instant.ts';
import { lazySchema } from './lazy-schema.ts';
import { accountId } from './accounts.ts';
import { clientColor, clientId } from './clients.ts';
import { postId, postStatuses, type PostStatus } from './posts.ts';

/** One post as the calendar draws it: just what a chip, a hover card and a filter need. */
export interface CalendarItem {
  id: string;
  clientId: string;
  /** The client's colour, #rrggbb. */
  color: string;
  campaignId: string | null;
  status: PostStatus;
  /** Epoch ms. */
  at: number;
  /**
   * The zone it was scheduled in (its client's, or one chosen for it): moved to another day
   * in the month view it keeps its wall time there, whatever zone the calendar shows.
   */
  timezone: string;
  /** The first line of the first part, at most 140 characters. */
  firstLine: string;
  /** How many parts the thread has (1 for a single post). */
  parts: number;
  /** The accounts it goes to, by handle. */
  accounts: { id: string; handle: string }[];
  /** A network holds it until its time (hand-off): it goes out without Starling. */
  held: boolean;
  /**
   * Retrying through an outage or a rate limit, in the publisher's words ("waiting for X
   * to recover", shared/waiting-for.ts); null otherwise.
   */
  waiting: string | null;
  /** Its client requires approval and this version of it is not approved (issue 17). */
  needsApproval: boolean;
}

export interface CalendarRange {
  items: CalendarItem[];
  /** True when more than `calendarLimits.itemsMax` posts matched; the rest are not sent. */
  truncated: boolean;
}

/**
 * `calendar:days`: what the month view draws. [Note: a day's first posts] A cell shows a
 * handful of chips and "+N more", so the month asks for each day's first posts and how
 * many the day holds, not for every post: at 1,000,000 posts a month holds ~16,000, and
 * a range capped at 10,000 left a busy month's last days empty.
 */
export interface CalendarDays {
  /** The first `perDay` posts of each day (by time, then id), all days in time order. */
  items: CalendarItem[];
  /** How many posts each day holds: one count per pair of neighbouring bounds. */
  counts: number[];
}

export interface Campaign {
  id: string;
  clientId: string;
  name: string;
  color: string;
  /** First day, YYYY-MM-DD in the client's zone; null for open-ended. */
  startsOn: string | null;
  /** Last day (inclusive), YYYY-MM-DD; null for open-ended. */
  endsOn: string | null;
  archivedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface QueueSlotView {
  id: string;
  accountId: string;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** Minutes after local midnight in the client's zone. */
  minuteOfDay: number;
}

/** A free queue slot (a ghost cell): an instant an account's week offers and nothing holds. */
export interface FreeSlotView {
  accountId: string;
  at: number;
  /** Set when the wall time did not exist that day (spring forward) and the slot moved. */
  note?: string;
}

export const calendarLimits = {
  /** A month view over all clients: ~4,000 posts in the benchmark's busiest months. */
  itemsMax: 10_000,
  /** The widest range one call may ask for (six weeks plus zone slack). */
  rangeMaxDays: 62,
  /** The most days one `calendar:day-counts` call may count: a year and a month. */
  countDaysMax: 400,
  /** The most days one `calendar:days` call may ask for: a month grid is at most 42. */
  daysMax: 62,
  /** The most posts `calendar:days` sends of each day. */
  perDayMax: 50,
  campaignNameMax: 80,
  slotsMax: 672,
} as const;

/**
 * Chips a month cell draws before "+N more", and so the posts of each day the month view
 * asks `calendar:days` for: a cell of a small laptop shows about this many.
 */
export const monthChipsPerDay = 8;

const dayMs = 86_400_000;

const instant = lazySchema(() => epochInstant());

const campaignId = lazySchema(() =>
  z.string({ error: 'Campaign id must be text.' }).min(1, 'Campaign id cannot be empty.').max(64),
);

const statusEnum = lazySchema(() =>
  z.enum(postStatuses, {
    error: `Status must be one of ${postStatuses.join(', ')}.`,
  }),
);

const rangeInOrder = (i: { from: number; to: number }) => i.from <= i.to;
const rangeOrderMessage = { message: '"from" must not be after "to".', path: ['to'] };
const rangeNotTooLong = (i: { from: number; to: number }) =>
  i.to - i.from <= calendarLimits.rangeMaxDays * dayMs;
const rangeLengthMessage = {
  message: `Ask for at most ${String(calendarLimits.rangeMaxDays)} days at a time.`,
  path: ['to'],
};

/**
 * The filters `calendar:range`, `calendar:day-counts` and `calendar:days` share, spread
 * into each one's object so that they filter alike.
 */
const calendarFilters = lazySchema(() =>
  z.strictObject({
    clientId: clientId.optional(),
    accountId: accountId.optional(),
    campaignId: campaignId.optional(),
    /** Any of these statuses (none given: all). */
    statuses: z.array(statusEnum).min(1).max(postStatuses.length).optional(),
    /** Only posts that need their client's approval (issue 17). */
    needsApproval: z.boolean({ error: 'needsApproval must be true or false.' }).optional(),
  }),
);

/** `calendar:range`: posts with from ≤ scheduled time < to, optionally filtered. */
export const calendarRangeInput = lazySchema(() =>
  z
    .strictObject({ from: instant, to: instant, ...calendarFilters.shape })
    .refine(rangeInOrder, rangeOrderMessage)
    .refine(rangeNotTooLong, rangeLengthMessage),
);
export type CalendarRangeInput = z.input<typeof calendarRangeInput>;

/** Each day's first instant and the end of the last day: at least one day, `daysMax` at most. */
const dayBounds = (daysMax: number, tooMany: string) =>
  z
    .array(instant)
    .min(2, 'Give at least one day: its start and its end.')
    .max(daysMax + 1, tooMany);
const boundsAscending = (i: { bounds: number[] }) =>
  i.bounds.every((b, k) => k === 0 || b > (i.bounds[k - 1] ?? b));
const boundsOrderMessage = { message: 'Day bounds must be in ascending order.', path: ['bounds'] };

/**
 * `calendar:day-counts`: how many posts each day holds, for a list that sizes a year before
 * it reads any post. `bounds` are the days' first instants in the zone shown, ascending,
 * plus the end of the last day; the filters are those of `calendar:range`.
 */
export const calendarDayCountsInput = lazySchema(() =>
  z
    .strictObject({
      bounds: dayBounds(
        calendarLimits.countDaysMax,
        `Count at most ${String(calendarLimits.countDaysMax)} days at a time.`,
      ),
      ...calendarFilters.shape,
    })
    .refine(boundsAscending, boundsOrderMessage),
);
export type CalendarDayCountsInput = z.input<typeof calendarDayCountsInput>;

/**
 * `calendar:days`: the first `perDay` posts of each day and each day's count, for the
 * month view. `bounds` as for `calendar:day-counts` (each day's first instant in the zone
 * shown, so a 23- or 25-hour day is one day), spanning at most `rangeMaxDays`.
 */
export const calendarDaysInput = lazySchema(() =>
  z
    .strictObject({
      bounds: dayBounds(
        calendarLimits.daysMax,
        `Ask for at most ${String(calendarLimits.daysMax)} days at a time.`,
      ),
      perDay: z
        .number({ error: 'perDay must be a number.' })
        .int('perDay must be a whole number.')
        .min(1, 'Ask for at least one post a day.')
        .max(
          calendarLimits.perDayMax,
          `Ask for at most ${String(calendarLimits.perDayMax)} posts a day.`,
        ),
      ...calendarFilters.shape,
    })
    .refine(boundsAscending, boundsOrderMessage)
    .refine(
      (i) =>
        (i.bounds[i.bounds.length - 1] ?? 0) - (i.bounds[0] ?? 0) <=
        calendarLimits.rangeMaxDays * dayMs,
      rangeLengthMessage,
    ),
);
export type CalendarDaysInput = z.input<typeof calendarDaysInput>;

/** `calendar:free-slots`: ghost cells for the active accounts matching the filter. */
export const freeSlotsInput = lazySchema(() =>
  z
    .strictObject({
      from: instant,
      to: instant,
      clientId: clientId.optional(),
      accountId: accountId.optional(),
    })
    .refine(rangeInOrder, rangeOrderMessage)
    .refine(rangeNotTooLong, rangeLengthMessage),
);

const isoDate = lazySchema(() =>
  z
    .string({ error: 'A date must be text like 2026-12-01.' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-01.')
    .refine(
      (d) =>
        !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
        new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
      {
        message: 'This is not a real date.',
      },
    ),
);

const campaignName = lazySchema(() =>
  z
    .string({ error: 'Name must be text.' })
    .trim()
    .min(1, 'Name cannot be empty.')
    .max(
      calendarLimits.campaignNameMax,
      `Name must be at most ${String(calendarLimits.campaignNameMax)} characters.`,
    ),
);

const datesInOrder = (i: {
  startsOn?: string | null | undefined;
  endsOn?: string | null | undefined;
}) => i.startsOn == null || i.endsOn == null || i.startsOn <= i.endsOn;
const datesMessage = { message: 'The campaign cannot end before it starts.', path: ['endsOn'] };

export const campaignCreateInput = lazySchema(() =>
  z
    .strictObject({
      clientId,
      name: campaignName,
      color: clientColor.optional(),
      startsOn: isoDate.nullable().optional(),
      endsOn: isoDate.nullable().optional(),
    })
    .refine(datesInOrder, datesMessage),
);
export type CampaignCreateInput = z.input<typeof campaignCreateInput>;

export const campaignUpdateInput = lazySchema(() =>
  z
    .strictObject({
      id: campaignId,
      name: campaignName.optional(),
      color: clientColor.optional(),
      startsOn: isoDate.nullable().optional(),
      endsOn: isoDate.nullable().optional(),
    })
    .refine(datesInOrder, datesMessage),
);
export type CampaignUpdateInput = z.input<typeof campaignUpdateInput>;

export const campaignsListInput = lazySchema(() =>
  z.strictObject({
    clientId: clientId.optional(),
    includeArchived: z.boolean().optional(),
  }),
);

export const campaignIdInput = lazySchema(() => z.strictObject({ id: campaignId }));

/** Put a post in a campaign of its client, or take it out (null). */
export const postCampaignInput = lazySchema(() =>
  z.strictObject({ postId, campaignId: campaignId.nullable() }),
);

export const slotsReplaceInput = lazySchema(() =>
  z.strictObject({
    accountId,
    slots: z
      .array(
        z.strictObject({
          weekday: z
            .number({ error: 'Weekday must be a number.' })
            .int()
            .min(0, 'Use 0 (Monday) to 6 (Sunday).')
            .max(6, 'Use 0 (Monday) to 6 (Sunday).'),
          minuteOfDay: z
            .number({ error: 'Minute of day must be a number.' })
            .int('Use whole minutes.')
            .min(0, 'Use minutes after midnight, 0 to 1439.')
            .max(1439, 'Use minutes after midnight, 0 to 1439.'),
        }),
      )
      .max(calendarLimits.slotsMax, `At most ${String(calendarLimits.slotsMax)} slots a week.`),
  }),
);

export const slotsListInput = lazySchema(() => z.strictObject({ accountId }));

/** "Mon" … "Sun" for weekday 0 … 6. */
export const weekdayShort = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
