// Reading "when" for a schedule: an exact instant (ISO 8601 with an offset or Z), or a
// wall time read in an IANA zone. [Note: DST wall times] A wall time that a DST change
// skips or repeats is refused with the choices named, never silently shifted: "02:30" on
// the night the clocks jump is not a time anyone can mean without saying which.
import { Temporal } from 'temporal-polyfill';
import { failure } from './result.ts';
import { isValidTimeZone } from './time-zones.ts';

export interface ScheduleTime {
  /** Epoch ms UTC. */
  instant: number;
  /** The IANA zone the time is shown and kept in. */
  zone: string;
  /** The wall time in `zone`, `YYYY-MM-DDTHH:mm`. */
  localTime: string;
}

const wallTimePattern = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const offsetPattern = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

const pad = (n: number) => String(n).padStart(2, '0');

const hhmm = (t: { hour: number; minute: number }) => `${pad(t.hour)}:${pad(t.minute)}`;

/** `YYYY-MM-DDTHH:mm` of a wall time. */
export function formatLocalTime(t: Temporal.PlainDateTime | Temporal.ZonedDateTime): string {
  return `${t.toPlainDate().toString()}T${hhmm(t)}`;
}

/** The wall time of an instant in a zone, `YYYY-MM-DDTHH:mm`. */
export function localTimeOf(instant: number, zone: string): string {
  return formatLocalTime(Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone));
}

/**
 * A schedule at an instant, shown in `zone`. Refused past the year 9999 there: its wall
 * time would need more than four digits of year (Temporal writes +010000-01-01), which
 * nothing that reads a post's local time expects.
 */
export function scheduleTimeAt(instant: number, zone: string): ScheduleTime {
  const zoned = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone);
  if (zoned.year > 9999) {
    throw failure('VALIDATION', `A post's time must be before the year 10000 in ${zone}.`);
  }
  return { instant, zone, localTime: formatLocalTime(zoned) };
}

/** The UTC offset as written in ISO 8601, e.g. +02:00 or +10:30. */
const offsetText = (zdt: Temporal.ZonedDateTime): string => zdt.offset;

const abbreviationLocales = ['en-US', 'en-GB', 'en-AU', 'en-IN'];

/** A zone abbreviation people know (CEST, EDT, LHDT), or null when ICU has only GMT+n. */
function abbreviation(zdt: Temporal.ZonedDateTime): string | null {
  for (const locale of abbreviationLocales) {
    const name = new Intl.DateTimeFormat(locale, {
      timeZone: zdt.timeZoneId,
      timeZoneName: 'short',
    })
      .formatToParts(zdt.epochMilliseconds)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (name !== undefined && !/^(GMT|UTC)/.test(name)) return name;
  }
  return null;
}

function checkZone(zone: string): void {
  if (!isValidTimeZone(zone)) {
    throw failure(
      'VALIDATION',
      `Unknown time zone: ${zone}. Use an IANA name such as Europe/Berlin or America/New_York.`,
    );
  }
}

/** Whether `text` is a wall time `YYYY-MM-DDTHH:mm` that a calendar has (no 2026-02-30). */
export function isRealWallTime(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text)) return false;
  try {
    Temporal.PlainDateTime.from(text, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

function plainDateTime(date: string, time: string, input: string): Temporal.PlainDateTime {
  try {
    return Temporal.PlainDateTime.from(`${date}T${time}`, { overflow: 'reject' });
  } catch {
    throw failure('VALIDATION', `${input} is not a real date and time.`);
  }
}

/**
 * Reads a wall time in `zone`, refusing one that does not exist or happens twice there.
 * The refusal's `details.choices` holds exact ISO times the user can pick instead.
 */
function zonedWallTime(wall: Temporal.PlainDateTime, zone: string): Temporal.ZonedDateTime {
  const earlier = wall.toZonedDateTime(zone, { disambiguation: 'earlier' });
  const later = wall.toZonedDateTime(zone, { disambiguation: 'later' });
  if (earlier.epochNanoseconds === later.epochNanoseconds) return earlier;
  const shown = `${wall.toPlainDate().toString()} ${hhmm(wall)}`;
  const exists = Temporal.PlainDateTime.compare(earlier.toPlainDateTime(), wall) === 0;
  if (!exists) {
    // In a gap, 'earlier' lands before the jump and 'later' after it (the same distance).
    const jump = earlier.getTimeZoneTransition('next') ?? later;
    const before = jump.subtract({ nanoseconds: 1 });
    const from = hhmm(
      jump
        .toPlainDateTime()
        .subtract({ nanoseconds: jump.offsetNanoseconds - before.offsetNanoseconds }),
    );
    const choices = [later, earlier].map((z) => `${formatLocalTime(z)}${offsetText(z)}`);
    throw failure(
      'VALIDATION',
      `${shown} does not exist in ${zone} (clocks jump from ${from} to ${hhmm(jump)}). ` +
        `Use ${choices[0] ?? ''} or ${choices[1] ?? ''}, or pick another time.`,
      { details: { reason: 'nonexistent', choices } },
    );
  }
  const name = (z: Temporal.ZonedDateTime, nth: string) => {
    const abbr = abbreviation(z);
    return `${offsetText(z)} (${nth}${abbr === null ? '' : `, ${abbr}`})`;
  };
  const choices = [earlier, later].map((z) => `${formatLocalTime(z)}${offsetText(z)}`);
  throw failure(
    'VALIDATION',
    `${shown} happens twice in ${zone}: add ${name(earlier, 'first')} or ${name(later, 'second')}.`,
    { details: { reason: 'ambiguous', choices } },
  );
}

/**
 * Parses a schedule time. `input` is ISO 8601 with an offset or Z (an exact instant; `zone`
 * is kept for display) or a wall time `YYYY-MM-DDTHH:mm` / `YYYY-MM-DD HH:mm` read in
 * `zone`. Throws a VALIDATION AppFailure with a sentence a person can act on.
 */
export function parseWhen(input: string, zone: string): ScheduleTime {
  checkZone(zone);
  const text = input.trim();
  const wall = wallTimePattern.exec(text);
  if (wall !== null) {
    const zdt = zonedWallTime(plainDateTime(wall[1] ?? '', wall[2] ?? '', text), zone);
    return { instant: zdt.epochMilliseconds, zone, localTime: formatLocalTime(zdt) };
  }
  if (offsetPattern.test(text) && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) {
    let instant: Temporal.Instant;
    try {
      instant = Temporal.Instant.from(text.replace(' ', 'T'));
    } catch {
      throw failure('VALIDATION', `${text} is not a real date and time.`);
    }
    return scheduleTimeAt(instant.epochMilliseconds, zone);
  }
  throw failure(
    'VALIDATION',
    `Cannot read the time "${text}": use YYYY-MM-DD HH:mm (in ${zone}) or ISO 8601 with an offset, e.g. 2026-03-30T09:00+02:00.`,
  );
}

/**
 * A range bound for lists: a date (its first moment, or for `end` the first moment of the
 * next day), a wall time in `zone` (a DST gap moves forward; nobody is hurt by a list
 * bound), or ISO with an offset.
 */
export function parseRangeBound(input: string, zone: string, edge: 'start' | 'end'): number {
  checkZone(zone);
  const text = input.trim();
  if (datePattern.test(text)) {
    let date: Temporal.PlainDate;
    try {
      date = Temporal.PlainDate.from(text, { overflow: 'reject' });
    } catch {
      throw failure('VALIDATION', `${text} is not a real date.`);
    }
    const day = edge === 'end' ? date.add({ days: 1 }) : date;
    return day.toZonedDateTime({ timeZone: zone }).epochMilliseconds;
  }
  const wall = wallTimePattern.exec(text);
  if (wall !== null) {
    return plainDateTime(wall[1] ?? '', wall[2] ?? '', text).toZonedDateTime(zone, {
      disambiguation: 'compatible',
    }).epochMilliseconds;
  }
  return parseWhen(text, zone).instant;
}
