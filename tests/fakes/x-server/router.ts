// Route tables and path matching. API routes answer on api.x.com only; the authorize
// pages answer on any other host (the browser reaches them at the fake's own origin).
import type { Principal } from './auth.ts';
import type { Endpoint } from './rate-limits.ts';
import type { Reply } from './replies.ts';
import type { FakeRequest } from '../http-kit/request.ts';

export const apiHost = 'api.x.com';

type Answer = Reply | Promise<Reply>;

export type Route =
  /** An API call made for a user: authenticated, rate limited per user, scope-checked. */
  | {
      kind: 'user';
      method: string;
      pattern: string;
      endpoint: Endpoint;
      scopes: readonly string[];
      handle(req: FakeRequest, principal: Principal): Answer;
    }
  /** An API endpoint that authenticates by itself (the OAuth endpoints). */
  | {
      kind: 'open';
      method: string;
      pattern: string;
      endpoint: Endpoint;
      handle(req: FakeRequest): Answer;
    }
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
      params[segment.slice(1)] = decodeURIComponent(actual);
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}

export function findRoute(
  routes: readonly Route[],
  req: FakeRequest,
): { route: Route; params: Record<string, string> } | null {
  const onApi = req.host === apiHost;
  for (const route of routes) {
    if ((route.kind === 'page') === onApi || route.method !== req.method) continue;
    const params = matchPath(route.pattern, req.path);
    if (params !== null) return { route, params };
  }
  return null;
}
