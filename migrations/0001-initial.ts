// The whole data model, for one local user. Instants are epoch ms UTC, ids
// are sortable text (UUIDv7), every table is STRICT, and each index serves a query path
// named beside it.
import { sql, type Kysely } from 'kysely';

const statements = [
  // Clients: the agency's customers. Active names are unique, case-insensitively.
  `CREATE TABLE clients (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    color TEXT NOT NULL CHECK (color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    timezone TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    grace_minutes INTEGER NOT NULL DEFAULT 120 CHECK (grace_minutes >= 0),
    archived_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT`,
  `CREATE UNIQUE INDEX clients_active_name ON clients (lower(name)) WHERE archived_at IS NULL`,
  // Client list: active first, by name.
  `CREATE INDEX clients_by_archived_name ON clients (archived_at, name)`,

  `CREATE TABLE social_accounts (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    platform TEXT NOT NULL CHECK (platform IN ('x')),
    platform_user_id TEXT NOT NULL,
    handle TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    avatar_url TEXT,
    status TEXT NOT NULL DEFAULT 'active'
      CHECK (status IN ('active', 'needs_reauth', 'disconnected')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (platform, platform_user_id)
  ) STRICT`,
  `CREATE INDEX social_accounts_by_client ON social_accounts (client_id, handle)`,

  // Tokens, encrypted by the vault before they get here; never selected for IPC.
  `CREATE TABLE account_credentials (
    account_id TEXT PRIMARY KEY REFERENCES social_accounts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('oauth2', 'oauth1')),
    ciphertext BLOB NOT NULL,
    access_expires_at INTEGER,
    scope TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL
  ) STRICT`,

  `CREATE TABLE campaigns (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    color TEXT NOT NULL,
    starts_on TEXT,
    ends_on TEXT,
    archived_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on)
  ) STRICT`,
  `CREATE INDEX campaigns_by_client ON campaigns (client_id, starts_on)`,

  // A post is what a person scheduled: the instant plus the zone and wall time they
  // chose, so a DST rule change can be detected and the intent kept.
  `CREATE TABLE posts (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    campaign_id TEXT REFERENCES campaigns (id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
      ('draft', 'scheduled', 'publishing', 'published', 'partially_published',
       'failed', 'needs_review', 'cancelled', 'missed')),
    scheduled_at INTEGER,
    timezone TEXT NOT NULL,
    local_time TEXT,
    published_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT`,
  // Calendar: a range over all clients, or one client, or one campaign.
  `CREATE INDEX posts_by_time ON posts (scheduled_at)`,
  `CREATE INDEX posts_by_client_time ON posts (client_id, scheduled_at)`,
  `CREATE INDEX posts_by_campaign_time ON posts (campaign_id, scheduled_at)`,
  `CREATE INDEX posts_by_status_time ON posts (status, scheduled_at)`,

  `CREATE TABLE post_targets (
    id TEXT PRIMARY KEY,
    post_id TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
      ('draft', 'scheduled', 'publishing', 'published', 'failed', 'needs_review', 'cancelled',
       'missed')),
    remote_id TEXT,
    remote_url TEXT,
    error_code TEXT,
    error_message TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    published_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (post_id, account_id)
  ) STRICT`,
  // Per-account history and analytics sync: an account's published targets.
  `CREATE INDEX post_targets_by_account ON post_targets (account_id, status, published_at)`,
  `CREATE INDEX post_targets_by_remote ON post_targets (remote_id) WHERE remote_id IS NOT NULL`,

  // Thread parts in order; a part's text may be overridden per account.
  `CREATE TABLE post_parts (
    id TEXT PRIMARY KEY,
    post_id TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    text TEXT NOT NULL DEFAULT '',
    UNIQUE (post_id, position)
  ) STRICT`,
  `CREATE TABLE post_part_variants (
    part_id TEXT NOT NULL REFERENCES post_parts (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    PRIMARY KEY (part_id, account_id)
  ) STRICT`,
  `CREATE INDEX post_part_variants_by_account ON post_part_variants (account_id)`,
  // Each part as posted to one target: a thread resumes from the last persisted id.
  `CREATE TABLE post_target_parts (
    target_id TEXT NOT NULL REFERENCES post_targets (id) ON DELETE CASCADE,
    part_id TEXT NOT NULL REFERENCES post_parts (id) ON DELETE CASCADE,
    remote_id TEXT NOT NULL,
    posted_at INTEGER NOT NULL,
    PRIMARY KEY (target_id, part_id)
  ) STRICT`,
  `CREATE INDEX post_target_parts_by_part ON post_target_parts (part_id)`,

  // Content-addressed media library: the file lives at media/<sha256>; one row per
  // client library that holds it.
  `CREATE TABLE media_assets (
    id TEXT PRIMARY KEY,
    client_id TEXT REFERENCES clients (id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    kind TEXT NOT NULL CHECK (kind IN ('image', 'gif', 'video')),
    mime TEXT NOT NULL,
    bytes INTEGER NOT NULL CHECK (bytes > 0),
    width INTEGER,
    height INTEGER,
    duration_ms INTEGER,
    original_name TEXT NOT NULL DEFAULT '',
    thumbnail_path TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (client_id, sha256)
  ) STRICT`,
  `CREATE INDEX media_assets_by_client ON media_assets (client_id, created_at)`,
  `CREATE INDEX media_assets_by_sha ON media_assets (sha256)`,
  `CREATE TABLE post_part_media (
    part_id TEXT NOT NULL REFERENCES post_parts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 3),
    media_id TEXT NOT NULL REFERENCES media_assets (id) ON DELETE RESTRICT,
    alt_text TEXT NOT NULL DEFAULT '' CHECK (length(alt_text) <= 1000),
    PRIMARY KEY (part_id, position)
  ) STRICT`,
  // "Where is this used?" and "may I delete it?"
  `CREATE INDEX post_part_media_by_media ON post_part_media (media_id)`,

  // Templates and hashtag groups: per client, or global when client_id is NULL.
  `CREATE TABLE templates (
    id TEXT PRIMARY KEY,
    client_id TEXT REFERENCES clients (id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX templates_by_client ON templates (client_id, name)`,
  `CREATE TABLE hashtag_groups (
    id TEXT PRIMARY KEY,
    client_id TEXT REFERENCES clients (id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    hashtags TEXT NOT NULL CHECK (json_valid(hashtags) AND json_type(hashtags) = 'array'),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX hashtag_groups_by_client ON hashtag_groups (client_id, name)`,

  // Weekly queue slots, read in the account's client's time zone.
  `CREATE TABLE posting_slots (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    minute_of_day INTEGER NOT NULL CHECK (minute_of_day BETWEEN 0 AND 1439),
    created_at INTEGER NOT NULL,
    UNIQUE (account_id, weekday, minute_of_day)
  ) STRICT`,

  // Durable job queue: claimed with a lease in a transaction, so two processes on one
  // data folder never run the same job.
  `CREATE TABLE publish_jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('publish', 'metrics_post', 'metrics_account')),
    target_id TEXT REFERENCES post_targets (id) ON DELETE CASCADE,
    account_id TEXT REFERENCES social_accounts (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'pending'
      CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled')),
    run_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
    lease_owner TEXT,
    lease_expires_at INTEGER,
    last_error TEXT,
    payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT`,
  // The scheduler's "what is due next" query.
  `CREATE INDEX publish_jobs_due ON publish_jobs (status, run_at)`,
  `CREATE INDEX publish_jobs_by_target ON publish_jobs (target_id)`,

  // Append-only audit trail. No foreign keys: the history outlives a deleted draft.
  `CREATE TABLE post_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id TEXT NOT NULL,
    target_id TEXT,
    type TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
    at INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX post_events_by_post ON post_events (post_id, id)`,
  `CREATE TRIGGER post_events_no_update BEFORE UPDATE ON post_events
    BEGIN SELECT RAISE(ABORT, 'post_events is append-only'); END`,
  `CREATE TRIGGER post_events_no_delete BEFORE DELETE ON post_events
    BEGIN SELECT RAISE(ABORT, 'post_events is append-only'); END`,

  // Metric snapshots: one row per fetch. account_id is copied in so a dashboard range
  // over one account (or a client's accounts) is one index range scan.
  `CREATE TABLE post_metric_snapshots (
    id INTEGER PRIMARY KEY,
    target_id TEXT NOT NULL REFERENCES post_targets (id) ON DELETE CASCADE,
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
  `CREATE INDEX post_metric_snapshots_by_target ON post_metric_snapshots (target_id, fetched_at)`,
  `CREATE INDEX post_metric_snapshots_by_account ON post_metric_snapshots (account_id, fetched_at)`,
  `CREATE TABLE account_metric_snapshots (
    id INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
    fetched_at INTEGER NOT NULL,
    followers INTEGER NOT NULL,
    following INTEGER NOT NULL,
    posts_count INTEGER NOT NULL,
    listed INTEGER NOT NULL DEFAULT 0
  ) STRICT`,
  `CREATE INDEX account_metric_snapshots_by_account ON account_metric_snapshots (account_id, fetched_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
