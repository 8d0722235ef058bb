// The dashboard charts' time axis (renderer/src/features/analytics/time-range.ts): one
// reading spans a day either side instead of uplot's years; none shows the range asked.
import { describe, expect, it } from 'vitest';
import { timeAxisRange } from '../../renderer/src/features/analytics/time-range.ts';

const day = 86_400;
/** 14 June 2027 09:00 UTC, in seconds as uplot keeps time. */
const reading = Date.UTC(2027, 5, 14, 9) / 1000;
const dashboard = [Date.UTC(2027, 4, 16) / 1000, Date.UTC(2027, 5, 15) / 1000] as const;

describe('chart time axis', () => {
  it('spans one day either side of a single reading', () => {
    expect(timeAxisRange(reading, reading, dashboard)).toEqual([reading - day, reading + day]);
  });

  it('shows the dashboard range when there is no reading', () => {
    expect(timeAxisRange(null, null, dashboard)).toEqual([...dashboard]);
    expect(timeAxisRange(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, dashboard)).toEqual([
      ...dashboard,
    ]);
  });

  it('keeps the data span when readings differ, even by minutes', () => {
    expect(timeAxisRange(reading, reading + 600, dashboard)).toEqual([reading, reading + 600]);
    expect(timeAxisRange(reading - 30 * day, reading, dashboard)).toEqual([
      reading - 30 * day,
      reading,
    ]);
  });
});
