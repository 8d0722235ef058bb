// The HTTP side: reads each request, logs it, applies faults, routes it through
// authentication, rate limits and scopes, and writes (or deliberately drops) the answer.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
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
      reply = withHeaders(serverError(fault.status), faultHeaders(deps, req));
      break;
    case 'rate-limit': {
      const reset = Math.ceil(deps.store.clock.now() / 1000) + fault.resetInSeconds;
      reply = withHeaders(tooManyRequests(), faultHeaders(deps, req, reset));
      break;
    }
    case 'revoked':
      reply = withHeaders(unauthorized(), faultHeaders(deps, req));
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
  const host = (header ?? '').toLowerCase();
  return host.replace(/:(80|443)$/, '');
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
          res.end(`fake X server error: ${message}`);
        },
      );
    });
  });
  // Longer than any test's pauses, so the client never reuses a socket the server is closing.
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
