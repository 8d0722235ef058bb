// The networks the soak publishes to, each behind one small adapter: its fake, how an
// account is connected (and, where the soak revokes one, reconnected), the faults
// injected on its posting and media endpoints, and its ledger read back as plain posts
// (id as Starling records it, author, text, parent) so one audit checks every network the
// same way; and a core on the real clock beside them.
import type { SocialAccount } from '../../shared/accounts.ts';
import type { FaultRule } from '../fakes/http-kit/types.ts';
import { startFakeBluesky, type FakeBluesky } from '../fakes/bluesky-server/index.ts';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon-server/index.ts';
import { startFakeX, type FakeX } from '../fakes/x-server/index.ts';
import {
  addClient,
  flowOutcome,
  followRedirect,
  freePort,
  startConnect,
  testPassphrase,
  type XTestCore,
} from '../helpers/x-accounts.ts';
import { expectOk, recordEvents, recordingLogger } from '../helpers/core.ts';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import { createCore } from '../../main/core/create-core.ts';
import { createXRoute } from '../../main/core/platforms/x/x-agent.ts';

export type SoakNetworkName =
  'x' | 'bluesky' | 'mastodon' | 'linkedin' | 'threads' | 'facebook' | 'instagram';

/** A post as a network's ledger holds it, in Starling's terms. */
export interface LedgerPost {
  /** The id Starling records for it (X: tweet id, Bluesky: at-uri, Mastodon: status id). */
  id: string;
  author: string;
  text: string;
  parentId: string | null;
  /** What kind of account wrote it, where a network has several (LinkedIn: member, page). */
  kind?: string;
}

export interface SoakNetwork {
  name: SoakNetworkName;
  origin: string;
  /** The fake's clock follows the real one (rate-limit resets come when they say). */
  follow(now: number): void;
  /**
   * Connects one more account, to `clientId` or a new client; `author` is how the ledger
   * names it.
   */
  connect(
    core: XTestCore,
    index: number,
    clientId?: string,
  ): Promise<{ account: SocialAccount; author: string }>;
  /** Requests that tried to publish a post so far (a new fault waits for one). */
  postRequests(): number;
  /** Each request that published a part: when it arrived (the fake's clock) and its text. */
  sends(): { at: number; text: string }[];
  /** Every answer to a publishing request takes this long (as a real network's would). */
  slow(ms: number): void;
  faults: FaultRule[];
  fault(rule: FaultRule): void;
  posts(): LedgerPost[];
  /** Where the soak revokes an account's access: revoke `author`'s, then connect it again. */
  revoke?(author: string): void;
  reconnect?(core: XTestCore, author: string, clientId: string): Promise<void>;
  close(): Promise<void>;
}

/** `tokenLifetimeMs`: how long the network's access tokens live (shorter to stress refreshes). */
export async function xNetwork(
  options: { tokenLifetimeMs?: number } = {},
): Promise<SoakNetwork & { fake: FakeX; revoke(author: string): void }> {
  const fake = await startFakeX({
    startAt: Date.now(),
    ...(options.tokenLifetimeMs !== undefined && {
      accessTokenLifetimeMs: options.tokenLifetimeMs,
    }),
  });
  return {
    name: 'x',
    fake,
    origin: fake.origin,
    follow: (now) => {
      fake.clock.advance(Math.max(0, now - fake.clock.now()));
    },
    async connect(core, index, client) {
      const clientId = client ?? (await addClient(core));
      const user = fake.addUser({ username: `soak_${String(index)}` });
      const { flow } = await startConnect(core, fake, clientId);
      const outcome = flowOutcome(core, flow.flowId);
      await followRedirect(await fake.approve(flow.authorizeUrl, { userId: user.id }));
      const ended = await outcome;
      if (!ended.ok) throw new Error(`connect failed: ${ended.error.message}`);
      return { account: ended.account, author: user.id };
    },
    postRequests: () => fake.ledger.requests().filter((r) => r.path === '/2/tweets').length,
    sends: () => sendsOf(fake.ledger.requests(), '/2/tweets', (b) => b.text),
    slow: (ms) => {
      fake.fault({ method: 'POST', path: '/2/tweets', kind: 'latency', ms, times: 1_000_000 });
    },
    faults: [
      { method: 'POST', path: '/2/tweets', kind: 'status', status: 503 },
      { method: 'POST', path: '/2/tweets', kind: 'rate-limit', resetInSeconds: 1 },
      { method: 'POST', path: '/2/tweets', kind: 'reset' },
      { method: 'POST', path: '/2/tweets', kind: 'drop-after-record' },
      { method: 'POST', path: /^\/2\/media\/upload/, kind: 'status', status: 502 },
    ],
    fault: (rule) => {
      fake.fault(rule);
    },
    posts: () =>
      fake.ledger
        .tweets()
        .filter((t) => !t.deleted)
        .map((t) => ({ id: t.id, author: t.authorId, text: t.text, parentId: t.replyToId })),
    revoke: (author) => {
      fake.revokeUser(author);
    },
    async reconnect(core, author, clientId) {
      const { flow } = await startConnect(core, fake, clientId);
      const outcome = flowOutcome(core, flow.flowId);
      await followRedirect(await fake.approve(flow.authorizeUrl, { userId: author }));
      if (!(await outcome).ok) throw new Error('reconnect failed');
    },
    close: () => fake.close(),
  };
}

const createRecord = '/xrpc/com.atproto.repo.createRecord';

export async function blueskyNetwork(
  options: { tokenLifetimeMs?: number } = {},
): Promise<SoakNetwork & { fake: FakeBluesky }> {
  const fake = await startFakeBluesky({
    startAt: Date.now(),
    ...(options.tokenLifetimeMs !== undefined && { accessJwtLifetimeMs: options.tokenLifetimeMs }),
  });
  return {
    name: 'bluesky',
    fake,
    origin: fake.origin,
    follow: (now) => {
      fake.clock.advance(Math.max(0, now - fake.clock.now()));
    },
    async connect(core, index, client) {
      const clientId = client ?? (await addClient(core));
      const password = `soak-${String(index)}-app-pass`;
      const user = fake.addUser({ handle: `soak${String(index)}.test`, password });
      const account = expectOk(
        await core.invoke('accounts:sign-in', {
          clientId,
          platform: 'bluesky',
          handle: user.handle,
          password,
          serviceUrl: fake.origin,
        }),
      );
      return { account, author: user.did };
    },
    postRequests: () => fake.ledger.requests().filter((r) => r.path === createRecord).length,
    sends: () =>
      sendsOf(fake.ledger.requests(), createRecord, (b) => (b.record as { text?: unknown }).text),
    slow: (ms) => {
      fake.fault({ method: 'POST', path: createRecord, kind: 'latency', ms, times: 1_000_000 });
    },
    faults: [
      { method: 'POST', path: createRecord, kind: 'status', status: 503 },
      { method: 'POST', path: createRecord, kind: 'rate-limit', resetInSeconds: 1 },
      { method: 'POST', path: createRecord, kind: 'reset' },
      { method: 'POST', path: createRecord, kind: 'drop-after-record' },
      { method: 'POST', path: '/xrpc/com.atproto.repo.uploadBlob', kind: 'status', status: 502 },
    ],
    fault: (rule) => {
      fake.fault(rule);
    },
    posts: () =>
      fake.ledger
        .records()
        .filter((r) => r.collection === 'app.bsky.feed.post' && !r.deleted)
        .map((r) => {
          const value = r.value as { text?: string; reply?: { parent?: { uri?: string } } };
          return {
            id: r.uri,
            author: r.repo,
            text: value.text ?? '',
            parentId: value.reply?.parent?.uri ?? null,
          };
        }),
    close: () => fake.close(),
  };
}

const statuses = '/api/v1/statuses';

export async function mastodonNetwork(): Promise<SoakNetwork & { fake: FakeMastodon }> {
  const fake = await startFakeMastodon({ startAt: Date.now() });
  return {
    name: 'mastodon',
    fake,
    origin: fake.origin,
    follow: (now) => {
      fake.clock.advance(Math.max(0, now - fake.clock.now()));
    },
    async connect(core, index, client) {
      const clientId = client ?? (await addClient(core));
      const user = fake.addUser({ username: `soak_${String(index)}` });
      const flow = expectOk(
        await core.invoke('accounts:connect', {
          clientId,
          platform: 'mastodon',
          serviceUrl: fake.origin,
          port: await freePort(),
        }),
      );
      const outcome = flowOutcome(core, flow.flowId);
      await fake.approve(flow.authorizeUrl, { userId: user.id });
      const ended = await outcome;
      if (!ended.ok) throw new Error(`connect failed: ${ended.error.message}`);
      return { account: ended.account, author: user.id };
    },
    postRequests: () =>
      fake.ledger.requests().filter((r) => r.method === 'POST' && r.path === statuses).length,
    sends: () => sendsOf(fake.ledger.requests(), statuses, (b) => b.status),
    slow: (ms) => {
      fake.fault({ method: 'POST', path: statuses, kind: 'latency', ms, times: 1_000_000 });
    },
    faults: [
      { method: 'POST', path: statuses, kind: 'status', status: 503 },
      { method: 'POST', path: statuses, kind: 'rate-limit', resetInSeconds: 1 },
      { method: 'POST', path: statuses, kind: 'reset' },
      { method: 'POST', path: statuses, kind: 'drop-after-record' },
      { method: 'POST', path: '/api/v2/media', kind: 'status', status: 502 },
    ],
    fault: (rule) => {
      fake.fault(rule);
    },
    posts: () =>
      fake.ledger
        .statuses()
        .filter((s) => !s.deleted)
        .map((s) => ({ id: s.id, author: s.accountId, text: s.text, parentId: s.inReplyToId })),
    close: () => fake.close(),
  };
}

/** Publishing requests to `path` with the text read from their JSON (or form) body. */
export function sendsOf(
  requests: { method: string; path: string; at: number; body?: string }[],
  path: string,
  textOf: (body: Record<string, unknown>) => unknown,
): { at: number; text: string }[] {
  return requests
    .filter((r) => r.method === 'POST' && r.path === path && r.body !== undefined)
    .map((r) => {
      const raw = r.body ?? '';
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        body = Object.fromEntries(new URLSearchParams(raw));
      }
      const text = textOf(body);
      return { at: r.at, text: typeof text === 'string' ? text : '' };
    });
}

/** The fakes' clocks follow the real one (rate-limit resets come when they say); stop it after. */
export function followRealTime(networks: readonly SoakNetwork[]): () => void {
  const pump = setInterval(() => {
    for (const network of networks) network.follow(Date.now());
  }, 20);
  return () => {
    clearInterval(pump);
  };
}

/**
 * A core on `dataDir` as the CLI opens one, on the real clock (the fakes follow it), with
 * the passphrase vault and X routed to `xOrigin`; closed by the caller.
 */
export async function realTimeCore(dataDir: string, xOrigin: string | null): Promise<XTestCore> {
  const logger = recordingLogger();
  const core = await createCore({
    dataDir,
    host: 'cli',
    ports: createNodePorts(dataDir, {
      logger,
      localTimeZone: 'Europe/Berlin',
      cipher: createPassphraseCipher(dataDir, testPassphrase),
      xRoute: createXRoute(xOrigin === null ? {} : { STARLING_X_API_ORIGIN: xOrigin }),
    }),
  });
  return {
    ...core,
    dataDir,
    clock: { now: () => Date.now(), set: () => undefined, advance: () => undefined },
    logger,
    seen: recordEvents(core.events),
    advance: () => undefined,
  };
}
