// Everything the fake instance remembers: accounts, apps, grants and tokens, statuses,
// media, scheduled statuses and idempotency keys. Plain records; route modules change them.
import { createIdSource } from './ids.ts';
import type { FakeClock, FakeMastoUser, MediaType, StatusCounts, Visibility } from './types.ts';

export interface UserRecord extends FakeMastoUser {
  createdAt: number;
}

export interface AppRecord {
  id: string;
  name: string;
  website: string | null;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  scopes: string[];
  createdAt: number;
}

/** A user token (userId set) or an app token from client_credentials (userId null). */
export interface TokenRecord {
  token: string;
  clientId: string;
  userId: string | null;
  scopes: string[];
  revoked: boolean;
  createdAt: number;
}

export interface CodeRecord {
  code: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  scopes: string[];
  /** S256 challenge; null when the request had none or the instance predates PKCE. */
  challenge: string | null;
  expiresAt: number;
  used: boolean;
}

/** An authorize page that was shown and not yet answered. */
export interface PendingConsent {
  clientId: string;
  userId: string;
  redirectUri: string;
  state: string | null;
  scopes: string[];
  challenge: string | null;
}

export interface StatusRecord {
  id: string;
  accountId: string;
  applicationId: string | null;
  text: string;
  spoilerText: string;
  sensitive: boolean;
  visibility: Visibility;
  language: string;
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  mediaIds: string[];
  idempotencyKey: string | null;
  scheduledAt: number | null;
  createdAt: number;
  deleted: boolean;
  counts: StatusCounts;
}

export interface MediaRecord {
  id: string;
  accountId: string;
  type: MediaType;
  mimeType: string;
  size: number;
  description: string | null;
  focus: { x: number; y: number } | null;
  /** GETs left that answer 206; the media is processed once this reaches 0. */
  pollsLeft: number;
  statusId: string | null;
  scheduledStatusId: string | null;
  createdAt: number;
}

/** The options a scheduled status will be posted with, as POST /api/v1/statuses got them. */
export interface ScheduledParams {
  /** null when the request had no status (media only), as Mastodon keeps it. */
  text: string | null;
  mediaIds: string[] | null;
  sensitive: boolean | null;
  spoilerText: string | null;
  visibility: Visibility | null;
  language: string | null;
  inReplyToId: string | null;
}

export interface ScheduledRecord {
  id: string;
  accountId: string;
  applicationId: string | null;
  scheduledAt: number;
  params: ScheduledParams;
  idempotencyKey: string | null;
  state: 'scheduled' | 'published' | 'cancelled' | 'failed';
  statusId: string | null;
  createdAt: number;
}

interface IdempotencyEntry {
  id: string;
  expiresAt: number;
}

export const idempotencyTtlMs = 60 * 60 * 1000;

export class Store {
  readonly clock: FakeClock;
  readonly nextId: () => string;
  /** Set once the server listens; entity URLs are built from it. */
  origin = '';
  readonly maxCharacters: number;
  /** A 4.3 instance; false emulates 4.2 (no PKCE, no OAuth metadata). */
  readonly modern: boolean;
  mediaProcessingPolls = 1;
  signedInUserId: string | null = null;
  readonly users = new Map<string, UserRecord>();
  readonly apps = new Map<string, AppRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly codes = new Map<string, CodeRecord>();
  readonly pendingConsents = new Map<string, PendingConsent>();
  readonly statuses = new Map<string, StatusRecord>();
  readonly media = new Map<string, MediaRecord>();
  readonly scheduled = new Map<string, ScheduledRecord>();
  readonly #idempotency = new Map<string, IdempotencyEntry>();
  #serial = 0;

  constructor(clock: FakeClock, opts: { maxCharacters: number; modern: boolean }) {
    this.clock = clock;
    this.nextId = createIdSource(() => clock.now());
    this.maxCharacters = opts.maxCharacters;
    this.modern = opts.modern;
  }

  /** Small sequential ids, as apps and scheduled statuses have on a real instance. */
  nextSerial(): string {
    this.#serial += 1;
    return String(this.#serial);
  }

  user(id: string): UserRecord {
    const user = this.users.get(id);
    if (user === undefined) throw new Error(`fake Mastodon has no account ${id}`);
    return user;
  }

  /** A live status, as Mastodon's default scope sees it (deleted ones are gone). */
  liveStatus(id: string): StatusRecord | undefined {
    const status = this.statuses.get(id);
    return status === undefined || status.deleted ? undefined : status;
  }

  /** The id an Idempotency-Key from this account was last used for, within the hour. */
  rememberedId(accountId: string, key: string): string | undefined {
    const entry = this.#idempotency.get(`${accountId}\u0000${key}`);
    if (entry === undefined || this.clock.now() >= entry.expiresAt) return undefined;
    return entry.id;
  }

  remember(accountId: string, key: string, id: string): void {
    this.#idempotency.set(`${accountId}\u0000${key}`, {
      id,
      expiresAt: this.clock.now() + idempotencyTtlMs,
    });
  }
}
