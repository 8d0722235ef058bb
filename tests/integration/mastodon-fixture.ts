// A publisher wired to a real core (real SQLite, the registry's Mastodon module over the
// encrypted vault) and an account connected through accounts:connect and the fake
// Mastodon's consent page; both clocks move together and processing waits advance them.
import type { Kysely } from 'kysely';
import type { Schema } from '../../main/core/db/schema.ts';
import type { PublishEvent } from '../../main/core/posts/lifecycle.ts';
import type { Publisher, PublishOutcome } from '../../main/core/publishing/outcome.ts';
import type { SocialAccount } from '../../shared/accounts.ts';
import type {
  FakeMastoStatus,
  FakeMastoUser,
  FakeMastodon,
  FakeMastodonOptions,
  FaultRule,
} from '../fakes/mastodon-server/index.ts';
import { expectOk } from '../helpers/core.ts';
import { connectMastodon, makeMastodonCore, startMastodon } from '../helpers/mastodon-accounts.ts';
import type { PartSpec } from '../helpers/post-factories.ts';
import type { XTestCore } from '../helpers/x-accounts.ts';
import { networkPublishing, postEventTypes, targetRow } from './network-publish-fixture.ts';

export interface MastodonFixture {
  fake: FakeMastodon;
  core: XTestCore;
  db: Kysely<Schema>;
  clientId: string;
  user: FakeMastoUser;
  account: SocialAccount;
  publisher: Publisher;
  /** Every publish event, in commit order. */
  events: PublishEvent[];
  /** Runs `hook` on each event as it is committed (e.g. to inject a fault mid-thread). */
  onEvent(hook: (event: PublishEvent) => void): void;
  publish(targetId: string): Promise<PublishOutcome>;
  /** A scheduled post to the account, with Mastodon options on its target. */
  post(
    parts: (string | PartSpec)[],
    options?: Record<string, unknown>,
  ): Promise<{ postId: string; targetId: string; partIds: string[] }>;
  /** The user's live statuses on the fake, oldest first. */
  statuses(): FakeMastoStatus[];
  /** Requests the fake received for one method and path (answered or not). */
  requests(method: string, path: string | RegExp): number;
}

export async function mastodonFixture(
  options: FakeMastodonOptions & { username?: string } = {},
): Promise<MastodonFixture> {
  const { username, ...fakeOptions } = options;
  const fake = await startMastodon(fakeOptions);
  const core = await makeMastodonCore(fake);
  const connected = await connectMastodon({
    fake,
    core,
    ...(username !== undefined && { username }),
  });
  const publishing = networkPublishing(core, connected.clientId);
  return {
    fake,
    core,
    clientId: connected.clientId,
    user: connected.user,
    account: connected.account,
    ...publishing,
    post: (parts, targetOptions) => publishing.post(connected.account.id, parts, targetOptions),
    statuses: () =>
      fake.ledger
        .statuses()
        .filter((s) => s.accountId === connected.user.id && !s.deleted)
        .sort((a, b) => a.createdAt - b.createdAt || (BigInt(a.id) < BigInt(b.id) ? -1 : 1)),
    requests: (method, path) =>
      fake.ledger
        .requests()
        .filter(
          (r) =>
            r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
        ).length,
  };
}

/** Each part.sending event's part position and committed key, in order. */
export async function sendingKeys(
  fx: MastodonFixture,
  postId: string,
): Promise<{ position: number; key: string | undefined }[]> {
  const rows = await fx.db
    .selectFrom('post_events')
    .select('detail')
    .where('post_id', '=', postId)
    .where('type', '=', 'part.sending')
    .orderBy('id')
    .execute();
  return rows.map((r) => {
    const detail = JSON.parse(r.detail) as { position: number; key?: string };
    return { position: detail.position, key: detail.key };
  });
}

/** Injects `rule` once, when the part at `position` is about to be sent. */
export function faultOnPart(fx: MastodonFixture, position: number, rule: FaultRule): void {
  let armed = true;
  fx.onEvent((event) => {
    if (armed && event.type === 'part.sending' && event.detail.position === position) {
      armed = false;
      fx.fake.fault(rule);
    }
  });
}

export const eventTypes = (fx: MastodonFixture, postId: string): Promise<string[]> =>
  postEventTypes(fx.db, postId);

export const readTarget = (fx: MastodonFixture, targetId: string) => targetRow(fx.db, targetId);

/**
 * Schedules `parts` on the fixture's account for `at` through posts:schedule, as the
 * composer does: the post, its one target and that target's publish job.
 */
export async function scheduleOn(
  fx: MastodonFixture,
  at: number,
  parts: string[],
  networkOptions?: Record<string, Record<string, unknown>>,
) {
  const post = expectOk(
    await fx.core.invoke('posts:schedule', {
      clientId: fx.clientId,
      accountIds: [fx.account.id],
      parts: parts.map((text) => ({ text })),
      when: { at: new Date(at).toISOString() },
      ...(networkOptions !== undefined && { networkOptions }),
    }),
  );
  const targetId = post.targets[0]?.id ?? '';
  const job = await fx.db
    .selectFrom('publish_jobs')
    .select('id')
    .where('target_id', '=', targetId)
    .executeTakeFirstOrThrow();
  return { postId: post.id, targetId, jobId: job.id };
}
