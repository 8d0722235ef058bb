// Metric readings at a million posts (issue 19): a lean history table, a per-quarter-hour
// rollup of what the readings gained, and each post's latest figures indexed by when it
// was published, so the dashboard reads a few thousand rollup and index entries instead
// of a 90-day range of readings and a year of joined targets.
//
// [Note: lean readings] post_metric_readings holds one row per reading keyed by
// (target_seq, fetched_at), WITHOUT ROWID: the post's integer seq (post_metric_latest.seq)
// instead of two 36-character ids, no account column, no secondary index. Measured on the
// 100,000-post dataset (2 M readings): 550 MB before (table + 3 indexes), 85 MB WITHOUT
// ROWID, 121 MB as a rowid table with the (target_seq, fetched_at) index it would need.
// A post's curve is one primary-key range. Two readings of a post at the same instant are
// one row: the later figures, the gains of both (so gains still add up to the total).
// The `post_metric_snapshots` view keeps the old shape (target and account ids) for
// readers that want it.
//
// [Note: metric gains rollup] post_metric_gains sums impressions_gain and engagements_gain
// per account and quarter hour of fetched_at (fetched_at / 900000, as the dashboard always
// grouped them): every zone's midnight falls on a quarter hour, so any client's days are
// sums of whole quarters and the daily series stays exact in every zone. Triggers keep it
// equal to the sums over the readings whoever writes them: a reading added or changed adds
// its gains; a reading removed, or a post's latest row removed (its readings go with it by
// cascade, after the row itself, when the account can no longer be looked up), subtracts
// them. Accounts are keyed by a small integer (metric_accounts) so a rollup row is ~16
// bytes, not ~55.
//
// [Note: latest published_at] post_metric_latest.published_at is its target's published_at
// while the target's status is 'published', else NULL, kept by triggers on both tables.
// The dashboard's summary, top posts and best times read it through one covering index per
// account instead of joining every target of a range with its latest row.
//
// Runs in one transaction with foreign keys off (open-database.ts), like every migration:
// all or nothing. At a million posts (20 M readings) it takes minutes (README).
import { sql, type Kysely } from 'kysely';

const figures = 'impressions, likes, reposts, replies, quotes, bookmarks, clicks, profile_visits';
const metricColumns = `
    impressions INTEGER,
    likes INTEGER NOT NULL DEFAULT 0,
    reposts INTEGER NOT NULL DEFAULT 0,
    replies INTEGER NOT NULL DEFAULT 0,
    quotes INTEGER NOT NULL DEFAULT 0,
    bookmarks INTEGER NOT NULL DEFAULT 0,
    clicks INTEGER,
    profile_visits INTEGER`;

/** The gains rollup row of a reading's account: add (sign 1) or take away (sign -1). */
const accountOfReading = (seq: string) =>
  `(SELECT a.seq FROM post_metric_latest l JOIN metric_accounts a ON a.account_id = l.account_id
    WHERE l.seq = ${seq})`;

const addGains = (row: 'NEW') => `
    INSERT INTO metric_accounts (account_id)
      SELECT l.account_id FROM post_metric_latest l WHERE l.seq = ${row}.target_seq
        AND NOT EXISTS (SELECT 1 FROM metric_accounts a WHERE a.account_id = l.account_id);
    INSERT INTO post_metric_gains (account_seq, quarter, impressions, engagements)
      SELECT ${accountOfReading(`${row}.target_seq`)}, ${row}.fetched_at / 900000,
             ${row}.impressions_gain, ${row}.engagements_gain
      WHERE EXISTS (SELECT 1 FROM post_metric_latest l WHERE l.seq = ${row}.target_seq)
      ON CONFLICT (account_seq, quarter) DO UPDATE SET
        impressions = impressions + excluded.impressions,
        engagements = engagements + excluded.engagements;`;

const takeGains = `
    UPDATE post_metric_gains SET
      impressions = impressions - OLD.impressions_gain,
      engagements = engagements - OLD.engagements_gain
    WHERE account_seq = ${accountOfReading('OLD.target_seq')} AND quarter = OLD.fetched_at / 900000;`;

const statements = [
  // Each post's latest figures, now with an integer seq for the readings to refer to.
  `ALTER TABLE post_metric_latest RENAME TO post_metric_latest_0018`,
  `CREATE TABLE post_metric_latest (
    seq INTEGER PRIMARY KEY,
    target_id TEXT NOT NULL UNIQUE REFERENCES post_targets (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
    fetched_at INTEGER NOT NULL,${metricColumns},
    -- [Note: latest published_at]
    published_at INTEGER
  ) STRICT`,
  `INSERT INTO post_metric_latest (target_id, account_id, fetched_at, ${figures}, published_at)
    SELECT l.target_id, l.account_id, l.fetched_at, ${figures
      .split(', ')
      .map((c) => `l.${c}`)
      .join(', ')},
      CASE WHEN t.status = 'published' THEN t.published_at END
    FROM post_metric_latest_0018 l LEFT JOIN post_targets t ON t.id = l.target_id
    ORDER BY l.rowid`,
  // A post with readings but no latest row (none is known; never lose a reading): its
  // newest reading becomes its latest.
  `INSERT INTO post_metric_latest (target_id, account_id, fetched_at, ${figures}, published_at)
    SELECT s.target_id, s.account_id, s.fetched_at, ${figures
      .split(', ')
      .map((c) => `s.${c}`)
      .join(', ')},
      CASE WHEN t.status = 'published' THEN t.published_at END
    FROM (SELECT DISTINCT target_id FROM post_metric_snapshots
          WHERE target_id NOT IN (SELECT target_id FROM post_metric_latest_0018)) o
    JOIN post_metric_snapshots s ON s.id = (
      SELECT id FROM post_metric_snapshots WHERE target_id = o.target_id
      ORDER BY fetched_at DESC, id DESC LIMIT 1)
    LEFT JOIN post_targets t ON t.id = o.target_id`,
  `DROP TABLE post_metric_latest_0018`,
  `CREATE INDEX post_metric_latest_published ON post_metric_latest
    (account_id, published_at, fetched_at, impressions, likes, reposts, replies, quotes, bookmarks)`,

  // [Note: lean readings]
  `CREATE TABLE post_metric_readings (
    target_seq INTEGER NOT NULL REFERENCES post_metric_latest (seq) ON DELETE CASCADE,
    fetched_at INTEGER NOT NULL,${metricColumns},
    impressions_gain INTEGER NOT NULL DEFAULT 0,
    engagements_gain INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (target_seq, fetched_at)
  ) STRICT, WITHOUT ROWID`,
  // Walks the latest rows in seq order and each post's readings in time order: rows
  // arrive in primary-key order, no sort. Same-instant readings merge (the note above).
  `INSERT INTO post_metric_readings
    (target_seq, fetched_at, ${figures}, impressions_gain, engagements_gain)
    SELECT l.seq, s.fetched_at, ${figures
      .split(', ')
      .map((c) => `s.${c}`)
      .join(', ')}, s.impressions_gain, s.engagements_gain
    FROM post_metric_latest l JOIN post_metric_snapshots s ON s.target_id = l.target_id
    WHERE true
    ORDER BY l.seq, s.fetched_at, s.id
    ON CONFLICT (target_seq, fetched_at) DO UPDATE SET
      ${figures
        .split(', ')
        .map((c) => `${c} = excluded.${c}`)
        .join(', ')},
      impressions_gain = impressions_gain + excluded.impressions_gain,
      engagements_gain = engagements_gain + excluded.engagements_gain`,

  // [Note: metric gains rollup]
  `CREATE TABLE metric_accounts (
    seq INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL UNIQUE REFERENCES social_accounts (id) ON DELETE CASCADE
  ) STRICT`,
  `INSERT INTO metric_accounts (account_id)
    SELECT DISTINCT account_id FROM post_metric_latest ORDER BY account_id`,
  `CREATE TABLE post_metric_gains (
    account_seq INTEGER NOT NULL REFERENCES metric_accounts (seq) ON DELETE CASCADE,
    quarter INTEGER NOT NULL,
    impressions INTEGER NOT NULL,
    engagements INTEGER NOT NULL,
    PRIMARY KEY (account_seq, quarter)
  ) STRICT, WITHOUT ROWID`,
  // From the old table's (account_id, fetched_at, gains) index: grouped as it is read, no
  // sort. Its account is the one of the reading's latest row (both are the target's).
  `INSERT INTO post_metric_gains (account_seq, quarter, impressions, engagements)
    SELECT a.seq, g.quarter, g.impressions, g.engagements
    FROM (SELECT account_id, fetched_at / 900000 AS quarter,
                 sum(impressions_gain) AS impressions, sum(engagements_gain) AS engagements
          FROM post_metric_snapshots GROUP BY account_id, quarter) g
    JOIN metric_accounts a ON a.account_id = g.account_id`,
  `DROP TABLE post_metric_snapshots`,

  `CREATE TRIGGER post_metric_readings_added AFTER INSERT ON post_metric_readings BEGIN
    ${addGains('NEW')}
  END`,
  `CREATE TRIGGER post_metric_readings_changed
    AFTER UPDATE OF target_seq, fetched_at, impressions_gain, engagements_gain
    ON post_metric_readings BEGIN
    ${takeGains}
    ${addGains('NEW')}
  END`,
  // Finds nothing when the latest row is already gone (a cascade): see the next trigger.
  `CREATE TRIGGER post_metric_readings_removed AFTER DELETE ON post_metric_readings BEGIN
    ${takeGains}
  END`,
  `CREATE TRIGGER post_metric_latest_removed BEFORE DELETE ON post_metric_latest BEGIN
    UPDATE post_metric_gains SET
      impressions = impressions - (SELECT sum(r.impressions_gain) FROM post_metric_readings r
        WHERE r.target_seq = OLD.seq AND r.fetched_at / 900000 = post_metric_gains.quarter),
      engagements = engagements - (SELECT sum(r.engagements_gain) FROM post_metric_readings r
        WHERE r.target_seq = OLD.seq AND r.fetched_at / 900000 = post_metric_gains.quarter)
    WHERE account_seq = (SELECT seq FROM metric_accounts WHERE account_id = OLD.account_id)
      AND quarter IN (SELECT fetched_at / 900000 FROM post_metric_readings WHERE target_seq = OLD.seq);
  END`,

  // [Note: latest published_at]
  `CREATE TRIGGER post_metric_latest_added AFTER INSERT ON post_metric_latest BEGIN
    UPDATE post_metric_latest SET published_at = (
      SELECT CASE WHEN t.status = 'published' THEN t.published_at END
      FROM post_targets t WHERE t.id = NEW.target_id)
    WHERE seq = NEW.seq;
  END`,
  `CREATE TRIGGER post_targets_metric_published AFTER UPDATE OF status, published_at ON post_targets
    BEGIN
    UPDATE post_metric_latest
      SET published_at = CASE WHEN NEW.status = 'published' THEN NEW.published_at END
    WHERE target_id = NEW.id;
  END`,

  // The readings as they were shaped before, with their target and account ids.
  `CREATE VIEW post_metric_snapshots AS
    SELECT l.target_id, l.account_id, r.fetched_at, ${figures
      .split(', ')
      .map((c) => `r.${c}`)
      .join(', ')}, r.impressions_gain, r.engagements_gain
    FROM post_metric_readings r JOIN post_metric_latest l ON l.seq = r.target_seq`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
