// [Note: packed readings] A post's metric readings are one BLOB per post
// (post_metric_series.points, migration 0033), not one row per reading: at a million posts
// the 20 M rows of post_metric_readings took 756 MB, about 38 bytes a reading, most of it
// SQLite's per-row cost. Packed, a reading is about 11 bytes: each figure that changed is
// stored as the difference from its previous value, as a zigzag varint (a figure that
// grew by 3 is one byte), the time as the milliseconds since the previous reading.
//
// Layout, version 2: a version byte, then per reading, oldest first:
//   flags     bit 0 impressions, bit 1 clicks, bit 2 profile_visits are NULL;
//             bit 3: the two gains follow (else they are what `derivedGains` gives)
//   changed   bit i: figure i of `figureNames` is not NULL and differs from its last
//             non-NULL value (else 0); only those figures follow
//   fetched_at  − previous fetched_at (the first: itself)
//   each changed figure − that figure's last non-NULL value (else 0), in `figureNames` order
//   [impressions_gain, engagements_gain]  when bit 3 is set
// Version 1 (until 2026-12-06) had no `changed` byte and wrote every non-NULL figure, also
// when it had not moved. Half the figures of a post older than a few days do not, so a
// reading took about 14 bytes; version 2 takes about 11 (the million-post file's series
// written anew: 314 → 246 MB). Migration 0036 only marked the change, so that a Starling
// from before it, which cannot read version 2, refuses the file instead of failing on it;
// migration 0038 repacks every version 1 series, and the upgrade then compacts the file
// (rewritten in place, the pages would stay as big until a VACUUM: [Note: compaction after
// migrating]). Version 1 stays readable for 0038, which every older file, a restored
// backup included, goes through.
// The gains are what the metric sync computed when it read the post (migration 0019:
// [Note: lean readings]), normally the differences of consecutive figures; where they are
// not (two readings at one instant merged, figures missing in between) they are written
// out, so every reading decodes to exactly the row it was.
//
// The encoding is a few lines of varint arithmetic; a serialization library (protobuf,
// msgpack) would spend more bytes per reading on field tags than the figures take.
import { engagementsOf } from '../../../shared/analytics.ts';
import type { PostMetricSnapshotsView } from '../db/schema-metrics.ts';

/** One reading: the row shape of the readings view, less the target and account. */
export type Reading = Omit<PostMetricSnapshotsView, 'target_id' | 'account_id'>;

const version = 2;
/** The version before `changed` bytes: read only. */
const versionEveryFigure = 1;
/** The figures in the order they are packed. */
export const figureNames = [
  'impressions',
  'likes',
  'reposts',
  'replies',
  'quotes',
  'bookmarks',
  'clicks',
  'profile_visits',
] as const;
const nullable = { impressions: 1, clicks: 2, profile_visits: 4 } as const;
const explicitGains = 8;
/** Each figure's bit in a reading's `changed` byte. */
const changedBit = Object.fromEntries(figureNames.map((name, i) => [name, 1 << i])) as Record<
  (typeof figureNames)[number],
  number
>;

/** A reading without its gains: what a post's latest row holds. */
export function readingFigures(r: Reading): Omit<Reading, 'impressions_gain' | 'engagements_gain'> {
  return {
    fetched_at: r.fetched_at,
    impressions: r.impressions,
    likes: r.likes,
    reposts: r.reposts,
    replies: r.replies,
    quotes: r.quotes,
    bookmarks: r.bookmarks,
    clicks: r.clicks,
    profile_visits: r.profile_visits,
  };
}

/** The gains the metric sync gives a reading after `previous` (metric-sync.ts). */
export function derivedGains(previous: Reading | undefined, r: Reading) {
  return {
    impressions_gain: r.impressions === null ? 0 : r.impressions - (previous?.impressions ?? 0),
    engagements_gain: engagementsOf(r) - (previous === undefined ? 0 : engagementsOf(previous)),
  };
}

function writeVarint(out: number[], signed: number): void {
  // Zigzag doubles the value: beyond 2^52 it would no longer be exact as a JS number.
  if (!Number.isSafeInteger(signed) || Math.abs(signed) > 2 ** 52) {
    throw new RangeError(`Not a whole number within ±2^52: ${signed}`);
  }
  // Zigzag in arithmetic, not bit operators: those are 32-bit, times are 41.
  let v = signed >= 0 ? signed * 2 : -signed * 2 - 1;
  while (v >= 128) {
    out.push((v % 128) + 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** Readings in time order → the BLOB stored for them. */
export function encodeSeries(readings: readonly Reading[]): Buffer {
  const out: number[] = [version];
  const last: Record<string, number> = {};
  let previous: Reading | undefined;
  for (const r of readings) {
    let flags = 0;
    for (const [name, bit] of Object.entries(nullable)) {
      if (r[name as keyof typeof nullable] === null) flags |= bit;
    }
    const derived = derivedGains(previous, r);
    const gainsOwn =
      derived.impressions_gain !== r.impressions_gain ||
      derived.engagements_gain !== r.engagements_gain;
    if (gainsOwn) flags |= explicitGains;
    const moved = figureNames.filter((name) => {
      const value = r[name];
      return value !== null && value !== (last[name] ?? 0);
    });
    out.push(
      flags,
      moved.reduce((bits, name) => bits | changedBit[name], 0),
    );
    writeVarint(out, r.fetched_at - (previous?.fetched_at ?? 0));
    for (const name of moved) {
      const value = r[name] as number;
      writeVarint(out, value - (last[name] ?? 0));
      last[name] = value;
    }
    if (gainsOwn) {
      writeVarint(out, r.impressions_gain);
      writeVarint(out, r.engagements_gain);
    }
    previous = r;
  }
  return Buffer.from(out);
}

/** The BLOB → its readings, oldest first. Throws on bytes this code did not write. */
export function decodeSeries(points: Uint8Array): Reading[] {
  const format = points[0];
  if (format !== version && format !== versionEveryFigure) {
    throw new Error(`Unknown metric series format ${format ?? '(empty)'}`);
  }
  let at = 1;
  const byte = (): number => {
    const value = points[at];
    if (value === undefined) throw new Error('Metric series cut short');
    at += 1;
    return value;
  };
  const read = (): number => {
    let v = 0;
    let scale = 1;
    for (;;) {
      const next = byte();
      v += (next % 128) * scale;
      if (next < 128) break;
      scale *= 128;
      // The writer's bound (±2^52, zigzagged) fits in 8 bytes.
      if (scale > 2 ** 49) throw new Error('Metric series holds a number too long');
    }
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  };
  const readings: Reading[] = [];
  const last: Record<string, number> = {};
  let previous: Reading | undefined;
  while (at < points.length) {
    const flags = byte();
    if (format === version && flags >= 16) {
      throw new Error(`Metric series reading with unknown flags ${flags}`);
    }
    // Version 1 wrote every figure that is not NULL.
    const changed = format === version ? byte() : 0xff;
    const fetchedAt = (previous?.fetched_at ?? 0) + read();
    const figure = (name: (typeof figureNames)[number]) => {
      const bit = (nullable as Record<string, number>)[name];
      const moved = (changed & changedBit[name]) !== 0;
      if (bit !== undefined && (flags & bit) !== 0) {
        if (format === version && moved) {
          throw new Error(`Metric series names ${name} both missing and changed`);
        }
        return null;
      }
      if (!moved) return last[name] ?? 0;
      const delta = read();
      if (format === version && delta === 0) {
        throw new Error(`Metric series names ${name} changed by nothing`);
      }
      const value = (last[name] ?? 0) + delta;
      last[name] = value;
      return value;
    };
    const r: Reading = {
      fetched_at: fetchedAt,
      impressions: figure('impressions'),
      likes: figure('likes') ?? 0,
      reposts: figure('reposts') ?? 0,
      replies: figure('replies') ?? 0,
      quotes: figure('quotes') ?? 0,
      bookmarks: figure('bookmarks') ?? 0,
      clicks: figure('clicks'),
      profile_visits: figure('profile_visits'),
      impressions_gain: 0,
      engagements_gain: 0,
    };
    const gains =
      (flags & explicitGains) !== 0
        ? { impressions_gain: read(), engagements_gain: read() }
        : derivedGains(previous, r);
    Object.assign(r, gains);
    readings.push(r);
    previous = r;
  }
  return readings;
}

/**
 * Readings with one more, kept in time order. A reading at an instant already held is the
 * same reading (a clock that stood still): the later figures, and both gains, so the
 * gains still add up to the total (as 0019's upsert did).
 */
export function withReading(readings: readonly Reading[], next: Reading): Reading[] {
  const same = readings.findIndex((r) => r.fetched_at === next.fetched_at);
  if (same >= 0) {
    const was = readings[same] as Reading;
    return readings.map((r, i) =>
      i === same
        ? {
            ...next,
            impressions_gain: was.impressions_gain + next.impressions_gain,
            engagements_gain: was.engagements_gain + next.engagements_gain,
          }
        : r,
    );
  }
  return [...readings, next].sort((a, b) => a.fetched_at - b.fetched_at);
}
