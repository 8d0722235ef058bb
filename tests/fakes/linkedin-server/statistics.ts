// Metrics: organic share statistics for a page's posts (rw_organization_admin and the
// ADMINISTRATOR role; per post with shares=List(…) / ugcPosts=List(…), else the page's
// total), and member-post analytics, which need a scope ordinary apps are never granted.
import type { FakeRequest } from '../http-kit/request.ts';
import { organizationUrnPattern, type Caller } from './auth.ts';
import { badRequest, json, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import { emptyStats, type Store } from './store.ts';
import type { ShareStatistics } from './types.ts';

/** A Rest.li list parameter: `name=List(a,b)` (protocol 2.0) or `name[0]=a&name[1]=b` (1.0). */
export function listParam(q: URLSearchParams, name: string): string[] {
  const list = q.get(name);
  if (list !== null) {
    const inner = /^List\((.*)\)$/.exec(list)?.[1];
    return (inner ?? list)
      .split(',')
      .map(decodeURIComponent)
      .filter((s) => s !== '');
  }
  const out: string[] = [];
  for (let i = 0; q.has(`${name}[${i}]`); i += 1) out.push(q.get(`${name}[${i}]`) ?? '');
  return out;
}

function withEngagement(stats: ShareStatistics) {
  const { impressionCount, clickCount, likeCount, commentCount, shareCount } = stats;
  const engaged = clickCount + likeCount + commentCount + shareCount;
  return { ...stats, engagement: impressionCount === 0 ? 0 : engaged / impressionCount };
}

const allZero = (s: ShareStatistics) => Object.values(s).every((n) => n === 0);

function shareStatistics(store: Store, req: FakeRequest, caller: Caller): Reply {
  const entity = req.query.get('organizationalEntity') ?? '';
  const org = organizationUrnPattern.exec(entity)?.[1];
  if (org === undefined) {
    return badRequest(
      'INVALID_PARAMETER',
      `organizationalEntity "${entity}" is not an organization URN`,
    );
  }
  if (!store.hasRole(caller.member.id, org, ['ADMINISTRATOR'])) return caller.denied();
  const posts = [...store.posts.values()].filter((p) => p.author === entity && !p.deleted);
  const wanted = [...listParam(req.query, 'shares'), ...listParam(req.query, 'ugcPosts')];
  if (wanted.length === 0) {
    const total = emptyStats();
    for (const post of posts) {
      for (const key of Object.keys(total) as (keyof ShareStatistics)[])
        total[key] += post.stats[key];
    }
    return json(200, {
      paging: { start: 0, count: 10, links: [] },
      elements: [{ organizationalEntity: entity, totalShareStatistics: withEngagement(total) }],
    });
  }
  // Posts without any activity yet are left out of the answer rather than listed as zeros.
  const elements = wanted.flatMap((urn) => {
    const post = posts.find((p) => p.urn === urn);
    if (post === undefined || allZero(post.stats)) return [];
    const key = urn.startsWith('urn:li:ugcPost:') ? 'ugcPost' : 'share';
    return [
      {
        organizationalEntity: entity,
        [key]: urn,
        totalShareStatistics: withEngagement(post.stats),
      },
    ];
  });
  return json(200, { paging: { start: 0, count: 10, links: [] }, elements });
}

/** Only reachable with r_member_postAnalytics, which no product in this fake grants. */
function memberPostAnalytics(store: Store, req: FakeRequest): Reply {
  const urn = /^\((?:share|ugcPost):(.+)\)$/.exec(req.query.get('entity') ?? '')?.[1] ?? '';
  const post = store.posts.get(decodeURIComponent(urn));
  const counts: Record<string, number> = {
    IMPRESSION: post?.stats.impressionCount ?? 0,
    MEMBERS_REACHED: post?.stats.uniqueImpressionsCount ?? 0,
    REACTION: post?.stats.likeCount ?? 0,
    COMMENT: post?.stats.commentCount ?? 0,
    RESHARE: post?.stats.shareCount ?? 0,
  };
  const type = req.query.get('queryType') ?? '';
  if (!(type in counts)) return badRequest('INVALID_PARAMETER', `queryType "${type}" is not valid`);
  return json(200, {
    paging: { start: 0, count: 10, links: [] },
    elements: [{ count: counts[type] }],
  });
}

export function statisticsRoutes(store: Store): Route[] {
  return [
    {
      kind: 'member',
      method: 'GET',
      pattern: '/rest/organizationalEntityShareStatistics',
      query: { q: 'organizationalEntity' },
      endpoint: 'GET /rest/organizationalEntityShareStatistics',
      resource: 'organizationalEntityShareStatistics.FINDER-organizationalEntity',
      versioned: true,
      scopes: ['rw_organization_admin'],
      handle: (req, caller) => shareStatistics(store, req, caller),
    },
    {
      kind: 'member',
      method: 'GET',
      pattern: '/rest/memberCreatorPostAnalytics',
      query: { q: 'entity' },
      endpoint: 'GET /rest/memberCreatorPostAnalytics',
      resource: 'memberCreatorPostAnalytics.FINDER-entity',
      versioned: true,
      scopes: ['r_member_postAnalytics'],
      handle: (req) => memberPostAnalytics(store, req),
    },
  ];
}
