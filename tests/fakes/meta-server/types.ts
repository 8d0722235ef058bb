// Public shapes of the fake Meta: what tests configure, read back and assert on.
import type { FakeClock, FaultRule, LoggedRequest } from '../http-kit/types.ts';
import type { Figures, PostRecord, Store } from './store.ts';
import type { UsageLimits } from './usage.ts';

export type { FakeClock, FaultRule, LoggedRequest } from '../http-kit/types.ts';

export interface FakeMetaOptions {
  startAt?: number;
  limits?: Partial<UsageLimits>;
}

export interface FakeMetaUser {
  id: string;
  name: string;
}

export interface FakeMetaPage {
  id: string;
  name: string;
}

export interface FakeMetaInstagram {
  id: string;
  username: string;
  pageId: string;
}

export type FakeMetaPost = Readonly<PostRecord>;

export interface FakeMeta {
  origin: string;
  port: number;
  clock: FakeClock;
  /** The state route modules share (instagram-*.ts read and add to it). */
  store: Store;
  close(): Promise<void>;
  /** A developer app; development mode by default, with `admins` holding a role. */
  registerApp(app: {
    appId: string;
    appSecret: string;
    name?: string;
    redirectUris: string[];
    developmentMode?: boolean;
    admins?: string[];
  }): void;
  addUser(partial?: { id?: string; name?: string }): FakeMetaUser;
  addPage(
    userId: string,
    partial?: { id?: string; name?: string; followers?: number; fans?: number; tasks?: string[] },
  ): FakeMetaPage;
  /** Links an Instagram professional account to a Page. */
  linkInstagram(
    pageId: string,
    partial?: { id?: string; username?: string; followers?: number },
  ): FakeMetaInstagram;
  /**
   * Plays the browser: logs `userId` in (default: the first user), answers the dialog and
   * follows the redirect to a loopback address unless `follow` is false (the address a
   * person would copy from the address bar instead). Returns where the browser went.
   */
  approve(
    authorizeUrl: string,
    opts?: { deny?: boolean; userId?: string; pageIds?: string[]; follow?: boolean },
  ): Promise<string>;
  /** Every live post of the Page, newest first. */
  postsOf(pageId: string): FakeMetaPost[];
  /** A status the Page posts on Facebook itself, not through the API, now. */
  postElsewhere(pageId: string, message: string): void;
  /** A comment made on Facebook itself, not through the API, now: by `fromId` (a Page or a person). */
  commentElsewhere(objectId: string, fromId: string, message: string): void;
  commentsOn(objectId: string): { id: string; message: string; fromId: string }[];
  setFigures(postId: string, figures: Partial<Figures>): void;
  /** Tokens Meta still accepts, for the vault checks of tests. */
  liveTokens(): string[];
  /** Revokes the user's grant, as removing the app in Facebook's settings does. */
  revokeUser(userId: string): void;
  setLimits(limits: Partial<UsageLimits>): void;
  faults: { add(rule: FaultRule): void; clear(): void };
  requests(): LoggedRequest[];
}
