// The HTTP side: reads each request, logs it, applies faults, authenticates and rate
// limits XRPC calls, and writes (or deliberately drops) the answer.
import type http from 'node:http';
import { listenFaulty, type MadeUpFault } from '../http-kit/answer.ts';
import { portOf } from '../http-kit/listen.ts';
import type { Faults } from '../http-kit/faults.ts';
import type { RequestLog } from '../http-kit/ledger.ts';
import type { FakeRequest } from '../http-kit/request.ts';
import { checkAccess, checkRefresh, type Checked } from './auth.ts';
import { buckets, rateLimitHeaders, type RateLimiter } from './rate-limits.ts';
import { html, invalidRequest, withHeaders, xrpcError, type Reply } from './replies.ts';
import { matchPath, type PageRoute, type XrpcCall, type XrpcRoute } from './router.ts';
import type { Store } from './store.ts';

export interface ServerDeps {
  store: Store;
  xrpc: ReadonlyMap<string, XrpcRoute>;
  pages: readonly PageRoute[];
  limiter: RateLimiter;
  faults: Faults;
  log: RequestLog;
  /** Aborted on close, so pending latency faults end with the server. */
  closing: AbortSignal;
}

const notFoundPage = () => html(404, '<!doctype html><title>Not found</title><p>Not found</p>');

function authenticate(deps: ServerDeps, route: XrpcRoute, req: FakeRequest): Checked<XrpcCall> {
  const call: XrpcCall = { req, did: null, jti: null };
  switch (route.auth) {
    case 'none':
      return { ok: true, value: call };
    case 'optional':
      if (req.headers.authorization === undefined) return { ok: true, value: call };
      return authenticate(deps, { ...route, auth: 'access' }, req);
    case 'access': {
      const did = checkAccess(deps.store, req);
      return did.ok ? { ok: true, value: { ...call, did: did.value } } : did;
    }
    case 'refresh':
    case 'refresh-expired': {
      const token = checkRefresh(deps.store, req, route.auth === 'refresh-expired');
      return token.ok ? { ok: true, value: { ...call, ...token.value } } : token;
    }
  }
}

async function dispatchXrpc(deps: ServerDeps, req: FakeRequest, nsid: string): Promise<Reply> {
  const route = deps.xrpc.get(nsid);
  if (route === undefined) return xrpcError(501);
  if (route.method !== req.method) {
    return invalidRequest(`Incorrect HTTP method (${req.method}) expected ${route.method}`);
  }
  const auth = authenticate(deps, route, req);
  if (!auth.ok) {
    return withHeaders(auth.reply, rateLimitHeaders(deps.limiter.take('global', 'loopback')));
  }
  const bucket = route.bucket ?? 'global';
  const key = bucket === 'global' ? 'loopback' : (auth.value.did ?? 'loopback');
  const state = deps.limiter.take(bucket, key, route.points ?? 1);
  const headers = rateLimitHeaders(state);
  if (state.exceeded) return withHeaders(xrpcError(429), headers);
  return withHeaders(await route.handle(auth.value), headers);
}

async function dispatch(deps: ServerDeps, req: FakeRequest): Promise<Reply> {
  if (req.path.startsWith('/xrpc/')) return dispatchXrpc(deps, req, req.path.slice(6));
  if (req.method !== 'GET') return notFoundPage();
  for (const page of deps.pages) {
    const params = matchPath(page.pattern, req.path);
    if (params === null) continue;
    req.params = params;
    return page.handle(req);
  }
  return notFoundPage();
}

/** A 429 as the PDS sends it, with the bucket's headers and the fault's reset time. */
function rateLimited(deps: ServerDeps, req: FakeRequest, resetInSeconds: number): Reply {
  const nsid = req.path.startsWith('/xrpc/') ? req.path.slice(6) : '';
  const bucket = deps.xrpc.get(nsid)?.bucket ?? 'global';
  const reset = Math.floor(deps.store.clock.now() / 1000) + resetInSeconds;
  const { limit } = buckets[bucket];
  const headers = rateLimitHeaders({ bucket, limit, remaining: 0, reset, exceeded: true });
  return withHeaders(xrpcError(429), headers);
}

/** The PDS's answer for a fault that replaces the real one. */
function madeUp(deps: ServerDeps, fault: MadeUpFault, req: FakeRequest): Reply {
  switch (fault.kind) {
    case 'status':
      return xrpcError(fault.status);
    case 'rate-limit':
      return rateLimited(deps, req, fault.resetInSeconds);
    case 'revoked':
      // The PDS's answer to a token it no longer honours (400, not 401).
      return invalidRequest('Token has been revoked', 'ExpiredToken');
    case 'expired':
      return invalidRequest('Token has expired', 'ExpiredToken');
  }
}

export function listen(deps: ServerDeps): Promise<http.Server> {
  return listenFaulty('fake Bluesky server', deps, dispatch, madeUp);
}

export { portOf };
