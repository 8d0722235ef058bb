// Analytics: when each published post and account is next polled for metrics
// (with a lease, so the app and `starling daemon` never fetch the same thing twice), the
// latest metrics per post and each snapshot's gain for the dashboard, and the X reads
// spent per UTC day.
import { sql, type Kysely } from 'kysely';

const statements = [
  // One row per polled subject: a post target ('post') or an account ('account').
  // due_at NULL: not polled any more (older than 30 days, or deleted at X: gone_at).
  `CREATE TABLE metric_polls (
    subject TEXT NOT NULL CHECK (subject IN ('post', 'account')),
    subject_id TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
    due_at INTEGER,
    lease_owner TEXT,
    lease_expires_at INTEGER,
    last_fetched_at INTEGER,
    gone_at INTEGER,
    -- On an account's row: X answered 429; nothing of the account is read before this.
    held_until INTEGER,
    last_error TEXT,
    PRIMARY KEY (subject, subject_id)
  ) STRICT`,
  // The runner's "what is due next" per account.
  `CREATE INDEX metric_polls_due ON metric_polls (due_at) WHERE due_at IS NOT NULL`,
  `CREATE INDEX metric_polls_by_account ON metric_polls (account_id, subject, due_at)`,

  // The newest snapshot of each post, kept beside the append-only history so top posts,
  // best times and reports read one row per post instead of scanning the history.
  `CREATE TABLE post_metric_latest (
    target_id TEXT PRIMARY KEY REFERENCES post_targets (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
    fetched_at INTEGER NOT NULL,
    impressions INTEGER,
    likes INTEGER NOT NULL DEFAULT 0,
    reposts INTEGER NOT NULL DEFAULT 0,
    replies INTEGER NOT NULL DEFAULT 0,
    quotes INTEGER NOT NULL DEFAULT 0,
    bookmarks INTEGER NOT NULL DEFAULT 0,
    clicks INTEGER,
    profile_visits INTEGER
  ) STRICT`,

  // What each snapshot added since the post's previous one, written with it, so the
  // dashboard's "gained per day" is one covering-index range sum instead of pairing
  // every snapshot with the one before it.
  `ALTER TABLE post_metric_snapshots ADD COLUMN impressions_gain INTEGER NOT NULL DEFAULT 0`,
  `ALTER TABLE post_metric_snapshots ADD COLUMN engagements_gain INTEGER NOT NULL DEFAULT 0`,
  `CREATE INDEX post_metric_snapshots_gains
    ON post_metric_snapshots (account_id, fetched_at, impressions_gain, engagements_gain)`,

  // X reads spent per UTC day (X bills reads per post and per user returned).
  `CREATE TABLE x_read_usage (
    day TEXT PRIMARY KEY,
    reads INTEGER NOT NULL DEFAULT 0
  ) STRICT`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
