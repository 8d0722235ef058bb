// Everything the fake remembers: users, apps, grants and tokens, posts and media. Plain
// records in maps; the route modules read and change them.
import { createIdSource } from './ids.ts';
import type { FakeClock, FakeMediaState, FakeUser, TweetMetrics } from './types.ts';

export interface UserRecord extends FakeUser {
  createdAt: number;
}

export interface OAuth2App {
  clientId: string;
  redirectUris: string[];
  name: string;
}

export interface OAuth1App {
  consumerKey: string;
  consumerSecret: string;
  name: string;
}

/** One user's consent to one client; every token issued under it dies with it. */
export interface Grant {
  userId: string;
  clientId: string;
  scopes: string[];
  revoked: boolean;
}

export interface AccessToken {
  token: string;
  grant: Grant;
  expiresAt: number;
}

export interface RefreshToken {
  token: string;
  grant: Grant;
  used: boolean;
}

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scopes: string[];
  userId: string;
  expiresAt: number;
  used: boolean;
}

/** An authorize page that was shown and not yet answered. */
export type PendingConsent =
  | {
      kind: 'oauth2';
      clientId: string;
      redirectUri: string;
      state: string;
      codeChallenge: string;
      scopes: string[];
      userId: string;
    }
  | { kind: 'oauth1'; requestToken: string; userId: string };

export interface OAuth1RequestToken {
  token: string;
  secret: string;
  consumerKey: string;
  callback: string;
  verifier: string | null;
  userId: string | null;
  used: boolean;
}

export interface OAuth1AccessToken {
  token: string;
  secret: string;
  consumerKey: string;
  userId: string;
  revoked: boolean;
}

export interface TweetRecord {
  id: string;
  authorId: string;
  text: string;
  replyToId: string | null;
  quoteTweetId: string | null;
  conversationId: string;
  mediaIds: string[];
  createdAt: number;
  deleted: boolean;
  metrics: TweetMetrics;
}

export interface MediaRecord {
  id: string;
  mediaKey: string;
  ownerIds: string[];
  mediaType: string;
  mediaCategory: string;
  totalBytes: number;
  segments: Map<number, Buffer>;
  state: FakeMediaState | 'finalized';
  /** Processing steps taken by status polls; fake-clock seconds add more. */
  pollSteps: number;
  finalizedAt: number | null;
  willFail: boolean;
  altText: string | null;
  createdAt: number;
  expiresAt: number;
}

export class Store {
  readonly nextId: () => string;
  readonly users = new Map<string, UserRecord>();
  readonly apps = new Map<string, OAuth2App>();
  readonly oauth1Apps = new Map<string, OAuth1App>();
  signedInUserId: string | null = null;
  readonly grants: Grant[] = [];
  readonly accessTokens = new Map<string, AccessToken>();
  readonly refreshTokens = new Map<string, RefreshToken>();
  /** How long an OAuth 2 access token lives (X: 2 h; shorter to stress refreshes). */
  accessTokenLifetimeMs = 2 * 60 * 60 * 1000;
  /** Refresh tokens presented again after they were spent: a client's race, counted. */
  refreshReuses = 0;
  readonly authCodes = new Map<string, AuthCode>();
  readonly pendingConsents = new Map<string, PendingConsent>();
  readonly oauth1RequestTokens = new Map<string, OAuth1RequestToken>();
  readonly oauth1AccessTokens = new Map<string, OAuth1AccessToken>();
  readonly tweets: TweetRecord[] = [];
  readonly tweetsById = new Map<string, TweetRecord>();
  readonly media = new Map<string, MediaRecord>();
  failNextProcessing = false;

  readonly clock: FakeClock;

  constructor(clock: FakeClock) {
    this.clock = clock;
    this.nextId = createIdSource(() => clock.now());
  }

  user(id: string): UserRecord {
    const user = this.users.get(id);
    if (user === undefined) throw new Error(`fake X has no user ${id}`);
    return user;
  }
}

export const emptyMetrics = (): TweetMetrics => ({
  impressions: 0,
  likes: 0,
  reposts: 0,
  replies: 0,
  quotes: 0,
  bookmarks: 0,
  urlClicks: 0,
  profileClicks: 0,
});
