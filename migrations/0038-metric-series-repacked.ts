// Every packed metric series in version 2 (issue 19, item 5: the million-post database must
// shrink). Version 2 ([Note: packed readings] in main/core/analytics/reading-series.ts)
// stores only the figures that moved, about 11 bytes a reading instead of 14, but the
// series written before it stayed in version 1 until the sync next rewrote them, which it
// never does for a post older than 30 days: 314 MB at a million posts, 246 MB repacked.
//
// Repacking in place would leave every page as big as before until a VACUUM, which is why
// 0036 did not: this migration is one of those after which the upgrade compacts the file
// (compactAfter in migrations/index.ts). The readings are the same, so the gains rollup
// (post_metric_gains, the sum of the readings) is too: the table is rebuilt from its
// stored SQL with its triggers made again after the copy, which the copy does not fire.
// metric_series_repack is the app's function (main/core/db/metric-series-sql.ts).
//
// Runs in one transaction with foreign keys off (open-database.ts), like every migration.
import type { Kysely } from 'kysely';
import { rebuildWithCheck } from './rebuild-with-check.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await rebuildWithCheck(
    db,
    'post_metric_series',
    'points BLOB NOT NULL',
    'points BLOB NOT NULL',
    'target_seq, metric_series_repack(points) AS points',
  );
}
