// The HTTP side: reads each request, logs it, applies faults, then for API calls checks
// the token, the LinkedIn-Version header, the member's daily quota and the scopes in that
// order, and writes (or deliberately drops) the answer.
import type http from 'node:http';
import type { RequestLog } from '../http-kit/ledger.ts';
import { listenFaulty, type MadeUpFault } from '../http-kit/answer.ts';
import { portOf } from '../http-kit/listen.ts';
import type { FakeRequest } from '../http-kit/request.ts';
import { authenticate, authFailure, type Caller } from './auth.ts';
import type { Faults } from '../http-kit/faults.ts';
import type { RateLimiter } from './rate-limits.ts';
import {
  accessDenied,
  expiredToken,
  html,
  noResource,
  oauthError,
  revokedToken,
  serverError,
  tooManyRequests,
  type Reply,
} from './replies.ts';
import { apiHost, findRoute, type Route } from './router.ts';
import type { Store } from './store.ts';
import { checkVersion, defaultActiveVersions, versionLabel } from './versions.ts';

export interface ServerDeps {
  store: Store;
  routes: readonly Route[];
  limiter: RateLimiter;
  faults: Faults;
  log: RequestLog;
  /** Aborted on close, so pending latency faults end with the server. */
  closing: AbortSignal;
}

const pageNotFound = (): Reply =>
  html(404, '<!doctype html><title>Page not found | LinkedIn</title><p>Page not found</p>');

async function dispatch(deps: ServerDeps, req: FakeRequest): Promise<Reply> {
  const found = findRoute(deps.routes, req);
  if (found === null) return req.host === apiHost ? noResource() : pageNotFound();
  const { route, params } = found;
  req.params = params;
  if (route.kind !== 'member') return route.handle(req);
  const auth = authenticate(deps.store, req);
  if (auth.kind !== 'ok') return authFailure(auth.kind);
  let version = '';
  if (route.versioned) {
    const active =
      deps.store.settings.activeVersions ?? defaultActiveVersions(deps.store.clock.now());
    const checked = checkVersion(req.headers['linkedin-version'], active);
    if (!('version' in checked)) return checked;
    version = checked.version;
  }
  const { grant } = auth.record;
  if (deps.limiter.take(route.endpoint, grant.memberId)) return tooManyRequests();
  const resource = `${route.resource}.${version === '' ? 'NO_VERSION' : versionLabel(version)}`;
  const member = deps.store.member(grant.memberId);
  const caller: Caller = {
    member,
    personUrn: `urn:li:person:${member.id}`,
    clientId: grant.clientId,
    scopes: new Set(grant.scopes),
    version,
    denied: () => accessDenied(resource),
  };
  if (!route.scopes.some((s) => caller.scopes.has(s))) return caller.denied();
  return route.handle(req, caller);
}

/** A made-up answer for a fault, in the shape the host it hit would use. */
function faultReply(req: FakeRequest, kind: 'revoked' | 'expired'): Reply {
  if (req.host !== apiHost) {
    return oauthError(
      400,
      'invalid_request',
      'The provided authorization grant or refresh token is invalid, expired or revoked.',
    );
  }
  return kind === 'revoked' ? revokedToken() : expiredToken();
}

/** LinkedIn's answer for a fault that replaces the real one. */
function madeUp(_deps: ServerDeps, fault: MadeUpFault, req: FakeRequest): Reply {
  switch (fault.kind) {
    case 'status':
      return serverError(fault.status);
    case 'rate-limit':
      // LinkedIn sends no Retry-After or reset header, so resetInSeconds shapes nothing.
      return tooManyRequests();
    case 'revoked':
    case 'expired':
      return faultReply(req, fault.kind);
  }
}

export function listen(deps: ServerDeps): Promise<http.Server> {
  return listenFaulty('fake LinkedIn server', deps, dispatch, madeUp);
}

export { portOf };
