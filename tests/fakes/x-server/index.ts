// A fake X API for tests: OAuth 2 (PKCE) and OAuth 1.0a sign-in with consent pages,
// users, posts, metrics, v2 media upload, rate limits and injected faults, on loopback.
// Reach it through x-agent.ts with STARLING_X_API_ORIGIN=fake.origin.
import { avatarRoutes } from './avatars.ts';
import { createClock } from '../http-kit/clock.ts';
import { Faults } from '../http-kit/faults.ts';
import { randomToken } from './ids.ts';
import { RequestLog } from '../http-kit/ledger.ts';
import { mediaRoutes, publicMedia } from './media.ts';
import { oauth1Routes } from './oauth1.ts';
import { defaultScopes, issueGrantTokens, oauth2Routes } from './oauth2.ts';
import { RateLimiter } from './rate-limits.ts';
import type { Route } from './router.ts';
import { listen, portOf } from './server.ts';
import { Store, type Grant, type TweetRecord, type UserRecord } from './store.ts';
import { tweetReadRoutes } from './tweet-reads.ts';
import { tweetWriteRoutes } from './tweets.ts';
import type { FakeTweet, FakeUser, FakeX } from './types.ts';
import { userRoutes } from './users.ts';

export type * from './types.ts';

function publicUser(user: UserRecord): FakeUser {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    profileImageUrl: user.profileImageUrl,
    followers: user.followers,
    following: user.following,
    tweets: user.tweets,
    listed: user.listed,
  };
}

function publicTweet(tweet: TweetRecord): FakeTweet {
  return {
    id: tweet.id,
    authorId: tweet.authorId,
    text: tweet.text,
    replyToId: tweet.replyToId,
    quoteTweetId: tweet.quoteTweetId,
    mediaIds: [...tweet.mediaIds],
    createdAt: tweet.createdAt,
    deleted: tweet.deleted,
  };
}

/** Answers an authorize page the way a signed-in person would, over HTTP. */
async function answerConsent(origin: string, authorizeUrl: string, deny: boolean): Promise<string> {
  const target = new URL(authorizeUrl);
  const pageUrl = `${origin}${target.pathname}${target.search}`;
  const page = await fetch(pageUrl);
  const text = await page.text();
  const requestId = /name="request_id" value="([^"]+)"/.exec(text)?.[1];
  if (page.status !== 200 || requestId === undefined) {
    const reason = /<p id="(?:error|signed-out)">([^<]*)<\/p>/.exec(text)?.[1] ?? text;
    throw new Error(`fake X authorize page answered ${page.status}: ${reason}`);
  }
  const answer = await fetch(`${origin}${target.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request_id: requestId, decision: deny ? 'deny' : 'allow' }),
    redirect: 'manual',
  });
  await answer.arrayBuffer();
  const location = answer.headers.get('location');
  if (answer.status !== 302 || location === null) {
    throw new Error(`fake X consent answered ${answer.status} without a redirect`);
  }
  return location;
}

export async function startFakeX(
  options: { startAt?: number; accessTokenLifetimeMs?: number } = {},
): Promise<FakeX> {
  const clock = createClock(options.startAt ?? Date.now());
  const store = new Store(clock);
  if (options.accessTokenLifetimeMs !== undefined) {
    store.accessTokenLifetimeMs = options.accessTokenLifetimeMs;
  }
  const faults = new Faults();
  const log = new RequestLog();
  const routes: Route[] = [
    ...oauth2Routes(store),
    ...oauth1Routes(store),
    ...userRoutes(store),
    ...tweetWriteRoutes(store),
    ...tweetReadRoutes(store),
    ...mediaRoutes(store),
    ...avatarRoutes(),
  ];
  const closing = new AbortController();
  const server = await listen({
    store,
    routes,
    limiter: new RateLimiter(store),
    faults,
    log,
    closing: closing.signal,
  });
  const port = portOf(server);
  const origin = `http://127.0.0.1:${port}`;
  let userCount = 0;
  let closed: Promise<void> | undefined;

  const fake: FakeX = {
    origin,
    port,
    clock,
    close() {
      // Idempotent: a test may close early and its cleanup close again.
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
    addUser(partial = {}) {
      userCount += 1;
      const id = partial.id ?? store.nextId();
      const username = partial.username ?? `fake_user_${userCount}`;
      if (store.users.has(id)) throw new Error(`fake X already has user ${id}`);
      if (
        [...store.users.values()].some((u) => u.username.toLowerCase() === username.toLowerCase())
      ) {
        throw new Error(`fake X already has @${username}`);
      }
      const user: UserRecord = {
        id,
        username,
        name: partial.name ?? `Fake User ${userCount}`,
        profileImageUrl:
          partial.profileImageUrl ?? `https://pbs.twimg.com/profile_images/${id}/avatar_normal.jpg`,
        followers: partial.followers ?? 0,
        following: partial.following ?? 0,
        tweets: null,
        listed: 0,
        createdAt: clock.now(),
      };
      store.users.set(id, user);
      return publicUser(user);
    },
    registerApp(app) {
      store.apps.set(app.clientId, {
        clientId: app.clientId,
        redirectUris: [...app.redirectUris],
        name: app.name ?? app.clientId,
      });
    },
    registerOAuth1App(app) {
      store.oauth1Apps.set(app.consumerKey, {
        consumerKey: app.consumerKey,
        consumerSecret: app.consumerSecret,
        name: app.name ?? app.consumerKey,
      });
    },
    signIn(userId) {
      store.user(userId);
      store.signedInUserId = userId;
    },
    async approve(authorizeUrl, opts = {}) {
      if (opts.userId !== undefined) fake.signIn(opts.userId);
      return answerConsent(origin, authorizeUrl, opts.deny === true);
    },
    issueTokens(userId, opts = {}) {
      store.user(userId);
      const clientId = opts.clientId ?? store.apps.keys().next().value ?? 'fake-x-client';
      const grant: Grant = {
        userId,
        clientId,
        scopes: opts.scopes ?? defaultScopes,
        revoked: false,
      };
      store.grants.push(grant);
      return issueGrantTokens(store, grant);
    },
    issueOAuth1Tokens(userId, consumerKey) {
      store.user(userId);
      if (!store.oauth1Apps.has(consumerKey))
        throw new Error(`fake X has no OAuth 1 app ${consumerKey}`);
      const accessToken = `${userId}-${randomToken(24)}`;
      const accessSecret = randomToken(32);
      store.oauth1AccessTokens.set(accessToken, {
        token: accessToken,
        secret: accessSecret,
        consumerKey,
        userId,
        revoked: false,
      });
      return { accessToken, accessSecret };
    },
    revokeUser(userId) {
      for (const grant of store.grants) if (grant.userId === userId) grant.revoked = true;
      for (const token of store.oauth1AccessTokens.values()) {
        if (token.userId === userId) token.revoked = true;
      }
    },
    fault: (rule) => {
      faults.add(rule);
    },
    clearFaults: () => {
      faults.clear();
    },
    refreshReuses: () => store.refreshReuses,
    ledger: {
      tweets: () => store.tweets.map(publicTweet),
      requests: () => log.all(),
    },
    setMetrics(tweetId, metrics) {
      const tweet = store.tweetsById.get(tweetId);
      if (tweet === undefined) throw new Error(`fake X has no post ${tweetId}`);
      Object.assign(tweet.metrics, metrics);
    },
    growMetrics(tweetId, by) {
      const tweet = store.tweetsById.get(tweetId);
      if (tweet === undefined) throw new Error(`fake X has no post ${tweetId}`);
      for (const [key, value] of Object.entries(by) as [keyof typeof by, number][]) {
        tweet.metrics[key] += value;
      }
    },
    deleteTweet(tweetId) {
      const tweet = store.tweetsById.get(tweetId);
      if (tweet === undefined) throw new Error(`fake X has no post ${tweetId}`);
      tweet.deleted = true;
    },
    setFollowers(userId, counts) {
      Object.assign(store.user(userId), counts);
    },
    media: {
      get(id) {
        const media = store.media.get(id);
        return media === undefined ? undefined : publicMedia(store, media);
      },
      failNextProcessing() {
        store.failNextProcessing = true;
      },
    },
  };
  return fake;
}
