// Dashboard day buckets and best-time cells follow the client's zone, DST included, and
// the polling cadence follows a post's age.
import { describe, expect, it } from 'vitest';
import { nextPostPoll } from '../../main/core/analytics/cadence.ts';
import { bucketIndex, daysOf, weekdayHourIn } from '../../main/core/analytics/day-buckets.ts';

const hour = 3_600_000;

describe('analytics day buckets', () => {
  it("cuts days at the zone's midnight, with a 23-hour day when the clocks go forward", () => {
    const days = daysOf(Date.UTC(2026, 2, 27, 23), Date.UTC(2026, 2, 31, 22), 'Europe/Berlin');
    expect(days.map((d) => d.day)).toEqual([
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
    ]);
    expect((days[2]?.start ?? 0) - (days[1]?.start ?? 0)).toBe(23 * hour);
    // 01:30 UTC on the 30th is 03:30 in Berlin that day.
    expect(bucketIndex(days, Date.UTC(2026, 2, 30, 1, 30))).toBe(2);
    expect(bucketIndex(days, Date.UTC(2026, 2, 27, 12))).toBe(-1);
  });

  it('reads weekday (Monday first) and hour in the zone', () => {
    const at = weekdayHourIn('Asia/Kolkata');
    // Sunday 20:00 UTC is Monday 01:30 in India.
    expect(at(Date.UTC(2026, 10, 22, 20))).toEqual({ weekday: 0, hour: 1 });
  });

  it('polls hourly, then every 4 hours, then daily, and stops at 30 days', () => {
    const t0 = Date.UTC(2026, 0, 1);
    expect(nextPostPoll(t0, t0 + hour)).toBe(t0 + 2 * hour);
    expect(nextPostPoll(t0, t0 + 10 * hour)).toBe(t0 + 14 * hour);
    expect(nextPostPoll(t0, t0 + 50 * hour)).toBe(t0 + 74 * hour);
    expect(nextPostPoll(t0, t0 + 29.5 * 24 * hour)).toBe(t0 + 30 * 24 * hour);
    expect(nextPostPoll(t0, t0 + 30 * 24 * hour)).toBeNull();
  });
});
