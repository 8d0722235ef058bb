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
import { versionOneSeries } from '../helpers/series-v1.ts';

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

  it('spend nothing on a figure that did not move', () => {
    const first = reading(t0, 100, 5, [100, 8]);
    // An hour later only the impressions grew (by 4: one byte; clicks still 10).
    const later = reading(t0 + 3_600_000, 104, 5, [4, 0]);
    const one = encodeSeries([first]);
    const two = encodeSeries([first, later]);
    // Flags, the changed figures, the hour (4 bytes) and one figure.
    expect(two.length - one.length).toBe(2 + 4 + 1);
    expect(decodeSeries(two)).toEqual([first, later]);
    // Back to a value seen before is a move too.
    const back = reading(t0 + 7_200_000, 100, 5, [-4, 0]);
    expect(decodeSeries(encodeSeries([first, later, back]))).toEqual([first, later, back]);
  });

  it('still read version 1, which wrote every figure', () => {
    const old = versionOneSeries(t0);
    expect(decodeSeries(old.bytes)).toEqual(old.readings);
    // Written again, in version 2: a byte more per reading, four fewer for the zeros.
    const again = encodeSeries(old.readings);
    expect(again[0]).toBe(2);
    expect(again.length).toBeLessThan(old.bytes.length);
    expect(decodeSeries(again)).toEqual(old.readings);
  });

  it('keep a figure that comes back after missing', () => {
    // Impressions and clicks 100 and 10, then missing, then 100 and 10 again: not moved
    // from their last values, so written as nothing, and read back as they were.
    const readings = [
      reading(t0, 100, 5, [100, 8]),
      reading(t0 + 60_000, null, 5, [0, 0]),
      reading(t0 + 120_000, 100, 5, [0, 0]),
    ];
    expect(decodeSeries(encodeSeries(readings))).toEqual(readings);
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
    expect(() => decodeSeries(Buffer.from([3, 0]))).toThrow(/format/);
    expect(() => decodeSeries(Buffer.from([1, 0, 0x80]))).toThrow(/cut short/);
    expect(() => decodeSeries(Buffer.from([2, 0]))).toThrow(/cut short/);
    // Impressions NULL (flag bit 0) yet marked changed (bit 0).
    expect(() => decodeSeries(Buffer.from([2, 1, 1, 0, 2]))).toThrow(/missing and changed/);
    // Flags no version has, and a figure marked changed that did not change.
    expect(() => decodeSeries(Buffer.from([2, 16, 0, 0]))).toThrow(/unknown flags/);
    expect(() => decodeSeries(Buffer.from([2, 0, 2, 0, 0]))).toThrow(/changed by nothing/);
    // A number longer than any the writer makes.
    expect(() => decodeSeries(Buffer.from([2, 0, 0, ...Array(9).fill(0xff), 1]))).toThrow(
      /too long/,
    );
    // Cut inside a figure, and inside the gains written out.
    const figures = encodeSeries([reading(t0, 4_000_000, 1)]);
    expect(() => decodeSeries(figures.subarray(0, figures.length - 3))).toThrow(/cut short/);
    const gains = encodeSeries([reading(t0, 100, 5, [12_345, -7])]);
    expect(() => decodeSeries(gains.subarray(0, gains.length - 2))).toThrow(/cut short/);
    expect(() => encodeSeries([reading(0.5, 1, 1)])).toThrow(/whole number/);
    expect(() => encodeSeries([reading(1, -(2 ** 52) - 1, 1)])).toThrow(/whole number/);
  });
});
