// Bytes in version 1 of the packed metric readings ([Note: packed readings] in
// main/core/analytics/reading-series.ts), as Starling wrote them before version 2: the
// app no longer writes them but must still read them. Written out by hand here, so the
// tests hold the old format whatever the encoder does now.
import type { Reading } from '../../main/core/analytics/reading-series.ts';

/** A zigzag varint, as both versions write numbers. */
export function zigzag(n: number): number[] {
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  const out: number[] = [];
  while (v >= 128) {
    out.push((v % 128) + 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

/**
 * Three version 1 readings from `t0`: the bytes, and the readings they decode to. Every
 * figure that is not NULL is written, moved or not; the third reading has no impressions
 * and gains of its own.
 */
export function versionOneSeries(t0: number): { bytes: Buffer; readings: Reading[] } {
  const bytes = Buffer.from([
    1,
    // Flags: clicks and profile_visits NULL, gains derived. Then the time and every other
    // figure in order: impressions 10, likes 1, reposts, replies, quotes, bookmarks 0.
    0b0110,
    ...zigzag(t0),
    ...[10, 1, 0, 0, 0, 0].flatMap(zigzag),
    // A minute on: impressions 12, the rest unchanged but written all the same.
    0b0110,
    ...zigzag(60_000),
    ...[2, 0, 0, 0, 0, 0].flatMap(zigzag),
    // An hour on: impressions NULL too, a like taken back, gains written out (0 and -1).
    0b1111,
    ...zigzag(3_600_000),
    ...[-1, 0, 0, 0, 0].flatMap(zigzag),
    ...zigzag(0),
    ...zigzag(-1),
  ]);
  const base = {
    reposts: 0,
    replies: 0,
    quotes: 0,
    bookmarks: 0,
    clicks: null,
    profile_visits: null,
  };
  const readings: Reading[] = [
    {
      fetched_at: t0,
      impressions: 10,
      likes: 1,
      ...base,
      impressions_gain: 10,
      engagements_gain: 1,
    },
    {
      fetched_at: t0 + 60_000,
      impressions: 12,
      likes: 1,
      ...base,
      impressions_gain: 2,
      engagements_gain: 0,
    },
    {
      fetched_at: t0 + 3_660_000,
      impressions: null,
      likes: 0,
      ...base,
      impressions_gain: 0,
      engagements_gain: -1,
    },
  ];
  return { bytes, readings };
}
