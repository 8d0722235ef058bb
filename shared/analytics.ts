// Analytics as the UI, CLI and reports see them: dashboard figures, post curves, read
// usage, and the inputs that ask for them. Instants are epoch ms UTC.
import { z } from 'zod';
import { epochInstant, latestAnalytics } from './instant.ts';
import { lazySchema } from './lazy-schema.ts';
import { accountId, platforms, type Platform } from './accounts.ts';
import { clientId } from './clients.ts';
import { plural } from './plural.ts';

/** [Note: engagement] The one definition used by the dashboard, CSV and PDF report. */
export const engagementDefinition =
  'Engagements = likes + reposts + replies + quotes + bookmarks. ' +
  'Engagement rate = engagements ÷ impressions.';

export const maxRangeMs = 366 * 24 * 60 * 60_000;

const instant = lazySchema(() =>
  epochInstant('Times must be epoch milliseconds.', latestAnalytics),
);

/** The fields of a range query, made inside the schemas that use them (built on first use). */
const rangeFields = () => ({
  clientId,
  /** Only this account of the client; all of them when left out. */
  accountId: accountId.optional(),
  /** Only the client's accounts on this network. */
  platform: z
    .enum(platforms, { error: `Network must be one of ${platforms.join(', ')}.` })
    .optional(),
  from: instant,
  to: instant,
});

export const reportFormats = ['csv', 'pdf'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const analyticsRangeInput = lazySchema(() =>
  z
    .strictObject(rangeFields())
    .refine((r) => r.to > r.from, { message: 'The range must end after it starts.', path: ['to'] })
    .refine((r) => r.to - r.from <= maxRangeMs, {
      message: 'Choose a range of at most 366 days.',
      path: ['from'],
    }),
);

export const reportInput = lazySchema(() =>
  z
    .strictObject({
      ...rangeFields(),
      format: z.enum(reportFormats, { error: 'Format must be csv or pdf.' }),
    })
    .refine((r) => r.to > r.from, { message: 'The range must end after it starts.', path: ['to'] })
    .refine((r) => r.to - r.from <= maxRangeMs, {
      message: 'Choose a range of at most 366 days.',
      path: ['from'],
    }),
);

export interface ReportFile {
  fileName: string;
  mime: string;
  /** The file's bytes, base64 (PDF) or the text itself (CSV) — see `encoding`. */
  content: string;
  encoding: 'base64' | 'utf8';
}

export const targetIdInput = lazySchema(() =>
  z.strictObject({
    targetId: z.string({ error: 'Post target id must be text.' }).min(1).max(64),
  }),
);

export const readCapInput = lazySchema(() =>
  z.strictObject({
    dailyReadCap: z
      .number({ error: 'The daily read cap must be a number.' })
      .int('The daily read cap must be a whole number.')
      .min(0, 'The daily read cap cannot be negative.')
      .max(1_000_000, 'The daily read cap can be at most 1,000,000.'),
  }),
);

export interface ReadUsage {
  /** UTC day the count is for (YYYY-MM-DD); the cap starts over at 00:00 UTC. */
  day: string;
  readsToday: number;
  dailyReadCap: number;
}

export interface PostMetricFigures {
  impressions: number | null;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  bookmarks: number;
  clicks: number | null;
  profileVisits: number | null;
  engagements: number;
  /** null without impressions. */
  engagementRate: number | null;
}

export interface TopPost extends PostMetricFigures {
  targetId: string;
  postId: string;
  accountId: string;
  handle: string;
  text: string;
  url: string | null;
  publishedAt: number;
  fetchedAt: number;
  /** X says the post no longer exists; its metrics stopped being read then. */
  deletedAt: number | null;
}

export interface DailyActivity {
  /** The day in the client's time zone (YYYY-MM-DD) and its first instant. */
  day: string;
  start: number;
  /** Gained that day across the posts' snapshots. */
  impressions: number;
  engagements: number;
}

export interface FollowerSeries {
  accountId: string;
  handle: string;
  points: { at: number; followers: number }[];
}

export interface HeatCell {
  /** 0 = Monday … 6 = Sunday, in the client's time zone. */
  weekday: number;
  hour: number;
  posts: number;
  avgEngagements: number;
}

export interface AnalyticsDashboard {
  clientId: string;
  clientName: string;
  accountId: string | null;
  timezone: string;
  from: number;
  to: number;
  /**
   * The client's accounts. `metricsUnavailable` says why the network gives an account no
   * metrics at all (a LinkedIn personal profile); those accounts are left out of every
   * figure below rather than counted as zeros.
   */
  accounts: {
    id: string;
    platform: Platform;
    handle: string;
    status: string;
    metricsUnavailable: string | null;
  }[];
  summary: {
    /** Posts published in the range, with their latest metrics. */
    posts: number;
    /** Of those, the posts whose metrics were read at least once. */
    postsRead: number;
    /**
     * Sums over the posts read; null when posts were published but none was read yet
     * ([Note: not read yet]): never a 0 that looks like a figure.
     */
    impressions: number | null;
    engagements: number | null;
    engagementRate: number | null;
    /** Followers at the end of the range, all selected accounts together. */
    followers: number | null;
    followersChange: number | null;
  };
  followers: FollowerSeries[];
  daily: DailyActivity[];
  topByEngagementRate: TopPost[];
  topByImpressions: TopPost[];
  /** Best times: average engagements per post by weekday × hour of publishing (last 365 days). */
  heatmap: HeatCell[];
  usage: ReadUsage;
  /** When metrics were last read for these accounts; null: never. */
  lastSyncedAt: number | null;
}

export interface PostCurve {
  targetId: string;
  accountId: string;
  handle: string;
  text: string;
  publishedAt: number | null;
  deletedAt: number | null;
  points: ({ at: number } & PostMetricFigures)[];
}

/** "Refresh now" on a post: its curve, and what X said when it could not be read. */
export interface PostRefresh {
  curve: PostCurve;
  problem: string | null;
}

/** What one metric sync pass did (analytics:sync-now, analytics:refresh-account). */
export interface SyncResult {
  accounts: number;
  /** The accounts the pass looked at (something of theirs was due). */
  accountIds: string[];
  /** Posts whose metrics were read (one snapshot each). */
  postsRead: number;
  /** Accounts whose follower counts were read. */
  accountsRead: number;
  /** Posts found deleted at their network in this pass. */
  deleted: number;
  /** Billed reads (X's) spent in this pass, and today in total, against the cap. */
  reads: number;
  readsToday: number;
  readCap: number;
  capReached: boolean;
  /** Per account, what went wrong (rate limit, reconnect needed, the network's partial errors). */
  problems: { accountId: string; message: string }[];
  /** "Sync now" only: recent posts made due at once, and how far back it reached. */
  recent?: { asked: number; days: number; minutes: number };
}

/**
 * [Note: not read yet] A post whose metrics were never read has no figures, not zeros:
 * the dashboard and the PDF say this instead, the CSV report leaves its metric cells
 * empty (its metrics_read_utc cell is empty too).
 */
export const notReadYet = 'Not read yet';

/** Under the figures when some posts were not read: "Metrics of 2 of 5 posts are not read…". */
export function unreadNote(s: { posts: number; postsRead: number }): string {
  return `Metrics of ${String(s.posts - s.postsRead)} of ${plural(s.posts, 'post')} are not read from their networks yet; the figures leave them out.`;
}

export const engagementsOf = (m: {
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  bookmarks: number;
}): number => m.likes + m.reposts + m.replies + m.quotes + m.bookmarks;

export const engagementRateOf = (engagements: number, impressions: number | null): number | null =>
  impressions === null || impressions <= 0 ? null : engagements / impressions;
