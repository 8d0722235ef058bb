// Each post's metric readings packed into one BLOB (issue 19, item 5: the million-post
// database must shrink): [Note: packed readings] in main/core/analytics/reading-series.ts.
// The 20 M rows of post_metric_readings (756 MB at a million posts) become 1.4 M rows of
// post_metric_series, one per post read, about 14 bytes a reading.
//
// The gains rollup (0019's [Note: metric gains rollup]) is not rebuilt: it already holds
// the sums of the readings packed here, and the new triggers keep it so whoever writes a
// series. A series written or rewritten adds, per quarter hour, what its readings gained
// less what the series held before (so appending a reading touches one rollup row); a
// series removed takes its gains away; a post's latest row removed takes its series' gains
// away before the cascade removes the series (after which its account cannot be looked
// up), as 0019's triggers did for the readings. The triggers read a series through
// metric_series_readings(), a function of the app's connections (main/core/db/
// metric-series-sql.ts), as does the post_metric_snapshots view of the old shape.
//
// Runs in one transaction with foreign keys off (open-database.ts), like every migration.
// Packing walks the readings in primary-key order (post, then time), no sort.
import { sql, type Kysely } from 'kysely';

const figures = 'impressions, likes, reposts, replies, quotes, bookmarks, clicks, profile_visits';

/** The rollup row's account of a series' post: NULL once its latest row is gone. */
const accountOf = (seq: string) =>
  `(SELECT a.seq FROM post_metric_latest l JOIN metric_accounts a ON a.account_id = l.account_id
    WHERE l.seq = ${seq})`;

const readingsOf = (points: string, sign: '' | '-') =>
  `SELECT quarter, ${sign}impressions_gain AS i, ${sign}engagements_gain AS e
   FROM metric_series_readings(${points})`;

/** Adds per quarter what `gains` (rows of quarter, i, e) sum to, under NEW's account. */
const addGains = (gains: string) => `
    INSERT INTO metric_accounts (account_id)
      SELECT l.account_id FROM post_metric_latest l WHERE l.seq = NEW.target_seq
        AND NOT EXISTS (SELECT 1 FROM metric_accounts a WHERE a.account_id = l.account_id);
    INSERT INTO post_metric_gains (account_seq, quarter, impressions, engagements)
      SELECT ${accountOf('NEW.target_seq')}, d.quarter, sum(d.i), sum(d.e) FROM (${gains}) d
      WHERE EXISTS (SELECT 1 FROM post_metric_latest l WHERE l.seq = NEW.target_seq)
      GROUP BY d.quarter HAVING sum(d.i) <> 0 OR sum(d.e) <> 0
      ON CONFLICT (account_seq, quarter) DO UPDATE SET
        impressions = impressions + excluded.impressions,
        engagements = engagements + excluded.engagements;`;

const statements = [
  'DROP TRIGGER post_metric_readings_added',
  'DROP TRIGGER post_metric_readings_changed',
  'DROP TRIGGER post_metric_readings_removed',
  'DROP TRIGGER post_metric_latest_removed',
  'DROP VIEW post_metric_snapshots',

  `CREATE TABLE post_metric_series (
    target_seq INTEGER PRIMARY KEY REFERENCES post_metric_latest (seq) ON DELETE CASCADE,
    points BLOB NOT NULL
  ) STRICT`,
  `INSERT INTO post_metric_series (target_seq, points)
    SELECT target_seq, metric_series_pack(fetched_at, ${figures}, impressions_gain, engagements_gain)
    FROM post_metric_readings GROUP BY target_seq`,
  'DROP TABLE post_metric_readings',

  `CREATE TRIGGER post_metric_series_added AFTER INSERT ON post_metric_series BEGIN
    ${addGains(readingsOf('NEW.points', ''))}
  END`,
  `CREATE TRIGGER post_metric_series_changed AFTER UPDATE OF points ON post_metric_series BEGIN
    ${addGains(`${readingsOf('NEW.points', '')} UNION ALL ${readingsOf('OLD.points', '-')}`)}
  END`,
  // A series belongs to its post; moving one would need its gains moved between accounts.
  `CREATE TRIGGER post_metric_series_moved BEFORE UPDATE OF target_seq ON post_metric_series
    WHEN NEW.target_seq IS NOT OLD.target_seq BEGIN
    SELECT RAISE(ABORT, 'a metric series stays with its post');
  END`,
  // Finds no account when the latest row is already gone (a cascade): see the next trigger.
  `CREATE TRIGGER post_metric_series_removed AFTER DELETE ON post_metric_series BEGIN
    UPDATE post_metric_gains SET impressions = impressions - g.i, engagements = engagements - g.e
    FROM (SELECT quarter, sum(i) AS i, sum(e) AS e FROM (${readingsOf('OLD.points', '')})
          GROUP BY quarter) g
    WHERE post_metric_gains.account_seq = ${accountOf('OLD.target_seq')}
      AND post_metric_gains.quarter = g.quarter;
  END`,
  `CREATE TRIGGER post_metric_latest_removed BEFORE DELETE ON post_metric_latest BEGIN
    UPDATE post_metric_gains SET impressions = impressions - g.i, engagements = engagements - g.e
    FROM (SELECT r.quarter, sum(r.impressions_gain) AS i, sum(r.engagements_gain) AS e
          FROM post_metric_series s, metric_series_readings(s.points) r
          WHERE s.target_seq = OLD.seq GROUP BY r.quarter) g
    WHERE post_metric_gains.account_seq =
        (SELECT seq FROM metric_accounts WHERE account_id = OLD.account_id)
      AND post_metric_gains.quarter = g.quarter;
  END`,

  // The readings as they were shaped before 0019, with their target and account ids.
  `CREATE VIEW post_metric_snapshots AS
    SELECT l.target_id, l.account_id, r.fetched_at, ${figures
      .split(', ')
      .map((c) => `r.${c}`)
      .join(', ')}, r.impressions_gain, r.engagements_gain
    FROM post_metric_latest l JOIN post_metric_series s ON s.target_seq = l.seq,
      metric_series_readings(s.points) r`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
