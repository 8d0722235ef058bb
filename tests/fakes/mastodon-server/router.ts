// Route tables and path matching. A route says how it is authenticated; the server
// applies that (and the rate limits) before the handler runs.
import type { FakeRequest } from '../http-kit/request.ts';
import type { Principal } from './auth.ts';
import type { Reply } from './replies.ts';

type Answer = Reply | Promise<Reply>;

export type Route =
  /** Needs a token with one of `scopes`; app tokens only where `appToken` is set. */
  | {
      kind: 'user';
      method: string;
      pattern: string;
      scopes: readonly string[];
      appToken?: boolean;
      handle(req: FakeRequest, principal: Principal): Answer;
    }
  /** Public, but a token that is sent must be valid (doorkeeper's authorize_if_got_token!). */
  | {
      kind: 'optional';
      method: string;
      pattern: string;
      scopes: readonly string[];
      handle(req: FakeRequest, principal: Principal | null): Answer;
    }
  /** Authenticates by itself or not at all: instance metadata, app registration, OAuth. */
  | { kind: 'open'; method: string; pattern: string; handle(req: FakeRequest): Answer };

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
  for (const route of routes) {
    if (route.method !== req.method) continue;
    const params = matchPath(route.pattern, req.path);
    if (params !== null) return { route, params };
  }
  return null;
}

export const isApiPath = (path: string): boolean => path.startsWith('/api/');
