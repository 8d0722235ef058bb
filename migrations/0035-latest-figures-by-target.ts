// Each post's latest figures keyed by integers (issue 19, item 5: the million-post database
// must shrink). post_metric_latest named its target and account by their 36-character ids,
// with a unique index on the target's and the account's inside the dashboard's covering
// index: 343 MB at a million posts, most of it those ids.
//
// [Note: target seq] post_targets gets `seq INTEGER PRIMARY KEY`: the rowid every target
// already had, made a column, so it survives VACUUM (which may renumber an implicit rowid)
// and other tables can refer to it. The targets keep their UUIDs under a unique index, and
// everything the app shows, exports, archives or logs still names a target by them; seq
// is the database's own (a client archive carries none: its import lets SQLite give it).
//
// post_metric_latest is now keyed by its target's seq (one row per target, no separate
// unique index) and names its account by metric_accounts' seq (0019's small account
// number, already the gains rollup's key), so the covering index leads with a 1-byte key.
// The packed series (0033) is keyed by the same seq. The view post_metric_snapshots keeps
// its shape, with the ids looked up. The triggers are 0033's and 0019's, reading the
// account from the latest row instead of looking its id up.
//
// Runs in one transaction with foreign keys off (open-database.ts), like every migration.
// The new tables are filled in key order by walking the targets in seq order, no sort.
import { sql, type Kysely } from 'kysely';
import { rebuildWithCheck } from './rebuild-with-check.ts';

const figures = 'impressions, likes, reposts, replies, quotes, bookmarks, clicks, profile_visits';
const prefixed = (alias: string) =>
  figures
    .split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ');

/** The rollup row's account of a series' post: NULL once its latest row is gone. */
const accountOf = (seq: string) =>
  `(SELECT account_seq FROM post_metric_latest WHERE target_seq = ${seq})`;

const readingsOf = (points: string, sign: '' | '-') =>
  `SELECT quarter, ${sign}impressions_gain AS i, ${sign}engagements_gain AS e
   FROM metric_series_readings(${points})`;

/** Adds per quarter what `gains` (rows of quarter, i, e) sum to, under NEW's account. */
const addGains = (gains: string) => `
    INSERT INTO post_metric_gains (account_seq, quarter, impressions, engagements)
      SELECT ${accountOf('NEW.target_seq')}, d.quarter, sum(d.i), sum(d.e) FROM (${gains}) d
      WHERE EXISTS (SELECT 1 FROM post_metric_latest l WHERE l.target_seq = NEW.target_seq)
      GROUP BY d.quarter HAVING sum(d.i) <> 0 OR sum(d.e) <> 0
      ON CONFLICT (account_seq, quarter) DO UPDATE SET
        impressions = impressions + excluded.impressions,
        engagements = engagements + excluded.engagements;`;

/** Everything that names the tables rebuilt here, dropped first and made again below. */
const before = [
  'DROP TRIGGER post_metric_series_added',
  'DROP TRIGGER post_metric_series_changed',
  'DROP TRIGGER post_metric_series_moved',
  'DROP TRIGGER post_metric_series_removed',
  'DROP TRIGGER post_metric_latest_removed',
  'DROP TRIGGER post_metric_latest_added',
  'DROP TRIGGER post_targets_metric_published',
  'DROP VIEW post_metric_snapshots',
];

const after = [
  // Every latest row's account has its number (the series' triggers gave them; this
  // covers a row written without one).
  `INSERT INTO metric_accounts (account_id)
    SELECT DISTINCT l.account_id FROM post_metric_latest l
    WHERE NOT EXISTS (SELECT 1 FROM metric_accounts a WHERE a.account_id = l.account_id)`,
  `CREATE TABLE post_metric_latest_0035 (
    target_seq INTEGER PRIMARY KEY REFERENCES post_targets (seq) ON DELETE CASCADE,
    account_seq INTEGER NOT NULL REFERENCES metric_accounts (seq) ON DELETE CASCADE,
    fetched_at INTEGER NOT NULL,
    impressions INTEGER,
    likes INTEGER NOT NULL DEFAULT 0,
    reposts INTEGER NOT NULL DEFAULT 0,
    replies INTEGER NOT NULL DEFAULT 0,
    quotes INTEGER NOT NULL DEFAULT 0,
    bookmarks INTEGER NOT NULL DEFAULT 0,
    clicks INTEGER,
    profile_visits INTEGER,
    -- [Note: latest published_at] (0019)
    published_at INTEGER
  ) STRICT`,
  `INSERT INTO post_metric_latest_0035
    (target_seq, account_seq, fetched_at, ${figures}, published_at)
    SELECT t.seq, a.seq, l.fetched_at, ${prefixed('l')}, l.published_at
    FROM post_targets t CROSS JOIN post_metric_latest l ON l.target_id = t.id
      JOIN metric_accounts a ON a.account_id = l.account_id
    ORDER BY t.seq`,
  `CREATE TABLE post_metric_series_0035 (
    target_seq INTEGER PRIMARY KEY REFERENCES post_metric_latest (target_seq) ON DELETE CASCADE,
    points BLOB NOT NULL
  ) STRICT`,
  `INSERT INTO post_metric_series_0035 (target_seq, points)
    SELECT t.seq, s.points
    FROM post_targets t CROSS JOIN post_metric_latest l ON l.target_id = t.id
      JOIN post_metric_series s ON s.target_seq = l.seq
    ORDER BY t.seq`,
  'DROP TABLE post_metric_series',
  'DROP TABLE post_metric_latest',
  'ALTER TABLE post_metric_latest_0035 RENAME TO post_metric_latest',
  'ALTER TABLE post_metric_series_0035 RENAME TO post_metric_series',
  `CREATE INDEX post_metric_latest_published ON post_metric_latest
    (account_seq, published_at, fetched_at, impressions, likes, reposts, replies, quotes, bookmarks)`,

  // [Note: latest published_at] (0019), by seq.
  `CREATE TRIGGER post_metric_latest_added AFTER INSERT ON post_metric_latest BEGIN
    UPDATE post_metric_latest SET published_at = (
      SELECT CASE WHEN t.status = 'published' THEN t.published_at END
      FROM post_targets t WHERE t.seq = NEW.target_seq)
    WHERE target_seq = NEW.target_seq;
  END`,
  `CREATE TRIGGER post_targets_metric_published AFTER UPDATE OF status, published_at ON post_targets
    BEGIN
    UPDATE post_metric_latest
      SET published_at = CASE WHEN NEW.status = 'published' THEN NEW.published_at END
    WHERE target_seq = NEW.seq;
  END`,

  // 0033's triggers: the gains rollup stays the sum of the series' readings.
  `CREATE TRIGGER post_metric_series_added AFTER INSERT ON post_metric_series BEGIN
    ${addGains(readingsOf('NEW.points', ''))}
  END`,
  `CREATE TRIGGER post_metric_series_changed AFTER UPDATE OF points ON post_metric_series BEGIN
    ${addGains(`${readingsOf('NEW.points', '')} UNION ALL ${readingsOf('OLD.points', '-')}`)}
  END`,
  `CREATE TRIGGER post_metric_series_moved BEFORE UPDATE OF target_seq ON post_metric_series
    WHEN NEW.target_seq IS NOT OLD.target_seq BEGIN
    SELECT RAISE(ABORT, 'a metric series stays with its post');
  END`,
  // Gains move with an account only through the series; a latest row keeps its account.
  `CREATE TRIGGER post_metric_latest_moved BEFORE UPDATE OF target_seq, account_seq
    ON post_metric_latest
    WHEN NEW.target_seq IS NOT OLD.target_seq OR NEW.account_seq IS NOT OLD.account_seq BEGIN
    SELECT RAISE(ABORT, 'a post''s latest figures stay with its post and account');
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
          WHERE s.target_seq = OLD.target_seq GROUP BY r.quarter) g
    WHERE post_metric_gains.account_seq = OLD.account_seq
      AND post_metric_gains.quarter = g.quarter;
  END`,

  // The readings as they were shaped before 0019, with their target and account ids.
  `CREATE VIEW post_metric_snapshots AS
    SELECT t.id AS target_id, a.account_id, r.fetched_at, ${prefixed('r')},
      r.impressions_gain, r.engagements_gain
    FROM post_metric_latest l JOIN post_targets t ON t.seq = l.target_seq
      JOIN metric_accounts a ON a.seq = l.account_seq
      JOIN post_metric_series s ON s.target_seq = l.target_seq,
      metric_series_readings(s.points) r`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of before) await sql.raw(statement).execute(db);
  // [Note: target seq] The rowid kept as it is: `seq` is given the row's own.
  await rebuildWithCheck(
    db,
    'post_targets',
    'id TEXT PRIMARY KEY,',
    'seq INTEGER PRIMARY KEY,\n    id TEXT NOT NULL UNIQUE,',
    'rowid AS seq, *',
  );
  for (const statement of after) await sql.raw(statement).execute(db);
}
