// The analytics side of the platform port ([Note: platform port] in ./port.ts): reading a
// network's figures for posted parts and accounts back into the local history.
import type { CallOutcome, PlatformAccount } from './port.ts';

export interface PostMetrics {
  impressions: number | null;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  bookmarks: number;
  clicks: number | null;
  profileVisits: number | null;
}

export interface PostLookup {
  /** Metrics per remote id returned. */
  found: Map<string, PostMetrics>;
  /** Ids the network says do not exist (deleted): stop polling them. */
  gone: string[];
  /** Ids whose private metrics were refused: ask again with public metrics only. */
  publicOnly: string[];
  /** Ids answered with another partial error, with the network's words. */
  failed: Map<string, string>;
}

export interface AccountCounts {
  followers: number;
  following: number;
  postsCount: number;
  listed: number;
}

/** Reading metrics back for the analytics sync. */
export interface MetricsPort {
  /**
   * Why the network gives an app like Starling no metrics for this account at all
   * (LinkedIn's personal profiles), in words for the user, or null. Such an account is
   * never read: its posts show this instead of figures, never zeros.
   */
  unavailable?(account: PlatformAccount): string | null;
  /** The most posts one read may name. */
  maxPostsPerRead: number;
  /** Reads are billed (X's pay-per-use): they count against the daily read cap. */
  billsReads: boolean;
  readPosts(
    account: PlatformAccount,
    remoteIds: string[],
    withPrivate: boolean,
  ): Promise<PostLookup>;
  readAccount(account: PlatformAccount): Promise<AccountCounts>;
  classify(error: unknown, now: number): CallOutcome;
}
