// Threads' MetricsPort: each post's lifetime insights (views, likes, replies, reposts,
// quotes; GET /{media}/insights) and the account's followers (GET /{user}/threads_insights
// followers_count), read with threads_manage_insights into the same local history.
import type { AccountCounts, MetricsPort, PostLookup, PostMetrics } from '../port.ts';
import { graph, ThreadsHttpError, type ThreadsApi } from './api.ts';
import { classifyThreadsError } from './outcomes.ts';
import type { OpenSession } from './session.ts';

interface Insight {
  name?: unknown;
  values?: { value?: unknown }[];
  total_value?: { value?: unknown };
}

const valueOf = (data: Insight[], name: string): number => {
  const insight = data.find((d) => d.name === name);
  const value = insight?.total_value?.value ?? insight?.values?.[0]?.value;
  return typeof value === 'number' ? value : 0;
};

export function createThreadsMetrics(deps: {
  api: ThreadsApi;
  openSession: OpenSession;
}): MetricsPort {
  const { api } = deps;
  return {
    // One read per post: insights are asked for post by post.
    maxPostsPerRead: 25,
    billsReads: false,

    async readPosts(account, remoteIds): Promise<PostLookup> {
      const session = await deps.openSession(account);
      const found = new Map<string, PostMetrics>();
      const gone: string[] = [];
      const failed = new Map<string, string>();
      for (const id of remoteIds) {
        try {
          const body = await session.call((token) =>
            api.get(
              graph(`/${id}/insights`),
              { metric: 'views,likes,replies,reposts,quotes' },
              token,
            ),
          );
          const data = (Array.isArray(body.data) ? body.data : []) as Insight[];
          found.set(id, {
            impressions: valueOf(data, 'views'),
            likes: valueOf(data, 'likes'),
            reposts: valueOf(data, 'reposts'),
            replies: valueOf(data, 'replies'),
            quotes: valueOf(data, 'quotes'),
            bookmarks: 0,
            clicks: null,
            profileVisits: null,
          });
        } catch (error) {
          if (!(error instanceof ThreadsHttpError) || error.code === 190) throw error;
          // Graph's "does not exist": deleted on Threads.
          if (error.status === 404 || error.code === 100) gone.push(id);
          else if (error.status >= 500 || error.status === 429) throw error;
          else failed.set(id, error.message);
        }
      }
      return { found, gone, publicOnly: [], failed };
    },

    async readAccount(account): Promise<AccountCounts> {
      const session = await deps.openSession(account);
      const body = await session.call((token) =>
        api.get(graph(`/${session.userId}/threads_insights`), { metric: 'followers_count' }, token),
      );
      const data = (Array.isArray(body.data) ? body.data : []) as Insight[];
      return {
        followers: valueOf(data, 'followers_count'),
        following: 0,
        postsCount: 0,
        listed: 0,
      };
    },

    classify: classifyThreadsError,
  };
}
