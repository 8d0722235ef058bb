// A fake Bluesky for tests: a PDS (app-password sessions, records, blobs), the appview
// reads Starling makes, the video service and Open Graph pages, on one loopback origin.
// Give AtpAgent `service: fake.origin`.
import { createClock } from '../http-kit/clock.ts';
import { Faults } from '../http-kit/faults.ts';
import { RequestLog } from '../http-kit/ledger.ts';
import { appviewRoutes } from './appview.ts';
import { blobRoutes } from './blobs.ts';
import { randomDid } from './ids.ts';
import { ogPageRoutes, pageName } from './og-pages.ts';
import { RateLimiter } from './rate-limits.ts';
import { recordRoutes } from './records.ts';
import type { XrpcRoute } from './router.ts';
import { listen, portOf } from './server.ts';
import { sessionRoutes } from './sessions.ts';
import { Store, type Account, type Settings } from './store.ts';
import { revokeAll } from './tokens.ts';
import type { FakeBluesky, FakeBlueskyOptions, FakeBskyUser, NewBskyUser } from './types.ts';
import { videoRoutes } from './video.ts';

export type * from './types.ts';

const hour = 60 * 60_000;
const handlePattern = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const didPattern = /^did:plc:[a-z2-7]{24}$/;

function settingsFrom(options: FakeBlueskyOptions): Settings {
  return {
    accessJwtLifetimeMs: options.accessJwtLifetimeMs ?? 2 * hour,
    refreshJwtLifetimeMs: 90 * 24 * hour,
    refreshGraceMs: options.refreshGraceMs ?? 0,
    maxBlobBytes: options.maxBlobBytes ?? 1_000_000,
    maxVideoBytes: options.maxVideoBytes ?? 100_000_000,
    videoPollsToComplete: options.videoPollsToComplete ?? 2,
  };
}

function publicUser(account: Account): FakeBskyUser {
  const { did, handle, email, displayName, avatar, followers, follows } = account;
  return { did, handle, email, displayName, avatar, followers, follows };
}

function newAccount(store: Store, user: NewBskyUser): Account {
  const handle = user.handle.toLowerCase();
  if (!handlePattern.test(handle)) throw new Error(`not a valid handle: ${user.handle}`);
  const did = user.did ?? randomDid();
  if (!didPattern.test(did)) throw new Error(`not a did:plc DID: ${did}`);
  if (store.accounts.has(did) || store.findAccount(handle) !== undefined) {
    throw new Error(`fake Bluesky already has ${did} / ${handle}`);
  }
  return {
    did,
    handle,
    email: user.email ?? `${handle}@example.test`,
    password: user.password,
    displayName: user.displayName ?? null,
    avatar: user.avatar ?? null,
    followers: user.followers ?? 0,
    follows: user.follows ?? 0,
    createdAt: store.clock.now(),
  };
}

export async function startFakeBluesky(options: FakeBlueskyOptions = {}): Promise<FakeBluesky> {
  const clock = createClock(options.startAt ?? Date.now());
  const store = new Store(clock, settingsFrom(options));
  const faults = new Faults();
  const log = new RequestLog();
  const routes: XrpcRoute[] = [
    ...sessionRoutes(store),
    ...recordRoutes(store),
    ...blobRoutes(store),
    ...appviewRoutes(store),
    ...videoRoutes(store),
  ];
  const closing = new AbortController();
  const server = await listen({
    store,
    xrpc: new Map(routes.map((route) => [route.nsid, route])),
    pages: ogPageRoutes(store),
    limiter: new RateLimiter(() => clock.now()),
    faults,
    log,
    closing: closing.signal,
  });
  const port = portOf(server);
  store.origin = `http://127.0.0.1:${port}`;
  // did:web puts a port after a percent-encoded colon.
  store.serviceDid = `did:web:127.0.0.1%3A${port}`;
  let closed: Promise<void> | undefined;

  return {
    origin: store.origin,
    port,
    serviceDid: store.serviceDid,
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
    addUser(user) {
      const account = newAccount(store, user);
      store.accounts.set(account.did, account);
      return publicUser(account);
    },
    revokeSessions(did) {
      store.account(did);
      revokeAll(store, did);
    },
    fault: (rule) => {
      faults.add(rule);
    },
    clearFaults: () => {
      faults.clear();
    },
    refreshReuses: () => store.refreshReuses,
    ledger: {
      records: () => store.records.map((r) => ({ ...r, value: structuredClone(r.value) })),
      requests: () => log.all(),
      blobs: () => store.blobs.map((b) => ({ ...b, bytes: Buffer.from(b.bytes) })),
      videoJobs: () =>
        [...store.videoJobs.values()].map(({ jobId, did, name, state, polls, blobCid }) => ({
          jobId,
          did,
          name,
          state,
          polls,
          blobCid,
        })),
    },
    setPostCounts(uri, counts) {
      const record = store.liveRecord(uri);
      if (record === undefined) throw new Error(`fake Bluesky has no post ${uri}`);
      store.counts.set(record.uri, { ...store.counts.get(record.uri), ...counts });
    },
    setFollowers(did, followers) {
      store.account(did).followers = followers;
    },
    deleteRecord(uri) {
      const record = store.liveRecord(uri);
      if (record === undefined) throw new Error(`fake Bluesky has no record ${uri}`);
      store.removeRecord(record);
    },
    failNextVideo() {
      store.failNextVideo = true;
    },
    addPage(nameOrPath, page) {
      const name = pageName(nameOrPath);
      store.pages.set(name, { ...page });
      return `${store.origin}/og/${name}`;
    },
  };
}
