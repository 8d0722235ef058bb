// The packed metric readings ([Note: packed readings] in main/core/analytics/reading-series.ts)
// as SQL sees them, registered on every connection to starling.db (second-connection.ts):
// - metric_series_readings(points): a table-valued function, one row per reading, with its
//   quarter hour (fetched_at / 900000, the rollup's key). The triggers that keep
//   post_metric_gains equal to the readings, the post_metric_snapshots view and the
//   dashboard's raw slivers read readings through it.
// - metric_series_pack(fetched_at, figures…, gains…): an aggregate packing a post's reading
//   rows into its BLOB (migration 0033 packs the 0019 table with it).
// - metric_series_repack(points): the same readings in the version written now (migration
//   0038 moves every version 1 series to version 2 with it).
// A connection without them (the sqlite3 shell) can read every table but fails loudly, "no
// such table", on what would need them: removing a post's figures there cannot leave the
// rollup wrong.
import type Database from 'better-sqlite3';
import {
  decodeSeries,
  encodeSeries,
  figureNames,
  type Reading,
} from '../analytics/reading-series.ts';

const quarterMs = 900_000;
const columns = ['fetched_at', ...figureNames, 'impressions_gain', 'engagements_gain'] as const;

type Cell = number | null;

export function registerMetricSeries(sqlite: Database.Database): void {
  sqlite.table('metric_series_readings', {
    columns: [...columns, 'quarter'],
    parameters: ['points'],
    *rows(points: unknown) {
      if (!(points instanceof Uint8Array)) return;
      // As BigInts: SQLite takes a JS number from a function as REAL, and the triggers'
      // and queries' arithmetic on times must stay integer.
      for (const r of decodeSeries(points)) {
        yield {
          ...Object.fromEntries(columns.map((c) => [c, r[c] === null ? null : BigInt(r[c])])),
          quarter: BigInt(Math.floor(r.fetched_at / quarterMs)),
        };
      }
    },
  });
  sqlite.function('metric_series_repack', { deterministic: true }, repack);
  sqlite.aggregate<Reading[]>('metric_series_pack', {
    start: () => [],
    varargs: true,
    // @types/better-sqlite3 gives step one argument; SQLite passes one per SQL argument.
    step: packStep as unknown as (readings: Reading[], next: Reading) => void,
    result: (readings) => encodeSeries(readings.sort((a, b) => a.fetched_at - b.fetched_at)),
  });
}

/** One reading row, its values in `columns` order (the aggregate's arguments). */
function packStep(readings: Reading[], ...cells: Cell[]): void {
  readings.push(Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? null])) as Reading);
}

/**
 * A series in the version written now; one that cannot be read is kept as it is: a damaged
 * series breaks that post's chart, and must not stop the upgrade (0038) for every post.
 */
function repack(points: unknown): unknown {
  if (!(points instanceof Uint8Array)) return points;
  try {
    return encodeSeries(decodeSeries(points));
  } catch {
    return points;
  }
}
