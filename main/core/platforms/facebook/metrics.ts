// Reads a Page's figures back for the analytics sync: each post's lifetime insights
// (post_impressions, post_clicks; developers.facebook.com/docs/graph-api/reference/
// insights) with its reactions, comments and shares in one read of the post, and the
// Page's followers_count. A video is read through the post it made (post_id). Comments
// carry no insights. A post Graph no longer has (100/33) is gone.
import type { AccountCounts, MetricsPort, PostLookup, PostMetrics } from '../port.ts';
import { GraphError, type GraphApi } from '../meta/graph.ts';
import { classifyMetaError } from '../meta/outcomes.ts';
import type { MetaSessions } from '../meta/session.ts';
import { userCannotPost } from './limits.ts';

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

const postFields =
  'id,shares,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),' +
  'insights.metric(post_impressions,post_clicks)';

function metricsOf(post: Record<string, unknown>): PostMetrics {
  const insights = new Map<string, unknown>();
  const data = record(post.insights).data;
  for (const item of Array.isArray(data) ? data.map(record) : []) {
    const values = Array.isArray(item.values) ? item.values.map(record) : [];
    if (typeof item.name === 'string') insights.set(item.name, values.at(-1)?.value);
  }
  return {
    impressions: insights.has('post_impressions') ? count(insights.get('post_impressions')) : null,
    likes: count(record(record(post.reactions).summary).total_count),
    reposts: count(record(post.shares).count),
    replies: count(record(record(post.comments).summary).total_count),
    quotes: 0,
    bookmarks: 0,
    clicks: insights.has('post_clicks') ? count(insights.get('post_clicks')) : null,
    profileVisits: null,
  };
}

const gone = (error: unknown) =>
  error instanceof GraphError &&
  error.code === 100 &&
  (error.subcode === 33 || error.subcode === null);

export function createFacebookMetrics(deps: {
  graph: GraphApi;
  sessions: MetaSessions;
}): MetricsPort {
  const { graph } = deps;
  return {
    unavailable: (account) => (account.settings.kind === 'user' ? userCannotPost : null),
    maxPostsPerRead: 25,
    billsReads: false,
    classify: classifyMetaError,

    async readPosts(account, remoteIds): Promise<PostLookup> {
      const session = await deps.sessions.page(account);
      const pageId = session.credentials.pageId;
      const found = new Map<string, PostMetrics>();
      const goneIds: string[] = [];
      const failed = new Map<string, string>();
      const read = (id: string, fields: string) =>
        session.call((token) => graph.get(token, `/${id}`, { fields }), [pageId]);
      for (const id of remoteIds) {
        const isPost = id.startsWith(`${pageId}_`);
        const isVideo = !id.includes('_');
        if (!isPost && !isVideo) {
          failed.set(id, 'Facebook keeps no insights for comments.');
          continue;
        }
        try {
          let postId = id;
          if (isVideo) {
            const video = await read(id, 'id,post_id');
            if (typeof video.post_id !== 'string') {
              failed.set(id, 'Facebook did not name the post this video made.');
              continue;
            }
            postId = video.post_id;
          }
          found.set(id, metricsOf(await read(postId, postFields)));
        } catch (error) {
          if (gone(error)) goneIds.push(id);
          else throw error;
        }
      }
      return { found, gone: goneIds, publicOnly: [], failed };
    },

    async readAccount(account): Promise<AccountCounts> {
      const session = await deps.sessions.page(account);
      const pageId = session.credentials.pageId;
      const page = await session.call(
        (token) => graph.get(token, `/${pageId}`, { fields: 'followers_count,fan_count' }),
        [pageId],
      );
      return {
        followers: count(page.followers_count ?? page.fan_count),
        following: 0,
        postsCount: 0,
        listed: 0,
      };
    },
  };
}
