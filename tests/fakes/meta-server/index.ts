// A fake Graph API for tests, on loopback: Facebook Login (dialog, code, long-lived token
// exchange), /me and /me/accounts with Page tokens and linked Instagram accounts, Page
// publishing (text and links, photos, several photos as one post, video), comments,
// reads and post insights, usage headers and their limits, injected faults and a ledger.
// Reach it with STARLING_META_API_ORIGIN=fake.origin: requests keep Host
// graph.facebook.com, graph-video.facebook.com, www.facebook.com or rupload.facebook.com
// and their real paths. Routes come from the modules listed in routes.ts ([Note: fake
// Meta routes]).
//
// Built from Meta's documentation at developers.facebook.com/docs:
// - facebook-login/guides/advanced/manual-flow and facebook-login/guides/access-tokens/
//   get-long-lived: the dialog, the code exchange, fb_exchange_token, 60-day tokens.
// - pages-api/getting-started, pages/access-tokens: /me/accounts with Page tokens that do
//   not expire when read with a long-lived user token.
// - pages-api/posts, graph-api/reference/page/photos, video-api/guides/publishing:
//   feed (message, link, attached_media), photos (source, published=false), videos.
// - graph-api/reference/object/comments, graph-api/reference/page/published_posts.
// - graph-api/reference/insights (lifetime post metrics).
// - graph-api/guides/error-handling and graph-api/overview/rate-limiting: the error
//   object, codes 2, 4, 100/33, 190 and its subcodes, 200, 324, 352, 80001; X-App-Usage
//   and X-Business-Use-Case-Usage.
import { createClock } from '../http-kit/clock.ts';
import { answerConsent, consentLocation } from '../http-kit/consent.ts';
import { Faults } from '../http-kit/faults.ts';
import { RequestLog } from '../http-kit/ledger.ts';
import { routeModules } from './routes.ts';
import { addComment, newPost } from './page-posts.ts';
import { listen, portOf } from './server.ts';
import { newId, Store } from './store.ts';
import type { FakeMeta, FakeMetaOptions } from './types.ts';
import { UsageMeter } from './usage.ts';

export type * from './types.ts';

const managerTasks = ['ANALYZE', 'ADVERTISE', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'];

export async function startFakeMeta(options: FakeMetaOptions = {}): Promise<FakeMeta> {
  const clock = createClock(options.startAt ?? Date.now());
  const store = new Store(clock);
  const usage = new UsageMeter(clock, {
    appCallsPerHour: options.limits?.appCallsPerHour ?? 10_000,
    pageCallsPerHour: options.limits?.pageCallsPerHour ?? 10_000,
  });
  const faults = new Faults();
  const log = new RequestLog();
  const closing = new AbortController();
  const server = await listen({
    store,
    routes: routeModules.flatMap((module) => module(store)),
    usage,
    faults,
    log,
    closing: closing.signal,
  });
  const port = portOf(server);
  const origin = `http://127.0.0.1:${String(port)}`;
  let closed: Promise<void> | undefined;
  let userCount = 0;
  let pageCount = 0;

  const fake: FakeMeta = {
    origin,
    port,
    clock,
    store,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      });
      return closed;
    },
    registerApp(app) {
      store.apps.set(app.appId, {
        appId: app.appId,
        appSecret: app.appSecret,
        name: app.name ?? `App ${app.appId}`,
        redirectUris: [...app.redirectUris],
        developmentMode: app.developmentMode ?? true,
        roles: new Set(app.admins ?? [...store.users.keys()]),
      });
    },
    addUser(partial = {}) {
      userCount += 1;
      const id = partial.id ?? newId('10');
      const name = partial.name ?? `User ${String(userCount)}`;
      store.users.set(id, {
        id,
        name,
        pictureUrl: `https://scontent.xx.fbcdn.net/v/user-${id}.jpg`,
        pages: new Map(),
      });
      store.signedInUserId ??= id;
      for (const app of store.apps.values()) if (app.roles.size === 0) app.roles.add(id);
      return { id, name };
    },
    addPage(userId, partial = {}) {
      pageCount += 1;
      const user = store.user(userId);
      const id = partial.id ?? newId('11');
      const name = partial.name ?? `Page ${String(pageCount)}`;
      store.pages.set(id, {
        id,
        name,
        category: 'Bakery',
        pictureUrl: `https://scontent.xx.fbcdn.net/v/page-${id}.jpg`,
        followers: partial.followers ?? 0,
        fans: partial.fans ?? partial.followers ?? 0,
        instagramId: null,
      });
      user.pages.set(id, partial.tasks ?? managerTasks);
      return { id, name };
    },
    linkInstagram(pageId, partial = {}) {
      const page = store.page(pageId);
      const id = partial.id ?? newId('178');
      const username = partial.username ?? page.name.toLowerCase().replace(/[^a-z0-9]+/g, '');
      store.instagram.set(id, {
        id,
        username,
        name: page.name,
        pictureUrl: `https://scontent.cdninstagram.com/v/${id}.jpg`,
        followers: partial.followers ?? 0,
        pageId,
      });
      page.instagramId = id;
      return { id, username, pageId };
    },
    approve(authorizeUrl, opts = {}) {
      if (opts.userId !== undefined) {
        store.user(opts.userId);
        store.signedInUserId = opts.userId;
      }
      store.pageChoice = opts.pageIds ?? null;
      return opts.follow === false
        ? consentLocation('fake Meta', origin, authorizeUrl, opts.deny === true)
        : answerConsent('fake Meta', origin, authorizeUrl, opts.deny === true);
    },
    postsOf: (pageId) =>
      store
        .postsOf(pageId)
        .map((p) => ({ ...p, photoIds: [...p.photoIds], figures: { ...p.figures } })),
    postElsewhere(pageId, message) {
      newPost(store, pageId, {
        kind: 'status',
        message,
        link: null,
        photoIds: [],
        videoId: null,
      });
    },
    commentElsewhere(objectId, fromId, message) {
      addComment(store, objectId, fromId, message);
    },
    commentsOn: (objectId) =>
      [...store.comments.values()]
        .filter((c) => !c.deleted && c.objectId === objectId)
        .map((c) => ({ id: c.id, message: c.message, fromId: c.fromId })),
    setFigures(postId, figures) {
      const post = store.posts.get(postId);
      if (post === undefined) throw new Error(`fake Meta has no post ${postId}`);
      post.figures = { ...post.figures, ...figures };
    },
    liveTokens: () =>
      [...store.tokens.values()]
        .filter((t) => !t.grant.revoked && (t.expiresAt === null || t.expiresAt > clock.now()))
        .map((t) => t.token),
    revokeUser(userId) {
      for (const grant of store.grants) if (grant.userId === userId) grant.revoked = true;
    },
    setLimits(limits) {
      usage.limits = { ...usage.limits, ...limits };
    },
    faults: {
      add: (rule) => {
        faults.add(rule);
      },
      clear: () => {
        faults.clear();
      },
    },
    requests: () => log.all(),
  };
  return fake;
}
