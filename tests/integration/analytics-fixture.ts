// Published posts for analytics tests: real posts on the fake X (written by the account's
// user through the API) with published targets in a real core, both clocks together.
import type { SocialAccount } from '../../shared/accounts.ts';
import type { FakeX } from '../fakes/x-server/index.ts';
import { makePost } from '../helpers/post-factories.ts';
import { type XTestCore } from '../helpers/x-accounts.ts';
import { asUser, publisherFixture, type PublisherFixture } from './publisher-fixture.ts';
import { expectOk } from '../helpers/core.ts';

export interface Published {
  postId: string;
  targetId: string;
  remoteId: string;
}

export interface AnalyticsFixture extends PublisherFixture {
  /** A post on X by `userId` (default: the account's user) and its published target. */
  published(
    text: string,
    options?: { account?: SocialAccount; userId?: string },
  ): Promise<Published>;
  /** One pass over what the cadence has due, as the background runner does. */
  sync(accountId?: string): Promise<SyncAnswer>;
  /** "Sync now" as a person presses it: recent posts not read lately are read too. */
  syncNow(accountId?: string): Promise<SyncAnswer>;
  /** GET /2/tweets requests the fake answered, with their ids. */
  lookups(): { ids: string[]; fields: string; status: number }[];
}

export interface SyncAnswer {
  postsRead: number;
  accountsRead: number;
  deleted: number;
  reads: number;
  readsToday: number;
  readCap: number;
  capReached: boolean;
  problems: { accountId: string; message: string }[];
  recent?: { asked: number; days: number; minutes: number };
}

export async function analyticsFixture(): Promise<AnalyticsFixture> {
  const fx = await publisherFixture();
  return {
    ...fx,
    async published(text, options = {}) {
      const account = options.account ?? fx.account;
      const userId = options.userId ?? account.platformUserId;
      const tweet = await asUser(fx, userId).v2.tweet(text);
      const now = fx.core.clock.now();
      const made = await makePost(fx.db, {
        clientId: fx.clientId,
        accountIds: [account.id],
        parts: [text],
        status: 'published',
        scheduledAt: now,
        now,
      });
      const targetId = made.targets[account.id] ?? '';
      await fx.db
        .updateTable('post_targets')
        .set({ remote_id: tweet.data.id, published_at: now })
        .where('id', '=', targetId)
        .execute();
      await fx.db
        .updateTable('posts')
        .set({ published_at: now })
        .where('id', '=', made.postId)
        .execute();
      return { postId: made.postId, targetId, remoteId: tweet.data.id };
    },
    async sync(accountId) {
      return expectOk(
        await fx.core.invoke('analytics:sync-now', {
          dueOnly: true,
          ...(accountId !== undefined && { accountId }),
        }),
      );
    },
    async syncNow(accountId) {
      return expectOk(
        await fx.core.invoke('analytics:sync-now', accountId === undefined ? {} : { accountId }),
      );
    },
    lookups() {
      return fx.fake.ledger
        .requests()
        .filter((r) => r.method === 'GET' && r.path === '/2/tweets')
        .map((r) => {
          const q = new URL(r.url, 'http://x').searchParams;
          return {
            ids: (q.get('ids') ?? '').split(','),
            fields: q.get('tweet.fields') ?? '',
            status: r.status,
          };
        });
    },
  };
}

export const hour = 60 * 60_000;
export const day = 24 * hour;

export function snapshotsOf(core: XTestCore, targetId: string) {
  return core.database.db
    .selectFrom('post_metric_snapshots')
    .selectAll()
    .where('target_id', '=', targetId)
    .orderBy('fetched_at')
    .execute();
}

export type { FakeX };
