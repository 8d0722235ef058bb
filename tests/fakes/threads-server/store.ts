// The fake Threads' state: apps, users, tokens, containers, posts, fetches of media URLs.
import crypto from 'node:crypto';
import type { FakeClock } from '../http-kit/types.ts';

export const shortLivedMs = 60 * 60_000;
export const longLivedMs = 60 * 86_400_000;
export const codeLifetimeMs = 60 * 60_000;
export const containerLifeMs = 24 * 60 * 60_000;
/**
 * How long a video container stays IN_PROGRESS after it was made (Threads suggests waiting
 * 30 seconds on average); the video is fetched at the end of it, as Threads processes it.
 */
export const videoProcessingMs = 30_000;

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR' | 'EXPIRED';

export const randomToken = (bytes: number) => crypto.randomBytes(bytes).toString('base64url');
let nextId = 17_841_400_000_000_000n;
/** Graph ids: long decimal numbers as strings. */
export const newId = () => String((nextId += BigInt(1 + Math.floor(Math.random() * 1000))));

export interface AppRecord {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  followers: number;
}

export interface TokenRecord {
  userId: string;
  clientId: string;
  kind: 'short' | 'long';
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
}

export interface CodeRecord {
  clientId: string;
  redirectUri: string;
  userId: string;
  expiresAt: number;
  used: boolean;
}

export type MediaType = 'TEXT' | 'IMAGE' | 'VIDEO' | 'CAROUSEL';

export interface ContainerRecord {
  id: string;
  userId: string;
  mediaType: MediaType;
  text: string;
  carouselItem: boolean;
  children: string[];
  replyToId: string | null;
  linkAttachment: string | null;
  mediaUrl: string | null;
  altText: string | null;
  /** What the fake got when it fetched mediaUrl (0: not reached). */
  fetched: { status: number; bytes: number } | null;
  createdAt: number;
  /** Threads' error_message once the container failed. */
  failed: string | null;
  publishedAs: string | null;
  /** Every status a GET of the container answered, in order. */
  answered: ContainerStatus[];
}

export interface PostRecord {
  id: string;
  userId: string;
  containerId: string;
  mediaType: MediaType;
  text: string;
  replyToId: string | null;
  linkAttachment: string | null;
  mediaUrls: string[];
  altTexts: string[];
  shortcode: string;
  createdAt: number;
  deleted: boolean;
  insights: { views: number; likes: number; replies: number; reposts: number; quotes: number };
}

export class Store {
  readonly apps = new Map<string, AppRecord>();
  readonly users = new Map<string, UserRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly codes = new Map<string, CodeRecord>();
  readonly containers = new Map<string, ContainerRecord>();
  readonly posts = new Map<string, PostRecord>();
  readonly pending = new Map<
    string,
    { clientId: string; redirectUri: string; state: string | null }
  >();
  signedInUserId: string | null = null;
  readonly quota = { posts: 250, replies: 1000 };
  readonly clock: FakeClock;
  constructor(clock: FakeClock) {
    this.clock = clock;
  }

  user(id: string): UserRecord {
    const user = this.users.get(id);
    if (user === undefined) throw new Error(`fake Threads has no user ${id}`);
    return user;
  }

  issue(
    userId: string,
    clientId: string,
    kind: 'short' | 'long',
  ): { token: string; record: TokenRecord } {
    const token = `${kind === 'short' ? 'THS' : 'THL'}${randomToken(48)}`;
    const now = this.clock.now();
    const record: TokenRecord = {
      userId,
      clientId,
      kind,
      issuedAt: now,
      expiresAt: now + (kind === 'short' ? shortLivedMs : longLivedMs),
      revoked: false,
    };
    this.tokens.set(token, record);
    return { token, record };
  }

  /** Posts (or replies) the user published in the last 24 hours. */
  usage(userId: string, replies: boolean): number {
    const since = this.clock.now() - 86_400_000;
    return [...this.posts.values()].filter(
      (p) => p.userId === userId && p.createdAt > since && (p.replyToId !== null) === replies,
    ).length;
  }

  /** A video is fetched once its processing time is over (routes.ts settles it first). */
  containerStatus(c: ContainerRecord): ContainerStatus {
    if (c.publishedAs !== null) return 'PUBLISHED';
    if (c.failed !== null) return 'ERROR';
    const age = this.clock.now() - c.createdAt;
    if (age > containerLifeMs) return 'EXPIRED';
    if (c.mediaType === 'VIDEO' && (age < videoProcessingMs || c.fetched === null)) {
      return 'IN_PROGRESS';
    }
    return 'FINISHED';
  }
}
