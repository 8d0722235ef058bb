// Row types of the metric readings, their rollup and each post's latest figures, for
// kysely (migrations 0001, 0006 and 0019: [Note: lean readings] and the notes beside it).
import type { Generated } from 'kysely';

export interface PostMetricLatestTable {
  /** 0019: the key the post's readings refer to. */
  seq: Generated<number>;
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
  /** 0019: the target's published_at while it is published, else NULL (triggers). */
  published_at: Generated<number | null>;
}

/**
 * 0019: one row per reading, keyed by the post's seq in post_metric_latest ([Note: lean
 * readings] in migrations/0019-lean-metric-readings.ts).
 */
export interface PostMetricReadingsTable {
  target_seq: number;
  fetched_at: number;
  impressions: number | null;
  likes: Generated<number>;
  reposts: Generated<number>;
  replies: Generated<number>;
  quotes: Generated<number>;
  bookmarks: Generated<number>;
  clicks: number | null;
  profile_visits: number | null;
  /** What this reading added since the post's previous one. */
  impressions_gain: Generated<number>;
  engagements_gain: Generated<number>;
}

/** 0019: a view of the readings with their target and account ids (read only). */
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

/** 0019: a small integer per account for the gains rollup (kept by triggers). */
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
