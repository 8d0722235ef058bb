// A publisher wired to a real core (real SQLite, the real XClients over the encrypted
// vault) and an account connected through the fake X's OAuth flow; both clocks move
// together, and media-processing waits advance them instead of sleeping.
import type { Kysely } from 'kysely';
import { TwitterApi } from 'twitter-api-v2';
import type { Schema } from '../../main/core/db/schema.ts';
import type { PublishEvent } from '../../main/core/posts/lifecycle.ts';
import { createXRoute } from '../../main/core/platforms/x/x-agent.ts';
import type { Publisher, PublishOutcome } from '../../main/core/publishing/outcome.ts';
import type { SocialAccount } from '../../shared/accounts.ts';
import type { FakeTweet, FakeUser, FakeX } from '../fakes/x-server/index.ts';
import {
  connectX,
  flowOutcome,
  followRedirect,
  makeXCore,
  startConnect,
  startX,
  type XTestCore,
} from '../helpers/x-accounts.ts';
import { networkPublishing, postEventTypes, targetRow } from './network-publish-fixture.ts';

export interface PublisherFixture {
  fake: FakeX;
  core: XTestCore;
  db: Kysely<Schema>;
  clientId: string;
  user: FakeUser;
  account: SocialAccount;
  publisher: Publisher;
  /** Every publish event, in commit order. */
  events: PublishEvent[];
  /** Runs `hook` on each event as it is committed (e.g. to inject a fault mid-thread). */
  onEvent(hook: (event: PublishEvent) => void): void;
  publish(targetId: string): Promise<PublishOutcome>;
  /** The undeleted posts of a fake user, oldest first. */
  postsOf(userId: string): FakeTweet[];
  /** Connects one more X account to the same client. */
  connectAnother(username?: string): Promise<{ user: FakeUser; account: SocialAccount }>;
}

export async function publisherFixture(
  options: { timeoutMs?: number; username?: string } = {},
): Promise<PublisherFixture> {
  const fake = await startX();
  let advance: (ms: number) => void = () => undefined;
  const core = await makeXCore(fake, {
    tuning: {
      xRequestTimeoutMs: options.timeoutMs ?? 2_000,
      // Media-processing waits advance both clocks instead of sleeping.
      sleep: (ms) => {
        advance(ms);
        return Promise.resolve();
      },
    },
  });
  advance = (ms) => {
    core.advance(ms);
  };
  const connected = await connectX({
    fake,
    core,
    user: { username: options.username ?? 'nova_bakery' },
  });
  return {
    fake,
    core,
    clientId: connected.clientId,
    user: connected.user,
    account: connected.account,
    ...networkPublishing(core, connected.clientId),
    postsOf: (userId) => fake.ledger.tweets().filter((t) => t.authorId === userId && !t.deleted),
    async connectAnother(username) {
      const user = fake.addUser(username === undefined ? {} : { username });
      const { flow } = await startConnect(core, fake, connected.clientId);
      const outcome = flowOutcome(core, flow.flowId);
      await followRedirect(await fake.approve(flow.authorizeUrl, { userId: user.id }));
      const ended = await outcome;
      if (!ended.ok) throw new Error(`connect failed: ${ended.error.message}`);
      return { user, account: ended.account };
    },
  };
}

/** The target row as the UI would read it. */
export const readTarget = (fx: PublisherFixture, targetId: string) => targetRow(fx.db, targetId);

export function readPost(fx: PublisherFixture, postId: string) {
  return fx.db.selectFrom('posts').selectAll().where('id', '=', postId).executeTakeFirstOrThrow();
}

/** The post's event types, oldest first. */
export const eventTypes = (fx: PublisherFixture, postId: string): Promise<string[]> =>
  postEventTypes(fx.db, postId);

/** A client acting as the user outside Starling (another app, another device). */
export function asUser(fx: PublisherFixture, userId: string): TwitterApi {
  const route = createXRoute({ STARLING_X_API_ORIGIN: fx.fake.origin });
  return new TwitterApi(fx.fake.issueTokens(userId).accessToken, { httpAgent: route.agent });
}

/** How many POST /2/tweets reached the fake (answered or not). */
export const tweetPosts = (fake: FakeX): number =>
  fake.ledger.requests().filter((r) => r.method === 'POST' && r.path === '/2/tweets').length;
