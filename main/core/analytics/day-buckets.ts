// Calendar days of a range in a client's time zone (DST-correct) and the weekday/hour
// of an instant there, for the dashboard's daily series and best-times heatmap.
import { Temporal } from 'temporal-polyfill';

export interface DayBucket {
  day: string;
  start: number;
}

/** The zone's days that overlap [from, to), each with its first instant. */
export function daysOf(from: number, to: number, timezone: string): DayBucket[] {
  const days: DayBucket[] = [];
  let date = Temporal.Instant.fromEpochMilliseconds(from)
    .toZonedDateTimeISO(timezone)
    .toPlainDate();
  for (;;) {
    const start = date.toZonedDateTime({ timeZone: timezone }).epochMilliseconds;
    if (start >= to) break;
    days.push({ day: date.toString(), start });
    date = date.add({ days: 1 });
  }
  return days;
}

/** Index of the bucket holding `at` (buckets sorted by start), or -1 before the first. */
export function bucketIndex(buckets: DayBucket[], at: number): number {
  let lo = 0;
  let hi = buckets.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((buckets[mid]?.start ?? Infinity) <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const weekdays: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** Weekday (0 = Monday) and hour of instants in one zone; one formatter for many calls. */
export function weekdayHourIn(timezone: string): (at: number) => { weekday: number; hour: number } {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    weekday: 'short',
    hour: 'numeric',
    hourCycle: 'h23',
  });
  return (at) => {
    let weekday = 0;
    let hour = 0;
    for (const part of format.formatToParts(at)) {
      if (part.type === 'weekday') weekday = weekdays[part.value] ?? 0;
      else if (part.type === 'hour') hour = Number(part.value) % 24;
    }
    return { weekday, hour };
  };
}

export interface OffsetSpan {
  start: number;
  end: number;
  /** The zone's UTC offset throughout [start, end), in ms. */
  offsetMs: number;
}

/**
 * [from, to) cut where the zone's UTC offset changes (DST), so an instant's local weekday
 * and hour are plain arithmetic within each span (a query can group by them).
 */
export function offsetSpans(from: number, to: number, timezone: string): OffsetSpan[] {
  const spans: OffsetSpan[] = [];
  let at = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(timezone);
  while (at.epochMilliseconds < to) {
    const next = at.getTimeZoneTransition('next');
    const end = next === null ? to : Math.min(to, next.epochMilliseconds);
    spans.push({ start: at.epochMilliseconds, end, offsetMs: at.offsetNanoseconds / 1e6 });
    if (next === null) break;
    at = next;
  }
  return spans;
}
