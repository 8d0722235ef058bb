// Public shapes of the fake X server: what tests configure, read back and assert on.
import type { FakeClock, FaultRule, LoggedRequest } from '../http-kit/types.ts';

export type { FakeClock, FaultRule, LoggedRequest } from '../http-kit/types.ts';

export interface FakeUser {
  id: string;
  username: string;
  name: string;
  profileImageUrl: string;
  followers: number;
  following: number;
  /** null: counted from the user's undeleted posts. */
  tweets: number | null;
  listed: number;
}

export interface FakeTweet {
  id: string;
  authorId: string;
  text: string;
  replyToId: string | null;
  quoteTweetId: string | null;
  mediaIds: string[];
  /** Epoch ms on the fake clock. */
  createdAt: number;
  deleted: boolean;
}

export type FakeMediaState = 'uploading' | 'pending' | 'in_progress' | 'succeeded' | 'failed';

export interface FakeMedia {
  id: string;
  mediaKey: string;
  ownerId: string;
  mediaType: string;
  mediaCategory: string;
  totalBytes: number;
  /** The bytes appended so far, in segment order. */
  data: Buffer;
  state: FakeMediaState;
  altText: string | null;
  createdAt: number;
  expiresAt: number;
}

export interface TweetMetrics {
  impressions: number;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  bookmarks: number;
  urlClicks: number;
  profileClicks: number;
}

export interface FakeX {
  origin: string;
  port: number;
  close(): Promise<void>;
  clock: FakeClock;
  addUser(
    user?: Partial<{
      id: string;
      username: string;
      name: string;
      profileImageUrl: string;
      followers: number;
      following: number;
    }>,
  ): FakeUser;
  registerApp(app: { clientId: string; redirectUris: string[]; name?: string }): void;
  registerOAuth1App(app: { consumerKey: string; consumerSecret: string; name?: string }): void;
  signIn(userId: string): void;
  approve(authorizeUrl: string, opts?: { deny?: boolean; userId?: string }): Promise<string>;
  issueTokens(
    userId: string,
    opts?: { clientId?: string; scopes?: string[] },
  ): { accessToken: string; refreshToken: string; expiresAt: number };
  issueOAuth1Tokens(
    userId: string,
    consumerKey: string,
  ): { accessToken: string; accessSecret: string };
  revokeUser(userId: string): void;
  fault(rule: FaultRule): void;
  clearFaults(): void;
  /** Refresh tokens presented again after they were spent (each answered invalid_grant). */
  refreshReuses(): number;
  ledger: {
    tweets(): FakeTweet[];
    requests(): LoggedRequest[];
  };
  setMetrics(tweetId: string, metrics: Partial<TweetMetrics>): void;
  /** Adds to a post's metrics, as time passing on X would. */
  growMetrics(tweetId: string, by: Partial<TweetMetrics>): void;
  /** The post disappears from X (its author deleted it elsewhere). */
  deleteTweet(tweetId: string): void;
  setFollowers(
    userId: string,
    counts: Partial<{ followers: number; following: number; tweets: number; listed: number }>,
  ): void;
  media: { get(id: string): FakeMedia | undefined; failNextProcessing(): void };
}
