// A real core (real SQLite, the passphrase vault) wired to the fake Bluesky, an account
// signed in through accounts:sign-in, and a target publisher over the core's platforms.
// Both clocks move together; video-processing waits advance them instead of sleeping.
import { AtpAgent } from '@atproto/api';
import type { Kysely } from 'kysely';
import { onTestFinished } from 'vitest';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import { createCore } from '../../main/core/create-core.ts';
import type { Schema } from '../../main/core/db/schema.ts';
import type { PlatformModule } from '../../main/core/platforms/port.ts';
import type { PublishEvent } from '../../main/core/posts/lifecycle.ts';
import type { PublishOutcome } from '../../main/core/publishing/outcome.ts';
import { createTargetPublisher } from '../../main/core/publishing/publish-target.ts';
import type { SocialAccount } from '../../shared/accounts.ts';
import type { Result } from '../../shared/result.ts';
import {
  startFakeBluesky,
  type FakeBluesky,
  type FakeBlueskyOptions,
  type FakeBskyRecord,
  type FakeBskyUser,
} from '../fakes/bluesky-server/index.ts';
import { fakeClock, recordingLogger, expectOk, recordEvents } from '../helpers/core.ts';
import { addClient, testPassphrase, type XTestCore } from '../helpers/x-accounts.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { remoteUrlOf } from '../../main/core/db/remote-urls.ts';

export const appPassword = 'nova-bake-ry42-pass';
export const clockStart = Date.UTC(2026, 10, 24, 9, 0);
const post = 'app.bsky.feed.post';

export interface BlueskyFixture {
  fake: FakeBluesky;
  core: XTestCore;
  db: Kysely<Schema>;
  clientId: string;
  user: FakeBskyUser;
  account: SocialAccount;
  /** Every publish event, in commit order. */
  events: PublishEvent[];
  publish(targetId: string): Promise<PublishOutcome>;
  /** Signs in through the core as a person would (accounts:sign-in). */
  signIn(input?: {
    handle?: string;
    password?: string;
    serviceUrl?: string;
  }): Promise<Result<SocialAccount>>;
  /** The user's live posts on the fake, oldest first. */
  posts(): FakeBskyRecord[];
  /** How many requests of an XRPC method reached the fake (answered or not). */
  calls(nsid: string): number;
  /** The user acting outside Starling (the Bluesky app, another device). */
  asUser(): Promise<AtpAgent>;
}

export async function blueskyFixture(
  options: {
    fake?: FakeBlueskyOptions;
    handle?: string;
    /** Wraps or replaces the core’s Bluesky module, at each publish (e.g. to act between steps). */
    wrap?: (module: PlatformModule) => PlatformModule;
  } = {},
): Promise<BlueskyFixture> {
  const fake = await startFakeBluesky({ startAt: clockStart, ...options.fake });
  onTestFinished(() => fake.close());
  const user = fake.addUser({
    handle: options.handle ?? 'nova.test',
    password: appPassword,
    displayName: 'Nova Bakery',
    avatar: 'https://cdn.example/nova.jpg',
  });
  const dataDir = tempDataDir();
  const clock = fakeClock(clockStart);
  const logger = recordingLogger();
  const advance = (ms: number) => {
    clock.advance(ms);
    fake.clock.advance(ms);
  };
  const ports = createNodePorts(dataDir, {
    clock,
    logger,
    localTimeZone: 'Europe/Berlin',
    cipher: createPassphraseCipher(dataDir, testPassphrase),
  });
  const base = await createCore({
    dataDir,
    host: 'cli',
    ports,
    tuning: {
      sleep: (ms) => {
        advance(ms);
        return Promise.resolve();
      },
    },
  });
  onTestFinished(() => base.close());
  const seen = recordEvents(base.events);
  const core: XTestCore = { ...base, dataDir, clock, logger, seen, advance };
  const clientId = await addClient(core);
  const signIn: BlueskyFixture['signIn'] = (input = {}) =>
    core.invoke('accounts:sign-in', {
      clientId,
      platform: 'bluesky',
      handle: input.handle ?? user.handle,
      password: input.password ?? appPassword,
      serviceUrl: input.serviceUrl ?? fake.origin,
    });
  const account = expectOk(await signIn());
  const events: PublishEvent[] = [];
  const wrap = options.wrap ?? ((m: PlatformModule) => m);
  const publisher = createTargetPublisher({
    db: core.database.db,
    platformFor: (platform) => wrap(core.platforms.get(platform)),
    clock,
    logger,
    dataDir,
    onEvent: (event) => events.push(event),
  });
  return {
    fake,
    core,
    db: core.database.db,
    clientId,
    user,
    account,
    events,
    publish: (targetId) => publisher.publishTarget(targetId),
    signIn,
    posts: () =>
      fake.ledger
        .records()
        .filter((r) => r.repo === user.did && r.collection === post && !r.deleted),
    calls: (nsid) => fake.ledger.requests().filter((r) => r.path === `/xrpc/${nsid}`).length,
    async asUser() {
      const agent = new AtpAgent({ service: fake.origin });
      await agent.login({ identifier: user.handle, password: appPassword });
      return agent;
    },
  };
}

/** The target row as the UI would read it. */
export function readTarget(fx: BlueskyFixture, targetId: string) {
  return fx.db
    .selectFrom('post_targets')
    .selectAll()
    .select(remoteUrlOf('post_targets').as('remote_url'))
    .where('id', '=', targetId)
    .executeTakeFirstOrThrow();
}

/** The record's reply refs as the fake stored them. */
export function replyOf(record: FakeBskyRecord | undefined) {
  return (record?.value.reply ?? null) as {
    root: { uri: string; cid: string };
    parent: { uri: string; cid: string };
  } | null;
}

/** The record key of an at:// URI. */
export const rkeyOf = (uri: string) => uri.slice(uri.lastIndexOf('/') + 1);
