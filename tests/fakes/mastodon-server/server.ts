// The HTTP side: reads each request, logs it, applies faults, then rate limits (Rack::Attack
// runs before the app), authentication and scopes, and writes or drops the answer.
import type http from 'node:http';
import { listenFaulty, type MadeUpFault } from '../http-kit/answer.ts';
import { portOf } from '../http-kit/listen.ts';
import type { Faults } from '../http-kit/faults.ts';
import type { RequestLog } from '../http-kit/ledger.ts';
import type { FakeRequest } from '../http-kit/request.ts';
import { authenticate, hasScope } from './auth.ts';
import { rateLimitHeaders, type RateLimiter, type RateLimitState } from './rate-limits.ts';
import {
  apiError,
  forbiddenScope,
  notFound,
  pageNotFound,
  revokedTokenMessage,
  serverError,
  tooManyRequests,
  unauthorized,
  type Reply,
} from './replies.ts';
import { findRoute, isApiPath, type Route } from './router.ts';
import type { Store } from './store.ts';

export interface ServerDeps {
  store: Store;
  routes: readonly Route[];
  limiter: RateLimiter;
  faults: Faults;
  log: RequestLog;
  /** Runs before every request: scheduled statuses whose time has come get published. */
  beforeEach(): void;
  /** Aborted on close, so pending latency faults end with the server. */
  closing: AbortSignal;
}

function withHeaders(reply: Reply, state: RateLimitState | null): Reply {
  if (state === null) return reply;
  return { ...reply, headers: { ...reply.headers, ...rateLimitHeaders(state) } };
}

/** The account a request counts against: only a valid user token identifies one. */
function callerOf(deps: ServerDeps, req: FakeRequest): string | null {
  const auth = authenticate(deps.store, req);
  return auth.kind === 'ok' ? auth.principal.userId : null;
}

async function dispatch(deps: ServerDeps, req: FakeRequest): Promise<Reply> {
  deps.beforeEach();
  const api = isApiPath(req.path);
  const limit = api ? deps.limiter.take(req, callerOf(deps, req)) : null;
  if (limit?.exceeded === true) return withHeaders(tooManyRequests(), limit);
  const found = findRoute(deps.routes, req);
  if (found === null) return api ? withHeaders(notFound(), limit) : pageNotFound();
  const { route, params } = found;
  req.params = params;
  if (route.kind === 'open') return withHeaders(await route.handle(req), limit);
  const auth = authenticate(deps.store, req);
  switch (auth.kind) {
    case 'invalid':
      return withHeaders(unauthorized(), limit);
    case 'revoked':
      return withHeaders(unauthorized(revokedTokenMessage), limit);
    case 'none':
      if (route.kind === 'user') return withHeaders(unauthorized(), limit);
      return withHeaders(await route.handle(req, null), limit);
    case 'ok':
      break;
  }
  const { principal } = auth;
  if (!hasScope(principal, route.scopes)) return withHeaders(forbiddenScope(), limit);
  if (route.kind === 'optional') return withHeaders(await route.handle(req, principal), limit);
  if (principal.userId === null && route.appToken !== true) {
    return withHeaders(apiError(422, 'This method requires an authenticated user'), limit);
  }
  return withHeaders(await route.handle(req, principal), limit);
}

/** Rate-limit headers for an answer a fault made up, without counting the call. */
function faultLimit(deps: ServerDeps, req: FakeRequest, resetAt?: number) {
  if (!isApiPath(req.path)) return null;
  const state = deps.limiter.peek(req, callerOf(deps, req));
  if (state === null || resetAt === undefined) return state;
  return { ...state, remaining: 0, resetAt };
}

/** The instance's answer for a fault that replaces the real one (Mastodon tokens do not expire). */
function madeUp(deps: ServerDeps, fault: MadeUpFault, req: FakeRequest): Reply {
  switch (fault.kind) {
    case 'status':
      return withHeaders(serverError(fault.status), faultLimit(deps, req));
    case 'rate-limit': {
      const resetAt = deps.store.clock.now() + fault.resetInSeconds * 1000;
      return withHeaders(tooManyRequests(), faultLimit(deps, req, resetAt));
    }
    case 'revoked':
    case 'expired':
      return withHeaders(unauthorized(revokedTokenMessage), faultLimit(deps, req));
  }
}

export function listen(deps: ServerDeps): Promise<http.Server> {
  return listenFaulty('fake Mastodon server', deps, dispatch, madeUp);
}

export { portOf };
