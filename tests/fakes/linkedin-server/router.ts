// Route tables and path matching by Host, as the origin override delivers requests: the
// REST and /v2 APIs on api.linkedin.com, OAuth and signed upload URLs on www.linkedin.com,
// and the authorize page on any host but the API's (a browser reaches it at fake.origin).
import type { FakeRequest } from '../http-kit/request.ts';
import type { Caller } from './auth.ts';
import type { Reply } from './replies.ts';

export const apiHost = 'api.linkedin.com';
export const wwwHost = 'www.linkedin.com';

type Answer = Reply | Promise<Reply>;

export type Route =
  /**
   * A call made with a member's token: authenticated, version-checked when `versioned`,
   * counted against the member's daily quota and admitted by any one of `scopes`.
   * `resource` names it in ACCESS_DENIED messages (partnerApiPostsExternal.CREATE).
   */
  | {
      kind: 'member';
      method: string;
      pattern: string;
      /** Matches the query's `q` or `action` too, where Rest.li puts the method there. */
      query?: Record<string, string>;
      endpoint: string;
      resource: string;
      versioned: boolean;
      scopes: readonly string[];
      handle(req: FakeRequest, caller: Caller): Answer;
    }
  /** www.linkedin.com endpoints that authenticate by themselves: OAuth, signed uploads. */
  | { kind: 'www'; method: string; pattern: string; handle(req: FakeRequest): Answer }
  /** A page for the browser. */
  | { kind: 'page'; method: string; pattern: string; handle(req: FakeRequest): Answer };

export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = got[i] ?? '';
    if (segment.startsWith(':')) {
      if (actual === '') return null;
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}

function hostAdmits(route: Route, host: string): boolean {
  switch (route.kind) {
    case 'member':
      return host === apiHost;
    case 'www':
      return host === wwwHost;
    case 'page':
      return host !== apiHost;
  }
}

export function findRoute(
  routes: readonly Route[],
  req: FakeRequest,
): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    if (route.method !== req.method || !hostAdmits(route, req.host)) continue;
    if (route.kind === 'member' && route.query !== undefined) {
      const wanted = Object.entries(route.query);
      if (!wanted.every(([key, value]) => req.query.get(key) === value)) continue;
    }
    const params = matchPath(route.pattern, req.path);
    if (params !== null) return { route, params };
  }
  return null;
}
