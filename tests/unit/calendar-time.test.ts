// The calendar's day arithmetic with real IANA zones: the spans of month and week views,
// days of 23 and 25 hours, instants sorted into days, and wall times the clocks skip; and
// the week view's title and column heads, and a campaign's dates.
import { describe, expect, it } from 'vitest';
import {
  campaignDates,
  dayBoundaries,
  dayIndexOf,
  daysBetween,
  minuteInDay,
  movedByDays,
  movedToDay,
  shortDay,
  spanOf,
  wallInstant,
  weekStart,
  weekTitle,
} from '../../renderer/src/features/calendar/calendar-time.ts';

describe('calendar spans', () => {
  it('fetches exactly the month but draws whole Monday-first weeks', () => {
    const span = spanOf('month', '2027-03-15', 'Europe/Berlin');
    expect(span.from).toBe(Date.UTC(2027, 1, 28, 23)); // 1 March 00:00 CET
    expect(span.to).toBe(Date.UTC(2027, 2, 31, 22)); // 1 April 00:00 CEST
    expect(span.days[0]).toBe('2027-03-01'); // a Monday
    expect(span.days.at(-1)).toBe('2027-04-04');
    expect(span.days).toHaveLength(35);
  });

  it('gives a week of seven days from Monday, 167 hours long over the spring change', () => {
    expect(weekStart('2027-03-28')).toBe('2027-03-22');
    const span = spanOf('week', '2027-03-25', 'Europe/Berlin');
    expect(span.days).toEqual([
      '2027-03-22',
      '2027-03-23',
      '2027-03-24',
      '2027-03-25',
      '2027-03-26',
      '2027-03-27',
      '2027-03-28',
    ]);
    expect(span.to - span.from).toBe(167 * 3_600_000);
  });

  it('lists a year of days from the month shown in the agenda', () => {
    const { days } = spanOf('list', '2026-02-10', 'America/New_York');
    expect(days).toHaveLength(365);
    expect([days[0], days.at(-1)]).toEqual(['2026-02-01', '2027-01-31']);
  });
});

describe('placing instants on days', () => {
  it('sorts instants into days of the zone, including 23- and 25-hour days', () => {
    const days = ['2026-10-24', '2026-10-25', '2026-10-26'];
    const bounds = dayBoundaries(days, 'Europe/Berlin');
    const b = (i: number) => bounds[i] ?? Number.NaN;
    expect(b(2) - b(1)).toBe(25 * 3_600_000);
    // 23:30 on the long day (after the clocks went back) is still that day.
    const lateOnLongDay = Date.UTC(2026, 9, 25, 22, 30);
    expect(dayIndexOf(lateOnLongDay, bounds)).toBe(1);
    expect(minuteInDay(lateOnLongDay, b(1), b(2), 'Europe/Berlin')).toBe(23 * 60 + 30);
    // Ordinary day: plain subtraction.
    const nine = Date.UTC(2026, 9, 26, 8, 0);
    expect(minuteInDay(nine, b(2), b(3), 'Europe/Berlin')).toBe(9 * 60);
    expect(dayIndexOf(Date.UTC(2026, 9, 20), bounds)).toBe(-1);
  });

  it('reads 09:00 New York in the New York zone on both sides of its spring change', () => {
    const days = ['2027-03-13', '2027-03-14', '2027-03-15'];
    const bounds = dayBoundaries(days, 'America/New_York');
    const b = (i: number) => bounds[i] ?? Number.NaN;
    const before = Date.UTC(2027, 2, 13, 14, 0); // 09:00 EST
    const after = Date.UTC(2027, 2, 15, 13, 0); // 09:00 EDT
    expect(minuteInDay(before, b(0), b(1), 'America/New_York')).toBe(540);
    expect(minuteInDay(after, b(2), b(3), 'America/New_York')).toBe(540);
  });
});

describe('dropping on a wall time', () => {
  it('refuses a time the clocks skip, saying so', () => {
    const gap = wallInstant('2027-03-28', 2 * 60 + 30, 'Europe/Berlin');
    expect(gap).toMatchObject({ ok: false, reason: 'nonexistent' });
    expect(gap.ok ? '' : gap.message).toContain('2027-03-28 02:30 does not exist in Europe/Berlin');
  });

  it('takes the first of a repeated autumn time, and ordinary times as they are', () => {
    expect(wallInstant('2027-10-31', 2 * 60 + 30, 'Europe/Berlin')).toEqual({
      ok: true,
      at: Date.UTC(2027, 9, 31, 0, 30),
    });
    expect(wallInstant('2027-11-07', 11 * 60, 'America/New_York')).toEqual({
      ok: true,
      at: Date.UTC(2027, 10, 7, 16, 0),
    });
  });
});

describe('moving a post by days (the month view)', () => {
  it('keeps its wall time in its own zone across a change the calendar’s zone does not make', () => {
    // 09:00 in New York on Thursday 5 March 2026 is 14:00 in London. New York goes to
    // summer time on the 8th, London on the 29th: a week later 09:00 New York is 13:00 UTC.
    const at = Date.UTC(2026, 2, 5, 14);
    expect(daysBetween('2026-03-05', '2026-03-12')).toBe(7);
    expect(movedByDays(at, 7, 'America/New_York')).toEqual({
      ok: true,
      at: Date.UTC(2026, 2, 12, 13),
    });
    // Keeping London's 14:00 instead would have made it 10:00 in New York.
    expect(wallInstant('2026-03-12', 14 * 60, 'Europe/London')).toEqual({
      ok: true,
      at: Date.UTC(2026, 2, 12, 14),
    });
    expect(movedByDays(Date.UTC(2026, 2, 12, 13), -7, 'America/New_York')).toEqual({
      ok: true,
      at,
    });
  });

  it('lands on the day dropped on, at its own wall time, or does nothing on its own day', () => {
    // 19:30 New York on Friday 6 March 2026 shows on Saturday 7 in London (00:30). Dropped
    // on Saturday 14, after New York's change and before London's, seven days would make
    // it Friday 13 19:30 New York, 23:30 in London: the eighth lands on the 14th.
    const at = Date.UTC(2026, 2, 7, 0, 30);
    expect(movedToDay(at, '2026-03-14', 'Europe/London', 'America/New_York')).toEqual({
      ok: true,
      at: Date.UTC(2026, 2, 14, 23, 30),
    });
    expect(movedToDay(at, '2026-03-07', 'Europe/London', 'America/New_York')).toBeNull();
    // In one zone, days are days.
    expect(
      movedToDay(Date.UTC(2026, 2, 5, 8), '2026-03-12', 'Europe/Berlin', 'Europe/Berlin'),
    ).toEqual({ ok: true, at: Date.UTC(2026, 2, 12, 8) });
  });

  it('refuses a day on which its wall time does not exist', () => {
    // 02:30 New York on 7 March 2026, moved to the 8th, whose 02:00–03:00 is skipped.
    const moved = movedByDays(Date.UTC(2026, 2, 7, 7, 30), 1, 'America/New_York');
    expect(moved).toMatchObject({ ok: false, reason: 'nonexistent' });
    expect(moved.ok ? '' : moved.message).toContain('2026-03-08 02:30 does not exist');
  });
});

describe('the week view’s words', () => {
  // Intl puts thin spaces around the range's dash; a person reads them as spaces.
  const title = (first: string, locale: string) => weekTitle(first, locale).replace(/\s/g, ' ');

  it('names the month once within a month, and each month and year across one', () => {
    expect(title('2026-12-07', 'en-GB')).toBe('7–13 Dec 2026');
    expect(title('2026-11-30', 'en-GB')).toBe('30 Nov – 6 Dec 2026');
    expect(title('2026-12-28', 'en-GB')).toBe('28 Dec 2026 – 3 Jan 2027');
  });

  it('orders day, month and year the way the user’s locale does', () => {
    expect(title('2026-11-30', 'en-US')).toBe('Nov 30 – Dec 6, 2026');
    expect(title('2026-12-28', 'en-US')).toBe('Dec 28, 2026 – Jan 3, 2027');
  });

  it('heads each column with its weekday, then its day, as the month grid names them', () => {
    expect(['2026-11-30', '2026-12-01', '2026-12-06'].map(shortDay)).toEqual([
      'Mon 30',
      'Tue 1',
      'Sun 6',
    ]);
  });
});

describe('a campaign’s dates', () => {
  const dates = (from: string | null, to: string | null) =>
    campaignDates(from, to, 'en-GB').replace(/\s/g, ' ');

  it('says each end it has, and that it has none', () => {
    expect(dates('2026-12-01', '2026-12-31')).toBe('1–31 Dec 2026');
    expect(dates('2026-11-20', '2027-01-06')).toBe('20 Nov 2026 – 6 Jan 2027');
    expect(dates('2026-12-24', '2026-12-24')).toBe('24 Dec 2026');
    expect(dates('2026-12-01', null)).toBe('from 1 Dec 2026');
    expect(dates(null, '2026-12-31')).toBe('until 31 Dec 2026');
    expect(dates(null, null)).toBe('no dates');
  });
});
