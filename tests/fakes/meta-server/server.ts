// The HTTP side: every request is logged and may meet an injected fault first; then the
// route table answers. Graph calls are authenticated, counted against the app's or the
// Page's usage (whose headers every answer carries) and checked for a permission.
import type http from 'node:http';
import { listenFaulty, type MadeUpFault } from '../http-kit/answer.ts';
import type { Faults } from '../http-kit/faults.ts';
import type { RequestLog } from '../http-kit/ledger.ts';
import { portOf } from '../http-kit/listen.ts';
import type { FakeRequest } from '../http-kit/request.ts';
import { authenticate } from './auth.ts';
import {
  expiredToken,
  graphError,
  html,
  invalidParameter,
  missingPermission,
  noObject,
  revokedToken,
  serverError,
  type Reply,
} from './replies.ts';
import { candidates, graphHost, splitVersion, type Caller, type Route } from './router.ts';
import type { Store } from './store.ts';
import { usageHeaders, type UsageMeter } from './usage.ts';

export interface ServerDeps {
  store: Store;
  routes: readonly Route[];
  usage: UsageMeter;
  faults: Faults;
  log: RequestLog;
  closing: AbortSignal;
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...headers, ...reply.headers } };
}

async function dispatch(deps: ServerDeps, req: FakeRequest): Promise<Reply> {
  let caller: Caller | null = null;
  let usage: Record<string, string> = {};
  for (const { route, params, version } of candidates(deps.routes, req)) {
    req.params = params;
    if (route.kind === 'open') {
      const answer = await route.handle(req);
      if (answer !== null) return answer;
      continue;
    }
    if (caller === null) {
      const record = authenticate(deps.store, req);
      if (!('token' in record)) return record;
      const user = deps.store.user(record.grant.userId);
      caller = {
        record,
        user,
        app: deps.store.app(record.grant.appId),
        scopes: new Set(record.grant.scopes),
        version,
      };
      const counted = deps.usage.take(record.kind === 'page' ? (record.pageId ?? 'app') : 'app');
      if (counted.refusal !== null) return counted.refusal;
      usage = counted.headers;
    }
    const granted = caller.scopes;
    if (route.scopes.length > 0 && !route.scopes.some((s) => granted.has(s))) {
      return withHeaders(missingPermission(route.scopes.join(', ')), usage);
    }
    const answer = await route.handle(req, caller);
    if (answer !== null) return withHeaders(answer, usage);
  }
  const split = splitVersion(req.path);
  if (req.host === graphHost || req.host.startsWith('graph')) {
    if (split === null)
      return invalidParameter('Graph calls in this fake name a version: /v24.0/…');
    const id = split.rest.split('/')[1] ?? '';
    return withHeaders(noObject(id, req.method), usage);
  }
  return html(
    404,
    '<!doctype html><title>Page Not Found | Facebook</title><p>This content isn’t available.</p>',
  );
}

/** Meta's answer for a fault that replaces the real one. */
function madeUp(deps: ServerDeps, fault: MadeUpFault, req: FakeRequest): Reply {
  switch (fault.kind) {
    case 'status':
      return serverError(fault.status);
    case 'rate-limit': {
      const page = /^\/v\d+\.\d+\/(\d+)/.exec(req.path)?.[1] ?? 'app';
      const minutes = Math.max(1, Math.ceil(fault.resetInSeconds / 60));
      const known = deps.store.pages.has(page);
      return graphError(
        400,
        known
          ? '(#80001) There have been too many calls to this Page account. Wait a bit and try again.'
          : '(#4) Application request limit reached',
        { code: known ? 80001 : 4, transient: true },
        usageHeaders(known ? page : 'app', 100, minutes),
      );
    }
    case 'revoked':
      return revokedToken();
    case 'expired':
      return expiredToken();
  }
}

export function listen(deps: ServerDeps): Promise<http.Server> {
  return listenFaulty('fake Meta server', deps, dispatch, madeUp);
}

export { portOf };
