// Reads metrics from X for the analytics sync: posts in batches of up to 100 ids
// (GET /2/tweets, non-public metrics only when asked) and an account's follower counts
// (GET /2/users/me). A 401 refreshes the token once through XClients and asks again.
import type { TweetV2 } from 'twitter-api-v2';
import type { AccountCounts, MetricsPort, PostLookup, PostMetrics } from '../port.ts';
import { accountCall } from './account-call.ts';
import { classifyXError } from './outcomes.ts';
import type { XClients } from './x-clients.ts';

const maxIdsPerLookup = 100;

function metricsOf(tweet: TweetV2): PostMetrics {
  const pub = tweet.public_metrics;
  const priv = tweet.non_public_metrics as
    | { impression_count?: number; url_link_clicks?: number; user_profile_clicks?: number }
    | undefined;
  const impressions = priv?.impression_count ?? pub?.impression_count;
  return {
    impressions: typeof impressions === 'number' ? impressions : null,
    likes: pub?.like_count ?? 0,
    reposts: pub?.retweet_count ?? 0,
    replies: pub?.reply_count ?? 0,
    quotes: pub?.quote_count ?? 0,
    bookmarks: pub?.bookmark_count ?? 0,
    clicks: priv?.url_link_clicks ?? null,
    profileVisits: priv?.user_profile_clicks ?? null,
  };
}

interface PartialError {
  resource_id?: unknown;
  value?: unknown;
  type?: unknown;
  title?: unknown;
  detail?: unknown;
}

const notFoundType = 'https://api.twitter.com/2/problems/resource-not-found';
const fieldAuthType = 'https://api.twitter.com/2/problems/not-authorized-for-field';

export function createXMetrics(xClients: XClients): MetricsPort {
  return {
    maxPostsPerRead: maxIdsPerLookup,
    // X's API is pay-per-use: every read counts against the daily cap.
    billsReads: true,
    classify: classifyXError,

    /** One GET /2/tweets for up to 100 of the account's posts. */
    async readPosts(account, remoteIds, withPrivate): Promise<PostLookup> {
      const accountId = account.id;
      if (remoteIds.length === 0 || remoteIds.length > maxIdsPerLookup) {
        throw new Error(`lookupPosts takes 1 to ${String(maxIdsPerLookup)} ids`);
      }
      const fields = withPrivate ? ['public_metrics', 'non_public_metrics'] : ['public_metrics'];
      const call = accountCall(xClients, accountId);
      const answer = await call((client) =>
        client.v2.tweets(remoteIds, { 'tweet.fields': fields as never }),
      );
      const found = new Map<string, PostMetrics>();
      for (const tweet of (answer.data as TweetV2[] | undefined) ?? []) {
        found.set(tweet.id, metricsOf(tweet));
      }
      const gone: string[] = [];
      const publicOnly: string[] = [];
      const failed = new Map<string, string>();
      for (const raw of (answer.errors ?? []) as PartialError[]) {
        const id = typeof raw.resource_id === 'string' ? raw.resource_id : raw.value;
        if (typeof id !== 'string' || found.has(id)) continue;
        const type = typeof raw.type === 'string' ? raw.type : '';
        const title = typeof raw.title === 'string' ? raw.title : '';
        if (type === notFoundType || title === 'Not Found Error') gone.push(id);
        else if (type === fieldAuthType || title === 'Field Authorization Error') {
          if (!publicOnly.includes(id)) publicOnly.push(id);
        } else failed.set(id, typeof raw.detail === 'string' ? raw.detail : title || 'error');
      }
      // An id with no data and no error (X dropped it) is retried at the next poll.
      return { found, gone: [...new Set(gone)], publicOnly, failed };
    },

    /** The account's own counts through GET /2/users/me. */
    async readAccount(account): Promise<AccountCounts> {
      const call = accountCall(xClients, account.id);
      const me = await call((client) => client.v2.me({ 'user.fields': ['public_metrics'] }));
      const m = me.data.public_metrics;
      return {
        followers: m?.followers_count ?? 0,
        following: m?.following_count ?? 0,
        postsCount: m?.tweet_count ?? 0,
        listed: m?.listed_count ?? 0,
      };
    },
  };
}
