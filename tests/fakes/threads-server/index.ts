// A fake Threads for tests, on loopback: Threads' own login with a consent page (the
// redirect carries #_ as Threads' does), short- and long-lived tokens and their refresh,
// /me, media containers that FETCH the image_url or video_url they are given (so a relay
// test sees the presigned URL work, and later fail; a video at the end of its processing,
// checked against Threads' video specification), container status, publishing with
// the daily limits, the account's threads and replies, deletes, insights, and injected
// faults. Reach it with STARLING_THREADS_API_ORIGIN=fake.origin: requests keep Host
// graph.threads.net or threads.net and their real paths.
//
// Built from Meta's Threads API documentation (developers.facebook.com/docs/threads):
// get-started (authorization window, access_token, th_exchange_token,
// refresh_access_token), posts (containers, media_type, carousel children 2–20,
// link_attachment, 500 characters), reply-management (reply_to_id, /me/replies),
// troubleshooting (container status and error_message values), insights (media and
// user metrics), overview (250 posts and 1,000 replies a day, threads_publishing_limit).
// Error bodies follow the Graph API's {error: {message, type, code, error_subcode,
// fbtrace_id}}; the codes for "not ready" (9007) and "limit reached" (9) are Instagram's,
// which the Threads documentation does not list.
import { listenFaulty } from '../http-kit/answer.ts';
import { createClock } from '../http-kit/clock.ts';
import { consentLocation } from '../http-kit/consent.ts';
import { Faults } from '../http-kit/faults.ts';
import { RequestLog } from '../http-kit/ledger.ts';
import { portOf } from '../http-kit/listen.ts';
import type { FakeClock, FaultRule, LoggedRequest } from '../http-kit/types.ts';
import { dispatch, madeUp, type RouteDeps } from './routes.ts';
import { newId, Store, type ContainerRecord, type PostRecord } from './store.ts';

export interface FakeThreadsUser {
  id: string;
  username: string;
}

export interface FakeThreads {
  origin: string;
  clock: FakeClock;
  registerApp(app: { clientId: string; clientSecret: string; redirectUris: string[] }): void;
  addUser(user?: { username?: string; name?: string; followers?: number }): FakeThreadsUser;
  signIn(userId: string): void;
  /** Plays the browser: consents (or not) and returns where Threads sends it, not followed. */
  approve(authorizeUrl: string, opts?: { userId?: string; deny?: boolean }): Promise<string>;
  /** Sets a post's insights, as people reacting to it would. */
  react(postId: string, insights: Partial<PostRecord['insights']>): void;
  setFollowers(userId: string, followers: number): void;
  /** Lowers the daily limits, to reach them in a test. */
  setQuota(quota: { posts?: number; replies?: number }): void;
  /** Publishes a post as if made in the Threads app (it counts against the limits). */
  postElsewhere(userId: string, text: string): string;
  revokeUser(userId: string): void;
  fault(rule: FaultRule): void;
  clearFaults(): void;
  ledger: {
    requests(): LoggedRequest[];
    posts(): PostRecord[];
    containers(): ContainerRecord[];
    /** Every GET of a media URL a container was given, and its status. */
    fetches(): { url: string; status: number }[];
  };
  close(): Promise<void>;
}

export async function startFakeThreads(options: { startAt?: number } = {}): Promise<FakeThreads> {
  const clock = createClock(options.startAt ?? Date.now());
  const store = new Store(clock);
  const log = new RequestLog();
  const faults = new Faults();
  const closing = new AbortController();
  const deps: RouteDeps = { store, log, faults, closing: closing.signal, fetches: [] };
  const server = await listenFaulty('fake Threads', deps, dispatch, madeUp);
  const origin = `http://127.0.0.1:${String(portOf(server))}`;
  let users = 0;
  const fake: FakeThreads = {
    origin,
    clock,
    registerApp(app) {
      store.apps.set(app.clientId, { ...app });
    },
    addUser(user = {}) {
      users += 1;
      const record = {
        id: newId(),
        username: user.username ?? `maker${String(users)}`,
        name: user.name ?? 'Threads Maker',
        followers: user.followers ?? 0,
      };
      store.users.set(record.id, record);
      store.signedInUserId ??= record.id;
      return { id: record.id, username: record.username };
    },
    signIn(userId) {
      store.user(userId);
      store.signedInUserId = userId;
    },
    approve(authorizeUrl, opts = {}) {
      if (opts.userId !== undefined) fake.signIn(opts.userId);
      return consentLocation('fake Threads', origin, authorizeUrl, opts.deny === true);
    },
    react(postId, insights) {
      const post = store.posts.get(postId);
      if (post === undefined) throw new Error(`fake Threads has no post ${postId}`);
      Object.assign(post.insights, insights);
    },
    setFollowers(userId, followers) {
      store.user(userId).followers = followers;
    },
    setQuota(quota) {
      Object.assign(store.quota, quota);
    },
    postElsewhere(userId, text) {
      const id = newId();
      store.posts.set(id, {
        id,
        userId,
        containerId: '',
        mediaType: 'TEXT',
        text,
        replyToId: null,
        linkAttachment: null,
        mediaUrls: [],
        altTexts: [],
        shortcode: id.slice(-8),
        createdAt: clock.now(),
        deleted: false,
        insights: { views: 0, likes: 0, replies: 0, reposts: 0, quotes: 0 },
      });
      return id;
    },
    revokeUser(userId) {
      for (const token of store.tokens.values()) if (token.userId === userId) token.revoked = true;
    },
    fault: (rule) => {
      faults.add(rule);
    },
    clearFaults: () => {
      faults.clear();
    },
    ledger: {
      requests: () => log.all(),
      posts: () => [...store.posts.values()].map((p) => ({ ...p, insights: { ...p.insights } })),
      containers: () =>
        [...store.containers.values()].map((c) => ({ ...c, answered: [...c.answered] })),
      fetches: () => [...deps.fetches],
    },
    async close() {
      closing.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
  return fake;
}
