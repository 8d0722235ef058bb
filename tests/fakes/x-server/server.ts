// The HTTP side: reads each request, logs it, applies faults, routes it through
// authentication, rate limits and scopes, and writes (or deliberately drops) the answer.
import type http from 'node:http';
import { listenFaulty, type MadeUpFault } from '../http-kit/answer.ts';
import { portOf } from '../http-kit/listen.ts';
import { authenticate, hasScopes } from './auth.ts';
import type { Faults } from '../http-kit/faults.ts';
import type { RequestLog } from '../http-kit/ledger.ts';
import { rateLimitHeaders, type RateLimiter } from './rate-limits.ts';
import {
  forbidden,
  html,
  routeNotFound,
  serverError,
  tooManyRequests,
  unauthorized,
  type Reply,
} from './replies.ts';
import type { FakeRequest } from '../http-kit/request.ts';
import { apiHost, findRoute, type Route } from './router.ts';
import type { Store } from './store.ts';

export interface ServerDeps {
  store: Store;
  routes: readonly Route[];
  limiter: RateLimiter;
  faults: Faults;
  log: RequestLog;
  /** Aborted on close, so pending latency faults end with the server. */
  closing: AbortSignal;
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

async function dispatch(deps: ServerDeps, req: FakeRequest): Promise<Reply> {
  const found = findRoute(deps.routes, req);
  if (found === null) {
    if (req.host !== apiHost)
      return html(404, '<!doctype html><title>Not found</title><p>Not found</p>');
    return withHeaders(routeNotFound(), rateLimitHeaders(deps.limiter.take('unknown', 'any')));
  }
  const { route, params } = found;
  req.params = params;
  if (route.kind !== 'user') {
    const answer = await route.handle(req);
    if (route.kind === 'page') return answer;
    return withHeaders(answer, rateLimitHeaders(deps.limiter.take(route.endpoint, 'app')));
  }
  const principal = authenticate(deps.store, req);
  if (principal === null) {
    const state = deps.limiter.take(route.endpoint, 'unauthenticated');
    return withHeaders(unauthorized(), rateLimitHeaders(state));
  }
  const state = deps.limiter.take(route.endpoint, principal.userId);
  const headers = rateLimitHeaders(state);
  if (state.exceeded) return withHeaders(tooManyRequests(), headers);
  if (!hasScopes(principal, route.scopes)) return withHeaders(forbidden(), headers);
  return withHeaders(await route.handle(req, principal), headers);
}

/** Rate-limit headers for an answer a fault made up, without counting the call. */
function faultHeaders(deps: ServerDeps, req: FakeRequest, reset?: number): Record<string, string> {
  if (req.host !== apiHost) return {};
  const found = findRoute(deps.routes, req);
  const endpoint = found === null || found.route.kind === 'page' ? 'unknown' : found.route.endpoint;
  const who =
    found?.route.kind === 'user'
      ? (authenticate(deps.store, req)?.userId ?? 'unauthenticated')
      : found?.route.kind === 'open'
        ? 'app'
        : 'any';
  const state = deps.limiter.peek(endpoint, who);
  if (reset === undefined) return rateLimitHeaders(state);
  return rateLimitHeaders({ ...state, remaining: 0, reset });
}

/** X's answer for a fault that replaces the real one. */
function madeUp(deps: ServerDeps, fault: MadeUpFault, req: FakeRequest): Reply {
  switch (fault.kind) {
    case 'status':
      return withHeaders(serverError(fault.status), faultHeaders(deps, req));
    case 'rate-limit': {
      const reset = Math.ceil(deps.store.clock.now() / 1000) + fault.resetInSeconds;
      return withHeaders(tooManyRequests(), faultHeaders(deps, req, reset));
    }
    case 'revoked':
    case 'expired':
      return withHeaders(unauthorized(), faultHeaders(deps, req));
  }
}

export function listen(deps: ServerDeps): Promise<http.Server> {
  return listenFaulty('fake X server', deps, dispatch, madeUp);
}

export { portOf };
