// Schedule times in real IANA zones: instants with offsets, wall times, and the DST gaps
// and repeats that must be refused with the choices named.
import { describe, expect, it } from 'vitest';
import { localTimeOf, parseRangeBound, parseWhen } from '../../shared/schedule-time.ts';
import { AppFailure } from '../../shared/result.ts';

function refusal(input: string, zone: string): AppFailure {
  try {
    parseWhen(input, zone);
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error(`${input} in ${zone} was accepted`);
}

describe('parseWhen', () => {
  it('reads a wall time in the zone, with T or a space', () => {
    expect(parseWhen('2026-03-30 09:00', 'Europe/Berlin')).toEqual({
      instant: Date.UTC(2026, 2, 30, 7, 0),
      zone: 'Europe/Berlin',
      localTime: '2026-03-30T09:00',
    });
    expect(parseWhen('2026-03-27T09:00', 'Europe/Berlin').instant).toBe(
      Date.UTC(2026, 2, 27, 8, 0),
    );
    expect(parseWhen('2026-07-04T12:15', 'America/New_York').instant).toBe(
      Date.UTC(2026, 6, 4, 16, 15),
    );
    expect(parseWhen('2026-01-15 09:00', 'Asia/Kolkata')).toMatchObject({
      instant: Date.UTC(2026, 0, 15, 3, 30),
      localTime: '2026-01-15T09:00',
    });
  });

  it('takes an ISO time with an offset or Z as the exact instant and shows it in the zone', () => {
    expect(parseWhen('2026-03-29T03:30+02:00', 'Europe/Berlin')).toEqual({
      instant: Date.UTC(2026, 2, 29, 1, 30),
      zone: 'Europe/Berlin',
      localTime: '2026-03-29T03:30',
    });
    expect(parseWhen('2026-11-24T09:00:00Z', 'Asia/Kolkata').localTime).toBe('2026-11-24T14:30');
    expect(parseWhen('2026-10-25T02:30+01:00', 'Europe/Berlin').instant).toBe(
      Date.UTC(2026, 9, 25, 1, 30),
    );
  });

  it('refuses a wall time skipped by the spring-forward change, naming both choices', () => {
    const error = refusal('2026-03-29 02:30', 'Europe/Berlin');
    expect(error.error.code).toBe('VALIDATION');
    expect(error.message).toBe(
      '2026-03-29 02:30 does not exist in Europe/Berlin (clocks jump from 02:00 to 03:00). ' +
        'Use 2026-03-29T03:30+02:00 or 2026-03-29T01:30+01:00, or pick another time.',
    );
    expect(error.error.details).toMatchObject({ reason: 'nonexistent' });
    const ny = refusal('2026-03-08T02:15', 'America/New_York');
    expect(ny.message).toContain('clocks jump from 02:00 to 03:00');
    expect(ny.message).toContain('2026-03-08T03:15-04:00');
  });

  it('refuses a wall time repeated by the autumn change, naming both offsets', () => {
    expect(refusal('2026-10-25 02:30', 'Europe/Berlin').message).toBe(
      '2026-10-25 02:30 happens twice in Europe/Berlin: add +02:00 (first, CEST) or +01:00 (second, CET).',
    );
    expect(refusal('2026-11-01 01:30', 'America/New_York').message).toBe(
      '2026-11-01 01:30 happens twice in America/New_York: add -04:00 (first, EDT) or -05:00 (second, EST).',
    );
  });

  it("handles Lord Howe Island's half-hour DST change", () => {
    // Clocks go from 02:00 to 02:30 on the first Sunday of October, and back in April.
    const gap = refusal('2026-10-04 02:15', 'Australia/Lord_Howe');
    expect(gap.message).toContain('clocks jump from 02:00 to 02:30');
    expect(gap.message).toContain('2026-10-04T02:45+11:00');
    expect(gap.message).toContain('2026-10-04T01:45+10:30');
    expect(parseWhen('2026-10-04 02:30', 'Australia/Lord_Howe').instant).toBe(
      Date.UTC(2026, 9, 3, 15, 30),
    );
    const repeat = refusal('2026-04-05 01:45', 'Australia/Lord_Howe');
    expect(repeat.message).toMatch(/happens twice .* add \+11:00 \(first.*\) or \+10:30 \(second/);
  });

  it('keeps 09:00 across a DST change', () => {
    const before = parseWhen('2026-03-28 09:00', 'Europe/Berlin');
    const after = parseWhen('2026-03-30 09:00', 'Europe/Berlin');
    expect(after.instant - before.instant).toBe(2 * 86_400_000 - 3_600_000);
    expect(localTimeOf(after.instant, 'Europe/Berlin')).toBe('2026-03-30T09:00');
  });

  it('refuses impossible dates, unknown zones and unreadable text', () => {
    expect(refusal('2026-02-30 09:00', 'Europe/Berlin').message).toContain('not a real date');
    expect(refusal('2026-03-30 25:00', 'Europe/Berlin').message).toContain('not a real date');
    expect(refusal('2026-03-30 09:00', 'Mars/Olympus').message).toContain('Unknown time zone');
    expect(refusal('tomorrow at nine', 'Europe/Berlin').message).toContain('Cannot read');
    expect(refusal('2026-03-30', 'Europe/Berlin').message).toContain('Cannot read');
    // An offset that carries it into the year 10000 where the post is shown.
    expect(refusal('9999-12-31T23:00-14:00', 'Pacific/Kiritimati').message).toContain(
      'before the year 10000',
    );
  });
});

describe('parseRangeBound', () => {
  it('reads dates as whole days in the zone, and wall or ISO times exactly', () => {
    expect(parseRangeBound('2026-03-29', 'Europe/Berlin', 'start')).toBe(
      Date.UTC(2026, 2, 28, 23, 0),
    );
    // The 29th is 23 hours long in Berlin.
    expect(parseRangeBound('2026-03-29', 'Europe/Berlin', 'end')).toBe(
      Date.UTC(2026, 2, 29, 22, 0),
    );
    expect(parseRangeBound('2026-03-29 12:00', 'America/New_York', 'start')).toBe(
      Date.UTC(2026, 2, 29, 16, 0),
    );
    expect(parseRangeBound('2026-03-29T12:00Z', 'America/New_York', 'end')).toBe(
      Date.UTC(2026, 2, 29, 12, 0),
    );
  });
});
