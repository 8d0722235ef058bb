// The packed metric readings ([Note: packed readings] in main/core/analytics/reading-series.ts)
// decode to exactly the rows they were written from: figures that fall, NULL figures,
// gains that are not the differences of figures, times out of order and at one instant.
import { describe, expect, it } from 'vitest';
import {
  decodeSeries,
  encodeSeries,
  withReading,
  type Reading,
} from '../../main/core/analytics/reading-series.ts';

const t0 = Date.UTC(2026, 10, 30, 9, 7, 13, 517);

function reading(at: number, impressions: number | null, likes: number, gains?: [number, number]) {
  const r: Reading = {
    fetched_at: at,
    impressions,
    likes,
    reposts: 2,
    replies: 1,
    quotes: 0,
    bookmarks: 0,
    clicks: impressions === null ? null : Math.round(impressions / 10),
    profile_visits: null,
    impressions_gain: gains?.[0] ?? 0,
    engagements_gain: gains?.[1] ?? 0,
  };
  return r;
}

describe('packed metric readings', () => {
  it('decode to the readings they were packed from', () => {
    const readings = [
      reading(t0, 100, 5, [100, 8]),
      reading(t0 + 3_600_000, 4_000_000_000, 9, [3_999_999_900, 4]),
      // A like taken back, and impressions the network stopped giving.
      reading(t0 + 7_200_001, null, 8, [0, -1]),
      // Gains the sync wrote that are not the figures' differences.
      reading(t0 + 86_400_000, 4_000_000_100, 8, [12_345, -7]),
    ];
    const points = encodeSeries(readings);
    expect(decodeSeries(points)).toEqual(readings);
    // About a dozen bytes a reading, not the 38 of a row each.
    expect(points.length).toBeLessThan(16 * readings.length);
    expect(decodeSeries(encodeSeries([]))).toEqual([]);
  });

  it('keeps readings in time order and merges two of one instant', () => {
    const a = reading(t0, 100, 5, [100, 8]);
    const b = reading(t0 + 60_000, 150, 6, [50, 1]);
    const late = reading(t0 + 30_000, 120, 5, [20, 0]);
    expect(withReading([a, b], late)).toEqual([a, late, b]);
    const again = reading(t0 + 60_000, 160, 7, [10, 1]);
    expect(withReading([a, b], again)).toEqual([
      a,
      { ...again, impressions_gain: 60, engagements_gain: 2 },
    ]);
    const merged = withReading([a, late, b], again);
    expect(decodeSeries(encodeSeries(merged))).toEqual(merged);
  });

  it('refuses bytes it did not write', () => {
    expect(() => decodeSeries(Buffer.from([]))).toThrow(/format/);
    expect(() => decodeSeries(Buffer.from([2, 0]))).toThrow(/format/);
    expect(() => decodeSeries(Buffer.from([1, 0, 0x80]))).toThrow(/cut short/);
    expect(() => encodeSeries([reading(0.5, 1, 1)])).toThrow(/whole number/);
    expect(() => encodeSeries([reading(1, -(2 ** 52) - 1, 1)])).toThrow(/whole number/);
  });
});
