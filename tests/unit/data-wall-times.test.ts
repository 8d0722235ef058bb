// The CSV import's fast wall-time reader agrees with parseWhen everywhere: same instant
// and wall time, or the same refusal (DST gaps and repeated hours, impossible dates),
// across zones with DST changes at different hours, including midnight.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWallTimeReader } from '../../main/core/data/wall-times.ts';
import { parseWhen } from '../../shared/schedule-time.ts';

const zones = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Beirut',
  'America/Havana',
  'Asia/Tokyo',
  'UTC',
];

const outcome = (read: () => unknown) => {
  try {
    return { ok: read() };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

const pad = (n: number) => String(n).padStart(2, '0');

describe('fast wall-time reader', () => {
  it('reads every date and time exactly as parseWhen does', () => {
    const read = createWallTimeReader();
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 2025, max: 2028 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, y, m, d, hour, minute) => {
          const date = `${String(y)}-${pad(m)}-${pad(d)}`;
          const time = `${pad(hour)}:${pad(minute)}`;
          expect(outcome(() => read(date, time, zone))).toEqual(
            outcome(() => parseWhen(`${date} ${time}`, zone)),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('refuses the DST gap and the repeated hour with parseWhen’s choices', () => {
    const read = createWallTimeReader();
    // Warm the day cache with a normal time first: the gap must still be refused.
    expect(read('2027-03-28', '12:00', 'Europe/Berlin').instant).toBe(Date.UTC(2027, 2, 28, 10, 0));
    expect(() => read('2027-03-28', '02:30', 'Europe/Berlin')).toThrow(/does not exist/);
    expect(() => read('2026-10-25', '02:30', 'Europe/Berlin')).toThrow(/happens twice/);
    expect(() => read('2026-02-30', '09:00', 'Europe/Berlin')).toThrow(
      '2026-02-30 09:00 is not a real date and time.',
    );
  });

  it('leaves every other shape of date or time to parseWhen, known day or not', () => {
    const read = createWallTimeReader();
    const odd = ['24:00', '09:60', '9:00', '09:00:30', '09.00', '０９:００', '09:0a', ' 9:00', ''];
    for (const date of ['2027-06-15', '2027-03-28', '2027-3-28', '2027-02-30', 'tomorrow']) {
      for (const time of ['12:00', ...odd]) {
        for (const zone of ['Europe/Berlin', 'Asia/Kathmandu']) {
          expect(outcome(() => read(date, time, zone))).toEqual(
            outcome(() => parseWhen(`${date} ${time}`, zone)),
          );
        }
      }
    }
  });
});
