// The HTTP side: reads each request, logs it, applies faults, then rate limits (Rack::Attack
// runs before the app), authentication and scopes, and writes or drops the answer.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
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

async function answer(deps: ServerDeps, req: FakeRequest, socket: { destroy(): void }) {
  const entry = deps.log.start(req, deps.store.clock.now());
  const fault = deps.faults.take(req.method, req.path);
  let reply: Reply;
  switch (fault?.kind) {
    case 'reset':
      socket.destroy();
      return null;
    case 'latency':
      await sleep(fault.ms, undefined, { signal: deps.closing });
      reply = await dispatch(deps, req);
      break;
    case 'status':
      reply = withHeaders(serverError(fault.status), faultLimit(deps, req));
      break;
    case 'rate-limit': {
      const resetAt = deps.store.clock.now() + fault.resetInSeconds * 1000;
      reply = withHeaders(tooManyRequests(), faultLimit(deps, req, resetAt));
      break;
    }
    case 'revoked':
      reply = withHeaders(unauthorized(revokedTokenMessage), faultLimit(deps, req));
      break;
    case 'drop-after-record':
      reply = await dispatch(deps, req);
      entry.status = reply.status;
      socket.destroy();
      return null;
    case undefined:
      reply = await dispatch(deps, req);
      break;
  }
  entry.status = reply.status;
  entry.delivered = true;
  return reply;
}

function hostOf(header: string | undefined): string {
  return (header ?? '').toLowerCase().replace(/:(80|443)$/, '');
}

export async function listen(deps: ServerDeps): Promise<http.Server> {
  const server = http.createServer((incoming, res) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const target = new URL(incoming.url ?? '/', 'http://fake.invalid');
      const req: FakeRequest = {
        method: (incoming.method ?? 'GET').toUpperCase(),
        host: hostOf(incoming.headers.host),
        path: target.pathname,
        url: incoming.url ?? '/',
        query: target.searchParams,
        headers: incoming.headers,
        body: Buffer.concat(chunks),
        params: {},
      };
      answer(deps, req, incoming.socket).then(
        (reply) => {
          if (reply === null) return;
          res.writeHead(reply.status, reply.headers);
          res.end(reply.body);
        },
        (error: unknown) => {
          if (deps.closing.aborted || res.destroyed) return;
          // A bug in the fake: answer 500 and say why, so the test that hit it can tell.
          const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`fake Mastodon server error: ${message}`);
        },
      );
    });
  });
  // Longer than any test's pauses, so a client never reuses a socket the server is closing.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  return server;
}

export function portOf(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}
