// Reads metrics back from an instance for the analytics sync: one GET /api/v1/statuses/:id
// per post (the API has no batch read; a 404 means deleted) and the account's counts from
// verify_credentials. Reads cost nothing on Mastodon, so none are billed.
import { MastoHttpError } from 'masto';
import type { AccountCounts, MetricsPort, PostLookup, PostMetrics } from '../port.ts';
import { classifyMastodonError, mastodonMessage } from './outcomes.ts';
import type { OpenSession } from './session.ts';

/** Posts read per batch: each is its own request, so keep a batch gentle on the rate limit. */
const maxPostsPerRead = 20;

const metricsOf = (status: {
  favouritesCount: number;
  reblogsCount: number;
  repliesCount: number;
  quotesCount?: number;
}): PostMetrics => ({
  impressions: null,
  likes: status.favouritesCount,
  reposts: status.reblogsCount,
  replies: status.repliesCount,
  // Counted from Mastodon 4.5; older instances do not send it.
  quotes: typeof status.quotesCount === 'number' ? status.quotesCount : 0,
  bookmarks: 0,
  clicks: null,
  profileVisits: null,
});

export function createMastodonMetrics(openSession: OpenSession): MetricsPort {
  return {
    maxPostsPerRead,
    billsReads: false,
    classify: classifyMastodonError,

    async readPosts(account, remoteIds): Promise<PostLookup> {
      const session = await openSession(account);
      const found = new Map<string, PostMetrics>();
      const gone: string[] = [];
      const failed = new Map<string, string>();
      for (const id of remoteIds) {
        try {
          const status = await session.call((m) => m.v1.statuses.$select(id).fetch());
          found.set(id, metricsOf(status));
        } catch (error) {
          const outcome = classifyMastodonError(error, 0);
          if (error instanceof MastoHttpError && error.statusCode === 404) gone.push(id);
          // One post refused for good: note it, read the others.
          else if (outcome.kind === 'rejected' && error instanceof MastoHttpError) {
            failed.set(id, mastodonMessage(error));
          }
          // Rate limits, auth, outages: the whole account waits (the sync classifies).
          else throw error;
        }
      }
      return { found, gone, publicOnly: [], failed };
    },

    async readAccount(account): Promise<AccountCounts> {
      const session = await openSession(account);
      const me = await session.call((m) => m.v1.accounts.verifyCredentials());
      return {
        followers: me.followersCount,
        following: me.followingCount,
        postsCount: me.statusesCount,
        listed: 0,
      };
    },
  };
}
