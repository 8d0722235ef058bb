// Public shapes of the fake Mastodon instance: what tests configure, read back and assert on.
import type { FakeClock, FaultRule, LoggedRequest } from '../http-kit/types.ts';

export type { FakeClock, FaultRule, LoggedRequest } from '../http-kit/types.ts';

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';

export type MediaType = 'image' | 'gifv' | 'video' | 'audio';

export interface FakeMastoUser {
  /** A numeric string, as Mastodon's snowflake ids are. */
  id: string;
  username: string;
  displayName: string;
  avatar: string;
  followers: number;
  following: number;
}

export interface StatusCounts {
  favourites: number;
  reblogs: number;
  replies: number;
}

export interface FakeMastoStatus {
  id: string;
  accountId: string;
  /** The text as posted (the `status` parameter), before HTML formatting. */
  text: string;
  inReplyToId: string | null;
  visibility: Visibility;
  spoilerText: string;
  sensitive: boolean;
  language: string;
  mediaIds: string[];
  /** The Idempotency-Key header the creating request carried. */
  idempotencyKey: string | null;
  /** Epoch ms the status was scheduled for, when a scheduled status published it. */
  scheduledAt: number | null;
  /** Fake-clock epoch ms. */
  createdAt: number;
  deleted: boolean;
  counts: StatusCounts;
}

export interface FakeMastoMedia {
  id: string;
  accountId: string;
  type: MediaType;
  mimeType: string;
  size: number;
  description: string | null;
  focus: { x: number; y: number } | null;
  processing: 'processing' | 'done';
  statusId: string | null;
  scheduledStatusId: string | null;
  createdAt: number;
}

export interface FakeMastoApp {
  id: string;
  name: string;
  website: string | null;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  scopes: string[];
  createdAt: number;
}

export interface FakeMastoScheduled {
  id: string;
  accountId: string;
  /** Epoch ms. */
  scheduledAt: number;
  text: string;
  inReplyToId: string | null;
  visibility: Visibility | null;
  spoilerText: string | null;
  mediaIds: string[];
  idempotencyKey: string | null;
  /** published: a status was created; failed: Mastodon dropped it silently at publish time. */
  state: 'scheduled' | 'published' | 'cancelled' | 'failed';
  statusId: string | null;
  createdAt: number;
}

export interface FakeMastodonOptions {
  startAt?: number;
  /** configuration.statuses.max_characters; default 500. */
  maxCharacters?: number;
  /**
   * true (default): a 4.3 instance (PKCE S256, /.well-known/oauth-authorization-server).
   * false: a 4.2 instance: that endpoint 404s, PKCE parameters are ignored and a
   * scheduled_at under 5 minutes ahead posts at once instead of failing.
   */
  pkce?: boolean;
}

export interface FakeMastodon {
  origin: string;
  port: number;
  close(): Promise<void>;
  clock: FakeClock;
  addUser(user: {
    username: string;
    displayName?: string;
    avatar?: string;
    followers?: number;
  }): FakeMastoUser;
  /** The user the authorize page sees as signed in (the first user added, until changed). */
  signIn(userId: string): void;
  /** Answers the consent page as the signed-in user would and follows the redirect. */
  approve(authorizeUrl: string, opts?: { userId?: string; deny?: boolean }): Promise<string>;
  revokeToken(token: string): void;
  revokeUser(userId: string): void;
  fault(rule: FaultRule): void;
  clearFaults(): void;
  /** Publishes every scheduled status whose time has come on the fake clock. */
  runScheduled(): FakeMastoStatus[];
  /** Reads of statuses and scheduled statuses publish what is due first, as any request does. */
  ledger: {
    statuses(): FakeMastoStatus[];
    media(): FakeMastoMedia[];
    apps(): FakeMastoApp[];
    scheduled(): FakeMastoScheduled[];
    requests(): LoggedRequest[];
  };
  setStatusCounts(statusId: string, counts: Partial<StatusCounts>): void;
  setFollowers(userId: string, followers: number): void;
  /** A public status the user posted from another app (the web, a phone), now. */
  postElsewhere(userId: string, text: string): FakeMastoStatus;
  /** How many GETs a new video, gifv or audio upload answers 206 before it is done; default 1. */
  mediaProcessingPolls(n: number): void;
}
