// Calendar arithmetic in one IANA zone (the one shown): which instants a month or week
// covers, which day an instant falls on, and the instant of a wall time. Everything goes
// through Temporal with the real zone rules, so a DST day is 23 or 25 hours long.
import { Temporal } from 'temporal-polyfill';

export type View = 'month' | 'week' | 'list';

/** A day as `YYYY-MM-DD`. */
export type DayKey = string;

export const minutesPerSlot = 15;

/** How many months the list view (the agenda) covers from the month shown. */
export const listMonths = 12;

export function todayIn(zone: string, now: number): DayKey {
  return Temporal.Instant.fromEpochMilliseconds(now)
    .toZonedDateTimeISO(zone)
    .toPlainDate()
    .toString();
}

/** The first instant of a day in `zone` (midnight, or the first minute after a midnight gap). */
export function startOfDay(day: DayKey, zone: string): number {
  return Temporal.PlainDate.from(day).toZonedDateTime({ timeZone: zone }).epochMilliseconds;
}

export function addDays(day: DayKey, days: number): DayKey {
  return Temporal.PlainDate.from(day).add({ days }).toString();
}

export function addMonths(day: DayKey, months: number): DayKey {
  return Temporal.PlainDate.from(day)
    .toPlainYearMonth()
    .add({ months })
    .toPlainDate({ day: 1 })
    .toString();
}

/** Monday of the week holding `day`. */
export function weekStart(day: DayKey): DayKey {
  const date = Temporal.PlainDate.from(day);
  return date.subtract({ days: date.dayOfWeek - 1 }).toString();
}

export interface Span {
  /** The days drawn, in order. */
  days: DayKey[];
  /** The instants whose posts are fetched: [from, to). */
  from: number;
  to: number;
  /** The month shown (month view), for dimming the days around it. */
  month?: string;
}

/**
 * What a view covers. The month view draws whole weeks (Monday first) but fetches only the
 * month itself: the days around it are shown dimmed and empty, so one month is one query.
 */
export function spanOf(view: View, anchor: DayKey, zone: string): Span {
  if (view === 'week') {
    const first = weekStart(anchor);
    const days = Array.from({ length: 7 }, (_, i) => addDays(first, i));
    return { days, from: startOfDay(first, zone), to: startOfDay(addDays(first, 7), zone) };
  }
  const month = Temporal.PlainDate.from(anchor).toPlainYearMonth();
  const firstOfMonth = month.toPlainDate({ day: 1 });
  const next = month.add({ months: 1 }).toPlainDate({ day: 1 });
  const from = startOfDay(firstOfMonth.toString(), zone);
  const to = startOfDay(next.toString(), zone);
  if (view === 'list') {
    // The agenda reads a year on from the month shown, drawn a screenful at a time.
    const end = month.add({ months: listMonths }).toPlainDate({ day: 1 });
    const length = firstOfMonth.until(end).days;
    const days = Array.from({ length }, (_, i) => firstOfMonth.add({ days: i }).toString());
    return { days, from, to: startOfDay(end.toString(), zone), month: month.toString() };
  }
  const gridStart = weekStart(firstOfMonth.toString());
  const lastDay = next.subtract({ days: 1 });
  const gridEnd = Temporal.PlainDate.from(weekStart(lastDay.toString())).add({ days: 7 });
  const length = Temporal.PlainDate.from(gridStart).until(gridEnd).days;
  const days = Array.from({ length }, (_, i) => addDays(gridStart, i));
  return { days, from, to, month: month.toString() };
}

/** Splits instants into days of `zone` quickly: one Temporal call per day, not per post. */
export function dayBoundaries(days: DayKey[], zone: string): number[] {
  const bounds = days.map((d) => startOfDay(d, zone));
  const last = days[days.length - 1];
  if (last !== undefined) bounds.push(startOfDay(addDays(last, 1), zone));
  return bounds;
}

/** Index of the day holding `at` among `bounds` (from dayBoundaries), or -1. */
export function dayIndexOf(at: number, bounds: number[]): number {
  let lo = 0;
  let hi = bounds.length - 2;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = bounds[mid] ?? 0;
    const end = bounds[mid + 1] ?? 0;
    if (at < start) hi = mid - 1;
    else if (at >= end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * Wall-clock minutes after midnight of an instant on a day given by its bounds: plain
 * subtraction on ordinary days, Temporal on the two days a year whose length is not 24 h.
 */
export function minuteInDay(at: number, dayStart: number, dayEnd: number, zone: string): number {
  if (dayEnd - dayStart === 86_400_000) return Math.floor((at - dayStart) / 60_000);
  return minuteOfDay(at, zone);
}

/** Minutes after the day's midnight by the wall clock (09:30 → 570), in `zone`. */
export function minuteOfDay(at: number, zone: string): number {
  const z = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone);
  return z.hour * 60 + z.minute;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: DayKey, to: DayKey): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to)).days;
}

/**
 * [Note: a day move keeps the post's wall time] A post moved by whole days (the month
 * view: a drop on another day, or the arrow keys) keeps its wall time in its own zone,
 * not in the calendar's: 09:00 in New York stays 09:00 in New York when the calendar shows
 * London and the two zones change their clocks on different dates (US in March three weeks
 * before Europe: a week's move across that gap kept London's 14:00, which is 10:00 in New
 * York). A wall time the clocks skip on the new day is refused as wallInstant refuses it.
 */
export function movedByDays(at: number, days: number, postZone: string): WallInstant {
  const wall = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(postZone);
  return wallInstant(
    wall.toPlainDate().add({ days }).toString(),
    wall.hour * 60 + wall.minute,
    postZone,
  );
}

/**
 * Where a post dropped on `day` of the month view lands ([Note: a day move keeps the post's
 * wall time]); null when that is its own day (nothing to move). The days are counted in
 * the calendar's zone and added to the post's date in its own, which can land a day off
 * the drop when the two zones' offsets change apart (a New York evening shown after
 * midnight in London): then the neighbouring day that lands on the drop is taken.
 */
export function movedToDay(
  at: number,
  day: DayKey,
  shownZone: string,
  postZone: string,
): WallInstant | null {
  const days = daysBetween(todayIn(shownZone, at), day);
  if (days === 0) return null;
  const tries = [days, days - 1, days + 1].map((shift) => movedByDays(at, shift, postZone));
  return tries.find((t) => t.ok && todayIn(shownZone, t.at) === day) ?? tries[0] ?? null;
}

export type WallInstant =
  { ok: true; at: number } | { ok: false; reason: 'nonexistent'; message: string };

/**
 * The instant of a wall time in `zone`. A time the clocks skip is refused with a sentence;
 * a repeated one (autumn) takes its first occurrence, as the queue does.
 */
export function wallInstant(day: DayKey, minute: number, zone: string): WallInstant {
  const wall = Temporal.PlainDate.from(day).toPlainDateTime({
    hour: Math.floor(minute / 60),
    minute: minute % 60,
  });
  const z = wall.toZonedDateTime(zone, { disambiguation: 'earlier' });
  if (Temporal.PlainDateTime.compare(z.toPlainDateTime(), wall) === 0) {
    return { ok: true, at: z.epochMilliseconds };
  }
  return {
    ok: false,
    reason: 'nonexistent',
    message: `${day} ${hhmm(minute)} does not exist in ${zone}: the clocks go forward that night. Drop it an hour later or earlier.`,
  };
}

export const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Dates in the user's locale (`locale` undefined), like the rest of the app; tests pass one. */
function formatter(
  key: string,
  zone: string,
  options: Intl.DateTimeFormatOptions,
  locale?: string,
) {
  const id = `${key}|${zone}|${locale ?? ''}`;
  let f = formatters.get(id);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(locale, { timeZone: zone, ...options });
    formatters.set(id, f);
  }
  return f;
}

/** Monday first, in the app's words: the month grid's heads and the week's columns. */
export const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

const noonOf = (day: DayKey) => Date.parse(`${day}T12:00:00Z`);

/** `3 Dec 2026`, and ranges of such days, for day keys. */
const shortDate = (locale?: string) =>
  formatter('date', 'UTC', { day: 'numeric', month: 'short', year: 'numeric' }, locale);

/** `09:30` in `zone`. */
export function timeIn(at: number, zone: string): string {
  return formatter('time', zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    at,
  );
}

/** `Tue 3 Dec 2026, 09:30` in `zone`. */
export function dateTimeIn(at: number, zone: string): string {
  return formatter('datetime', zone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** `Tuesday 3 December` for a day key (no zone needed: it is a date). */
export function longDay(day: DayKey): string {
  return formatter('longday', 'UTC', { weekday: 'long', day: 'numeric', month: 'long' }).format(
    noonOf(day),
  );
}

/** `December 2026` for the title. */
export function monthTitle(day: DayKey): string {
  return formatter('month', 'UTC', { month: 'long', year: 'numeric' }).format(noonOf(day));
}

/**
 * `Mon 3` for a week column head: the month grid's weekday names, then the day. Not Intl's
 * weekday-and-day, which in American English reads "3 Mon".
 */
export function shortDay(day: DayKey): string {
  const date = Temporal.PlainDate.from(day);
  return `${weekdays[date.dayOfWeek - 1] ?? ''} ${String(date.day)}`;
}

/**
 * The week view's title for the week from `first` (a Monday) to the Sunday after, naming
 * each month and year it spans: `7–13 Dec 2026`, `30 Nov – 6 Dec 2026`,
 * `28 Dec 2026 – 3 Jan 2027` (in British English; the user's locale orders them its way).
 */
export function weekTitle(first: DayKey, locale?: string): string {
  return shortDate(locale).formatRange(noonOf(first), noonOf(addDays(first, 6)));
}

/**
 * A campaign's days for people: `1–31 Dec 2026`, `from 1 Dec 2026`, `until 31 Dec 2026` or
 * `no dates` (in British English; the user's locale writes the dates its way).
 */
export function campaignDates(
  startsOn: DayKey | null,
  endsOn: DayKey | null,
  locale?: string,
): string {
  const f = shortDate(locale);
  if (startsOn !== null && endsOn !== null) return f.formatRange(noonOf(startsOn), noonOf(endsOn));
  if (startsOn !== null) return `from ${f.format(noonOf(startsOn))}`;
  if (endsOn !== null) return `until ${f.format(noonOf(endsOn))}`;
  return 'no dates';
}

/** ISO 8601 with the zone's offset, e.g. 2026-12-03T09:00+01:00, for the composer link. */
export function isoWithOffset(at: number, zone: string): string {
  const z = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone);
  return `${z.toPlainDate().toString()}T${hhmm(z.hour * 60 + z.minute)}${z.offset}`;
}
