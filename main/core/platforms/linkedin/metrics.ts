// Reads metrics back for the analytics sync where LinkedIn gives them: a company page's
// posts through organizationalEntityShareStatistics (impressions, clicks, reactions,
// comments, reshares) and its followers through networkSizes. LinkedIn leaves posts
// without activity out of the statistics, so each one missing is looked up: still there
// means true zeros, 404 means deleted. A member's own posts have metrics only for apps
// LinkedIn grants r_member_postAnalytics, which it does not grant apps like Starling, so
// members are `unavailable` and never read: no zeros that look like data.
import { failure } from '../../../../shared/result.ts';
import type { MetricsPort, PostLookup, PostMetrics } from '../port.ts';
import { encodeUrn, LinkedInHttpError, type LinkedInApi } from './api.ts';
import { settingsOf } from './credentials.ts';
import { jsonOf } from '../http-exchange.ts';
import { commentParts } from './links.ts';
import { classifyLinkedInError } from './outcomes.ts';
import type { OpenSession } from './session.ts';

export const memberMetricsUnavailable =
  'Not available for personal profiles with this app: LinkedIn gives apps like Starling ' +
  'metrics for company pages only.';

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function metricsOf(stats: Record<string, unknown>): PostMetrics {
  return {
    impressions: count(stats.impressionCount),
    likes: count(stats.likeCount),
    reposts: count(stats.shareCount),
    replies: count(stats.commentCount),
    quotes: 0,
    bookmarks: 0,
    clicks: count(stats.clickCount),
    profileVisits: null,
  };
}

const noActivity: PostMetrics = metricsOf({});

export function createLinkedInMetrics(deps: {
  api: LinkedInApi;
  openSession: OpenSession;
}): MetricsPort {
  const { api } = deps;
  return {
    unavailable: (account) =>
      settingsOf(account).kind === 'page' ? null : memberMetricsUnavailable,
    maxPostsPerRead: 20,
    billsReads: false,
    classify: classifyLinkedInError,

    async readPosts(account, remoteIds): Promise<PostLookup> {
      const session = await deps.openSession(account);
      if (session.settings.kind !== 'page') throw failure('VALIDATION', memberMetricsUnavailable);
      const posts = remoteIds.filter((id) => commentParts(id) === null);
      const list = (prefix: string) =>
        posts
          .filter((id) => id.startsWith(prefix))
          .map(encodeUrn)
          .join(',');
      const shares = list('urn:li:share:');
      const ugcPosts = list('urn:li:ugcPost:');
      const query =
        `/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${encodeUrn(session.author)}` +
        (shares === '' ? '' : `&shares=List(${shares})`) +
        (ugcPosts === '' ? '' : `&ugcPosts=List(${ugcPosts})`);
      const found = new Map<string, PostMetrics>();
      const gone: string[] = [];
      const failed = new Map<string, string>();
      if (posts.length > 0) {
        const body = jsonOf(await session.call((token) => api.rest(token, 'GET', query)));
        const elements = record(body).elements;
        for (const element of Array.isArray(elements) ? elements.map(record) : []) {
          const urn = element.share ?? element.ugcPost;
          if (typeof urn === 'string')
            found.set(urn, metricsOf(record(element.totalShareStatistics)));
        }
      }
      for (const id of remoteIds) {
        if (found.has(id)) continue;
        if (commentParts(id) !== null) {
          failed.set(id, 'LinkedIn keeps no statistics for comments.');
          continue;
        }
        try {
          await session.call((token) => api.rest(token, 'GET', `/posts/${encodeUrn(id)}`));
          found.set(id, noActivity);
        } catch (error) {
          if (error instanceof LinkedInHttpError && error.status === 404) gone.push(id);
          else throw error;
        }
      }
      return { found, gone, publicOnly: [], failed };
    },

    async readAccount(account) {
      const session = await deps.openSession(account);
      if (session.settings.kind !== 'page') throw failure('VALIDATION', memberMetricsUnavailable);
      const body = record(
        jsonOf(
          await session.call((token) =>
            api.rest(
              token,
              'GET',
              `/networkSizes/${encodeUrn(session.author)}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`,
            ),
          ),
        ),
      );
      return { followers: count(body.firstDegreeSize), following: 0, postsCount: 0, listed: 0 };
    },
  };
}
