// Row types of the tables created in migrations/, for kysely. Columns are snake_case in
// SQL and here; services map rows to the camelCase DTOs in shared/.
import type { ColumnType, Generated } from 'kysely';
import type { Platform } from '../../../shared/accounts.ts';
import type { MediaKind } from '../../../shared/media.ts';
import type { PostStatus } from '../../../shared/posts.ts';
import type {
  MetricAccountsTable,
  PostMetricGainsTable,
  PostMetricLatestTable,
  PostMetricSeriesTable,
  PostMetricSnapshotsView,
} from './schema-metrics.ts';
import type {
  PostApprovalsTable,
  ReviewPacketPostsTable,
  ReviewPacketsTable,
} from './schema-approval.ts';

export interface ClientsTable {
  /** [Note: accounts and clients by number] (migration 0040). */
  seq: Generated<number>;
  id: string;
  name: string;
  color: string;
  timezone: string;
  notes: string;
  grace_minutes: Generated<number>;
  /** 0014: 1 when the client approves each post before it goes out. */
  require_approval: Generated<number>;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface SocialAccountsTable {
  /** [Note: accounts and clients by number] (migration 0040). */
  seq: Generated<number>;
  id: string;
  client_id: string;
  platform: Platform;
  platform_user_id: string;
  handle: string;
  display_name: Generated<string>;
  avatar_url: string | null;
  status: Generated<'active' | 'needs_reauth' | 'disconnected'>;
  created_at: number;
  updated_at: number;
  /** 0007: the PDS or instance origin for networks without a fixed host; null for X. */
  service_url: string | null;
  /** 0007: the network's own account settings, a JSON object its folder validates. */
  settings: Generated<string>;
  /** 0009: 1 when the user lets the network hold this account's posts until their time. */
  hand_off: Generated<number>;
  /** 0013: why the account needs reconnecting, in words for the user; null otherwise. */
  status_reason: string | null;
}

export interface AccountCredentialsTable {
  account_id: string;
  kind: 'oauth2' | 'oauth1' | 'session';
  ciphertext: Uint8Array;
  access_expires_at: number | null;
  scope: Generated<string>;
  updated_at: number;
  /** 0013: when the credentials stop working unless the user connects again; null: they renew. */
  reconnect_by: number | null;
}

export interface CampaignsTable {
  id: string;
  client_id: string;
  name: string;
  color: string;
  starts_on: string | null;
  ends_on: string | null;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

export type { PostStatus } from '../../../shared/posts.ts';

export interface PostsTable {
  /** 0037: its integer key here, never given twice ([Note: event log by number]). */
  seq: Generated<number>;
  id: string;
  /** clients.seq ([Note: posts by number], migration 0042). */
  client_seq: number;
  campaign_id: string | null;
  status: Generated<PostStatus>;
  scheduled_at: number | null;
  timezone: string;
  local_time: string | null;
  published_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface PostTargetsTable {
  /** 0035: the target's integer key in this database ([Note: target seq]); never exported. */
  seq: Generated<number>;
  id: string;
  /** posts.seq and social_accounts.seq ([Note: targets by number], migration 0041). */
  post_seq: number;
  account_seq: number;
  status: Generated<Exclude<PostStatus, 'partially_published'>>;
  remote_id: string | null;
  /**
   * 0043: the link is remote_url_prefixes' prefix followed by remote_id, or the whole of
   * remote_url_full ([Note: links by prefix]); read and write it through remote-urls.ts.
   */
  remote_url_prefix: number | null;
  remote_url_full: string | null;
  error_code: string | null;
  error_message: string | null;
  attempts: Generated<number>;
  published_at: number | null;
  created_at: number;
  updated_at: number;
  /** 0007: the network's options for this post (a JSON object), e.g. Mastodon's visibility. */
  options: Generated<string>;
  /**
   * 0009: the key a hand-off was sent with, committed before the request; with no
   * `hold_id` yet, the answer never came and the same key asks again.
   */
  hold_key: string | null;
  /** 0009: the network's id of the post it holds for this target until `hold_at`. */
  hold_id: string | null;
  /** 0009: the time the network holds it for. */
  hold_at: number | null;
  /** 0009: what was handed over (publishing/hand-off.ts `holdDigest`), to notice edits. */
  hold_digest: string | null;
  /** 0009: why the network would not hold it (Starling publishes it itself), or null. */
  hold_refused: string | null;
}

export interface PostPartsTable {
  /** 0039: the part's rowid, which the search index is keyed by ([Note: parts by number]). */
  seq: Generated<number>;
  id: string;
  /** posts.seq */
  post_seq: number;
  position: number;
  text: Generated<string>;
  /** Written by the search index's trigger only ([Note: client in the search index]). */
  search_client: ColumnType<string | null, never, never>;
}

export interface PostPartVariantsTable {
  part_id: string;
  account_id: string;
  text: string;
}

/** 0011: who is refreshing an account's tokens right now ([Note: refresh leases]). */
export interface CredentialRefreshLeasesTable {
  account_id: string;
  owner: string;
  expires_at: number;
}

/** 0012: a removed account's credentials whose revocation is to be tried again. */
export interface PendingRevocationsTable {
  id: string;
  platform: Platform;
  /** The PlatformAccount as JSON (never a token). */
  account: string;
  /** The credentials as the vault sealed them. */
  ciphertext: Uint8Array;
  attempts: number;
  next_at: number;
  created_at: number;
}

export interface PostTargetPartsTable {
  target_id: string;
  part_id: string;
  remote_id: string;
  posted_at: number;
  /** 0007: what a reply must name besides the id (Bluesky: the record's CID). */
  remote_ref: string | null;
  /** 0010: when Starling deleted the part from its network (null while it is up). */
  removed_at: number | null;
}

export interface MediaAssetsTable {
  id: string;
  client_id: string | null;
  sha256: string;
  /** 0015 adds 'document' (a PDF). */
  kind: MediaKind;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  original_name: Generated<string>;
  thumbnail_path: string | null;
  created_at: number;
}

export interface PostPartMediaTable {
  part_id: string;
  position: number;
  media_id: string;
  alt_text: Generated<string>;
}

/** One upload of a media asset to X for one account, reusable until `expires_at`. */
export interface XMediaUploadsTable {
  media_id: string;
  account_id: string;
  remote_media_id: string;
  /** The alt text X holds for this upload ('' for none). */
  alt_text: Generated<string>;
  uploaded_at: number;
  expires_at: number;
}

export interface TemplatesTable {
  id: string;
  client_id: string | null;
  name: string;
  body: string;
  created_at: number;
  updated_at: number;
}

export interface HashtagGroupsTable {
  id: string;
  client_id: string | null;
  name: string;
  /** JSON array of strings. */
  hashtags: string;
  created_at: number;
  updated_at: number;
}

export interface PostingSlotsTable {
  id: string;
  account_id: string;
  weekday: number;
  minute_of_day: number;
  created_at: number;
}

export interface PublishJobsTable {
  id: string;
  kind: 'publish' | 'metrics_post' | 'metrics_account';
  target_id: string | null;
  account_id: string | null;
  status: Generated<'pending' | 'running' | 'done' | 'failed' | 'cancelled'>;
  run_at: number;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  lease_owner: string | null;
  lease_expires_at: number | null;
  last_error: string | null;
  payload: Generated<string>;
  created_at: number;
  updated_at: number;
}

/**
 * 0034: a view of post_event_log whose trigger numbers each post's events ([Note: event
 * log by post] in migrations/0034-event-log-by-post.ts); writers insert here without an id.
 */
export interface PostEventsTable {
  id: Generated<number>;
  post_id: string;
  target_id: string | null;
  type: string;
  detail: Generated<string>;
  at: number;
}

/** 0037: the log by numbers ([Note: event log by number]); the view's trigger gives ids. */
export interface PostEventLogTable {
  post_seq: number;
  id: number;
  /** post_targets.seq, or post_targets_gone.seq once the target is gone. */
  target_seq: number | null;
  /** post_event_types.code */
  type_code: number;
  detail: Generated<string>;
  at: number;
}

export interface AccountMetricSnapshotsTable {
  id: Generated<number>;
  account_id: string;
  fetched_at: number;
  followers: number;
  following: number;
  posts_count: number;
  listed: Generated<number>;
}

// Analytics: metric polling state, latest metrics per post, reads per day.
export interface MetricPollsTable {
  subject: 'post' | 'account';
  subject_id: string;
  account_id: string;
  due_at: number | null;
  lease_owner: string | null;
  lease_expires_at: number | null;
  last_fetched_at: number | null;
  gone_at: number | null;
  held_until: number | null;
  last_error: string | null;
}

export interface XReadUsageTable {
  day: string;
  reads: number;
}

/** 0007: an OAuth app registered on one server (a Mastodon instance), kept and reused. */
export interface PlatformAppsTable {
  platform: Platform;
  origin: string;
  redirect_uri: string;
  client_id: string;
  secret_ciphertext: Uint8Array;
  scopes: string;
  created_at: number;
}

// 0022: the media relay, one row ([Note: relay keys] in main/core/relay/relay-settings.ts).
export interface MediaRelayTable {
  id: 1;
  endpoint: string;
  region: string;
  bucket: string;
  path_style: 0 | 1;
  /** The access key id and secret, as JSON sealed by the vault. */
  keys_ciphertext: Uint8Array;
  saved_at: number;
}

export interface Schema {
  clients: ClientsTable;
  social_accounts: SocialAccountsTable;
  account_credentials: AccountCredentialsTable;
  campaigns: CampaignsTable;
  posts: PostsTable;
  post_targets: PostTargetsTable;
  remote_url_prefixes: { seq: Generated<number>; prefix: string };
  post_parts: PostPartsTable;
  post_part_variants: PostPartVariantsTable;
  post_target_parts: PostTargetPartsTable;
  credential_refresh_leases: CredentialRefreshLeasesTable;
  pending_revocations: PendingRevocationsTable;
  media_assets: MediaAssetsTable;
  post_part_media: PostPartMediaTable;
  x_media_uploads: XMediaUploadsTable;
  templates: TemplatesTable;
  hashtag_groups: HashtagGroupsTable;
  posting_slots: PostingSlotsTable;
  publish_jobs: PublishJobsTable;
  post_events: PostEventsTable;
  /** 0034: the table behind post_events, for the bulk writer, which gives ids itself. */
  post_event_log: PostEventLogTable;
  post_metric_series: PostMetricSeriesTable;
  post_metric_snapshots: PostMetricSnapshotsView;
  metric_accounts: MetricAccountsTable;
  post_metric_gains: PostMetricGainsTable;
  account_metric_snapshots: AccountMetricSnapshotsTable;
  metric_polls: MetricPollsTable;
  post_metric_latest: PostMetricLatestTable;
  x_read_usage: XReadUsageTable;
  platform_apps: PlatformAppsTable;
  post_approvals: PostApprovalsTable;
  review_packets: ReviewPacketsTable;
  review_packet_posts: ReviewPacketPostsTable;
  media_relay: MediaRelayTable;
}
