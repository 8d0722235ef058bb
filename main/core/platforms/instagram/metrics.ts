// Instagram media insights and follower counts for the analytics sync: per post
// GET /{ig-media-id}/insights with reach, likes, comments, saved and shares (lifetime
// figures), and GET /{ig-user-id} with followers_count, follows_count and media_count.
// Reach (accounts that saw the post) stands in the impressions column: Meta retired
// media impressions in 2025. A post deleted in the app answers code 100 and is gone.
import { GraphError } from '../meta/graph.ts';
import type { MetricsPort, PostLookup, PostMetrics } from '../port.ts';
import type { OpenGraph } from './graph.ts';
import { classifyInstagramError } from './outcomes.ts';

const metrics = ['reach', 'likes', 'comments', 'saved', 'shares'] as const;

const numberOf = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0;

/** One metric's lifetime value from an insights answer (values[0].value, or total_value). */
function valueOf(data: Record<string, unknown>[], name: string): number | null {
  const row = data.find((d) => d.name === name);
  if (row === undefined) return null;
  const values = Array.isArray(row.values) ? (row.values as { value?: unknown }[]) : [];
  if (values[0] !== undefined) return numberOf(values[0].value);
  const total = row.total_value as { value?: unknown } | undefined;
  return numberOf(total?.value);
}

export function createInstagramMetrics(deps: {
  openGraph: OpenGraph;
  now: () => number;
}): MetricsPort {
  return {
    maxPostsPerRead: 25,
    billsReads: false,

    async readPosts(account, remoteIds) {
      const graph = await deps.openGraph(account);
      const lookup: PostLookup = { found: new Map(), gone: [], publicOnly: [], failed: new Map() };
      for (const id of remoteIds) {
        try {
          const answer = await graph.get(`/${id}/insights`, { metric: metrics.join(',') });
          const data = Array.isArray(answer.data) ? (answer.data as Record<string, unknown>[]) : [];
          const figures: PostMetrics = {
            impressions: valueOf(data, 'reach'),
            likes: valueOf(data, 'likes') ?? 0,
            replies: valueOf(data, 'comments') ?? 0,
            bookmarks: valueOf(data, 'saved') ?? 0,
            reposts: valueOf(data, 'shares') ?? 0,
            quotes: 0,
            clicks: null,
            profileVisits: null,
          };
          lookup.found.set(id, figures);
        } catch (error) {
          if (!(error instanceof GraphError)) throw error;
          if (error.code === 100 || error.status === 404) {
            lookup.gone.push(id);
            continue;
          }
          // A refusal of one post's figures; the account's token or limit concerns them all.
          const outcome = classifyInstagramError(error, deps.now());
          if (outcome.kind !== 'rejected') throw error;
          lookup.failed.set(id, outcome.message);
        }
      }
      return lookup;
    },

    async readAccount(account) {
      const graph = await deps.openGraph(account);
      const answer = await graph.get(`/${account.platformUserId}`, {
        fields: 'followers_count,follows_count,media_count',
      });
      return {
        followers: numberOf(answer.followers_count),
        following: numberOf(answer.follows_count),
        postsCount: numberOf(answer.media_count),
        listed: 0,
      };
    },

    classify: classifyInstagramError,
  };
}
