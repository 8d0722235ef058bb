// Row types of the metric readings, their rollup and each post's latest figures, for
// kysely (migrations 0001, 0006, 0019, 0033 and 0035: [Note: lean readings] and the notes
// beside it).
import type { Generated } from 'kysely';

export interface PostMetricLatestTable {
  /** 0035: the target's seq ([Note: target seq]); the post's series is keyed by it too. */
  target_seq: number;
  /** 0035: the account's seq in metric_accounts, as in the gains rollup. */
  account_seq: number;
  fetched_at: number;
  impressions: number | null;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  bookmarks: number;
  clicks: number | null;
  profile_visits: number | null;
  /** 0019: the target's published_at while it is published, else NULL (triggers). */
  published_at: Generated<number | null>;
}

/**
 * 0033: each post's readings packed into one BLOB ([Note: packed readings] in
 * main/core/analytics/reading-series.ts), keyed by its target's seq (0035).
 */
export interface PostMetricSeriesTable {
  target_seq: number;
  points: Uint8Array;
}

/** 0019, 0033: a view of the readings with their target and account ids (read only). */
export interface PostMetricSnapshotsView {
  target_id: string;
  account_id: string;
  fetched_at: number;
  impressions: number | null;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  bookmarks: number;
  clicks: number | null;
  profile_visits: number | null;
  impressions_gain: number;
  engagements_gain: number;
}

/**
 * 0019: a small integer per account for the gains rollup and, since 0035, the latest
 * figures; given on an account's first figures (metric-sync.ts).
 */
export interface MetricAccountsTable {
  seq: Generated<number>;
  account_id: string;
}

/** 0019: gains summed per account and quarter hour ([Note: metric gains rollup]). */
export interface PostMetricGainsTable {
  account_seq: number;
  /** fetched_at / 900000, rounded down. */
  quarter: number;
  impressions: number;
  engagements: number;
}
