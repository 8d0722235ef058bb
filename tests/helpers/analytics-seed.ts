// A data folder with a client, an X account connected through the fake X and posts
// published on X some hours ago, for tests that run the real CLI or browser host (which
// read the wall clock, so the fake and the core run on real time here).
import { TwitterApi } from 'twitter-api-v2';
import { onTestFinished } from 'vitest';
import { createXRoute } from '../../main/core/platforms/x/x-agent.ts';
import { startFakeX, type FakeX, type TweetMetrics } from '../fakes/x-server/index.ts';
import { makePost } from './post-factories.ts';
import { tempDataDir } from './temp-dir.ts';
import {
  addClient,
  flowOutcome,
  followRedirect,
  makeXCore,
  startConnect,
  testPassphrase,
} from './x-accounts.ts';
import { postSeqOf } from '../../main/core/db/post-numbers.ts';

export interface SeededAnalytics {
  fake: FakeX;
  dataDir: string;
  clientId: string;
  accountId: string;
  /** Remote id per post text. */
  remoteIds: Map<string, string>;
  env: NodeJS.ProcessEnv;
}

export async function seedPublishedPosts(
  posts: readonly (readonly [string, Partial<TweetMetrics>])[],
  options: {
    followers?: number;
    publishedAgoMs?: number;
    clientName?: string;
    /** The X account's username, which becomes its handle: free text from the network. */
    username?: string;
  } = {},
): Promise<SeededAnalytics> {
  const fake = await startFakeX({ startAt: Date.now() });
  onTestFinished(() => fake.close());
  const user = fake.addUser({
    username: options.username ?? 'nova_bakery',
    followers: options.followers ?? 0,
  });
  const dataDir = tempDataDir();
  const core = await makeXCore(fake, { dataDir, ports: { clock: { now: () => Date.now() } } });
  const clientId = await addClient(core, options.clientName ?? 'Nova Bakery');
  const { flow } = await startConnect(core, fake, clientId);
  const outcome = flowOutcome(core, flow.flowId);
  await followRedirect(await fake.approve(flow.authorizeUrl, { userId: user.id }));
  const connected = await outcome;
  if (!connected.ok) throw new Error(connected.error.message);
  const accountId = connected.account.id;
  const x = new TwitterApi(fake.issueTokens(user.id).accessToken, {
    httpAgent: createXRoute({ STARLING_X_API_ORIGIN: fake.origin }).agent,
  });
  const publishedAt = Date.now() - (options.publishedAgoMs ?? 3 * 3_600_000);
  const remoteIds = new Map<string, string>();
  for (const [text, metrics] of posts) {
    const tweet = await x.v2.tweet(text);
    fake.setMetrics(tweet.data.id, metrics);
    remoteIds.set(text, tweet.data.id);
    const made = await makePost(core.database.db, {
      clientId,
      accountIds: [accountId],
      parts: [text],
      status: 'published',
      scheduledAt: publishedAt,
      now: publishedAt,
    });
    await core.database.db
      .updateTable('post_targets')
      .set({ remote_id: tweet.data.id, published_at: publishedAt })
      .where('post_seq', '=', postSeqOf(made.postId))
      .execute();
  }
  await core.close();
  return {
    fake,
    dataDir,
    clientId,
    accountId,
    remoteIds,
    env: { STARLING_X_API_ORIGIN: fake.origin, STARLING_VAULT_PASSPHRASE: testPassphrase },
  };
}
