// What the fake Meta remembers: apps, Facebook users and the Pages they manage, the
// Instagram accounts linked to Pages, grants and tokens, posts, photos, videos, comments
// and their figures. Modules that add routes of their own (instagram-*.ts) keep their
// state beside it with `extension`.
import { randomBytes } from 'node:crypto';
import type { FakeClock } from '../http-kit/types.ts';

export interface AppRecord {
  appId: string;
  appSecret: string;
  name: string;
  /** Valid OAuth Redirect URIs, matched exactly (Meta's "strict mode"). */
  redirectUris: string[];
  /** Development mode: only the app's admins and testers can log in. */
  developmentMode: boolean;
  /** Users with a role on the app (admins, developers, testers). */
  roles: Set<string>;
}

export interface UserRecord {
  id: string;
  name: string;
  pictureUrl: string;
  /** The Pages the user manages, with the tasks they may do on each. */
  pages: Map<string, string[]>;
}

export interface PageRecord {
  id: string;
  name: string;
  category: string;
  pictureUrl: string;
  followers: number;
  fans: number;
  /** The Instagram professional account linked to the Page, if any. */
  instagramId: string | null;
}

export interface InstagramRecord {
  id: string;
  username: string;
  name: string;
  pictureUrl: string;
  followers: number;
  pageId: string;
}

export interface Grant {
  userId: string;
  appId: string;
  scopes: string[];
  /** The Pages the user chose in the dialog. */
  pageIds: string[];
  revoked: boolean;
}

export interface TokenRecord {
  token: string;
  kind: 'user' | 'page';
  grant: Grant;
  /** The Page a Page token acts for. */
  pageId: string | null;
  /** Epoch ms by the fake clock; null: does not expire. */
  expiresAt: number | null;
  longLived: boolean;
}

export interface CodeRecord {
  code: string;
  grant: Grant;
  redirectUri: string;
  expiresAt: number;
  used: boolean;
}

export type ObjectKind = 'post' | 'photo' | 'video' | 'comment';

export interface Figures {
  impressions: number;
  reach: number;
  clicks: number;
  reactions: number;
  shares: number;
}

export interface PostRecord {
  /** {pageId}_{objectId}, as Graph names Page posts. */
  id: string;
  pageId: string;
  kind: 'status' | 'link' | 'photo' | 'album' | 'video';
  message: string;
  link: string | null;
  /** Photo ids attached (several: one post with all of them). */
  photoIds: string[];
  videoId: string | null;
  createdAt: number;
  deleted: boolean;
  figures: Figures;
}

export interface PhotoRecord {
  id: string;
  pageId: string;
  bytes: number;
  contentType: string | null;
  published: boolean;
  /** The post it went out as, once attached or published. */
  postId: string | null;
  createdAt: number;
}

export interface VideoRecord {
  id: string;
  pageId: string;
  bytes: number;
  description: string;
  postId: string;
  createdAt: number;
}

export interface CommentRecord {
  id: string;
  /** The post, photo or video commented on. */
  objectId: string;
  fromId: string;
  message: string;
  createdAt: number;
  deleted: boolean;
}

export interface RequestRecord {
  requestId: string;
  appId: string;
  redirectUri: string;
  state: string | null;
  scopes: string[];
  userId: string;
  pageIds: string[];
}

let counter = 0;
/** Graph ids: long decimal numbers. */
export const newId = (prefix = '1'): string =>
  `${prefix}${String(Date.now() % 1e9).padStart(9, '0')}${String((counter += 1)).padStart(5, '0')}`;
export const newToken = (prefix: string): string =>
  `${prefix}${randomBytes(24).toString('base64url')}`;

export class Store {
  readonly clock: FakeClock;
  readonly apps = new Map<string, AppRecord>();
  readonly users = new Map<string, UserRecord>();
  readonly pages = new Map<string, PageRecord>();
  readonly instagram = new Map<string, InstagramRecord>();
  readonly grants: Grant[] = [];
  readonly tokens = new Map<string, TokenRecord>();
  readonly codes = new Map<string, CodeRecord>();
  readonly requests = new Map<string, RequestRecord>();
  readonly posts = new Map<string, PostRecord>();
  readonly photos = new Map<string, PhotoRecord>();
  readonly videos = new Map<string, VideoRecord>();
  readonly comments = new Map<string, CommentRecord>();
  /** The user "logged in" in the browser the fake's approve() plays. */
  signedInUserId: string | null = null;
  /** The Pages the next dialog grants (the user's choice there); null: all they manage. */
  pageChoice: string[] | null = null;
  readonly #extensions = new Map<string, unknown>();

  constructor(clock: FakeClock) {
    this.clock = clock;
  }

  /** State of a route module of its own (instagram-*.ts), made on first use. */
  extension<T>(key: string, init: () => T): T {
    if (!this.#extensions.has(key)) this.#extensions.set(key, init());
    return this.#extensions.get(key) as T;
  }

  user(id: string): UserRecord {
    const found = this.users.get(id);
    if (found === undefined) throw new Error(`fake Meta has no user ${id}`);
    return found;
  }

  page(id: string): PageRecord {
    const found = this.pages.get(id);
    if (found === undefined) throw new Error(`fake Meta has no Page ${id}`);
    return found;
  }

  app(id: string): AppRecord {
    const found = this.apps.get(id);
    if (found === undefined) throw new Error(`fake Meta has no app ${id}`);
    return found;
  }

  issue(
    grant: Grant,
    kind: 'user' | 'page',
    pageId: string | null,
    lifetimeMs: number | null,
    longLived: boolean,
  ) {
    const record: TokenRecord = {
      token: newToken(kind === 'user' ? 'EAAU' : 'EAAP'),
      kind,
      grant,
      pageId,
      expiresAt: lifetimeMs === null ? null : this.clock.now() + lifetimeMs,
      longLived,
    };
    this.tokens.set(record.token, record);
    return record;
  }

  /** The Page's posts, newest first. */
  postsOf(pageId: string): PostRecord[] {
    return [...this.posts.values()]
      .filter((p) => p.pageId === pageId && !p.deleted)
      .sort((a, b) => b.createdAt - a.createdAt || (b.id > a.id ? 1 : -1));
  }
}
