// Reads metrics back from Bluesky for the analytics sync: like, repost, reply and quote
// counts of up to 25 posts a call (app.bsky.feed.getPosts) and the account's follower
// counts (getProfile). Reads cost nothing, so they do not count against the read cap.
import type { AccountCounts, MetricsPort, PostLookup, PostMetrics } from '../port.ts';
import { answered } from './errors.ts';
import { classifyBlueskyError } from './outcomes.ts';
import type { AccountAgent, BlueskySessions } from './sessions.ts';

const maxUrisPerRead = 25;

/**
 * Whether a post the app view left out is gone from the account's repo. The app view
 * also leaves out a post it has not indexed yet; only the PDS can say it was deleted.
 */
async function deleted(account: AccountAgent, uri: string): Promise<boolean> {
  const [, , repo = '', collection = '', rkey = ''] = uri.split('/');
  try {
    await account.agent.com.atproto.repo.getRecord({ repo, collection, rkey });
    return false;
  } catch (error) {
    if (answered(error)?.name === 'RecordNotFound') return true;
    throw error;
  }
}

export function createBlueskyMetrics(sessions: BlueskySessions): MetricsPort {
  return {
    maxPostsPerRead: maxUrisPerRead,
    billsReads: false,
    classify: classifyBlueskyError,

    async readPosts(account, remoteIds): Promise<PostLookup> {
      if (remoteIds.length === 0 || remoteIds.length > maxUrisPerRead) {
        throw new Error(`getPosts takes 1 to ${String(maxUrisPerRead)} URIs`);
      }
      const agent = await sessions.agentFor(account.id);
      const { data } = await agent.agent.app.bsky.feed.getPosts({ uris: remoteIds });
      const found = new Map<string, PostMetrics>();
      for (const post of data.posts) {
        found.set(post.uri, {
          impressions: null,
          likes: post.likeCount ?? 0,
          reposts: post.repostCount ?? 0,
          replies: post.replyCount ?? 0,
          quotes: post.quoteCount ?? 0,
          bookmarks: 0,
          clicks: null,
          profileVisits: null,
        });
      }
      const gone: string[] = [];
      const failed = new Map<string, string>();
      for (const uri of remoteIds.filter((id) => !found.has(id))) {
        if (await deleted(agent, uri)) gone.push(uri);
        else failed.set(uri, 'Bluesky has not shown this post yet');
      }
      return { found, gone, publicOnly: [], failed };
    },

    async readAccount(account): Promise<AccountCounts> {
      const agent = await sessions.agentFor(account.id);
      const { data } = await agent.agent.app.bsky.actor.getProfile({ actor: agent.did });
      return {
        followers: data.followersCount ?? 0,
        following: data.followsCount ?? 0,
        postsCount: data.postsCount ?? 0,
        listed: 0,
      };
    },
  };
}
