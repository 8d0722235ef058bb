// Public shapes of the fake X server: what tests configure, read back and assert on.

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

export interface LoggedRequest {
  method: string;
  host: string;
  /** Path without the query string. */
  path: string;
  /** Path with the query string, as sent. */
  url: string;
  /** The status the fake answered, or would have answered before dropping the connection (0: none). */
  status: number;
  /** false when a fault dropped or reset the connection instead of answering. */
  delivered: boolean;
  authorization?: string;
  /** Text bodies (JSON, form); multipart and binary bodies are summarised. */
  body?: string;
  /** Fake-clock time the request arrived. */
  at: number;
}

export type FaultRule = {
  method?: string;
  /** Exact path (':name' segments match any value) or a RegExp tested against the path. */
  path: string | RegExp;
  /** How many matching requests the fault applies to; default 1. */
  times?: number;
} & (
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: 500 | 502 | 503 | 504 }
  | { kind: 'rate-limit'; resetInSeconds: number }
  | { kind: 'drop-after-record' }
  | { kind: 'reset' }
  | { kind: 'revoked' }
);

export interface FakeClock {
  now(): number;
  advance(ms: number): void;
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
