// POST /oauth/token (authorization_code with PKCE on 4.3, client_credentials) and
// POST /oauth/revoke, as doorkeeper answers them. Mastodon tokens never expire.
import crypto from 'node:crypto';
import { flatParams, type FakeRequest } from '../http-kit/request.ts';
import { parseScopes } from './apps.ts';
import { randomSecret } from './ids.ts';
import { json, oauthError, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import type { AppRecord, Store, TokenRecord } from './store.ts';

const invalidGrant = () =>
  oauthError(
    400,
    'invalid_grant',
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  );

const invalidClient = () =>
  oauthError(
    401,
    'invalid_client',
    'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
  );

export function challengeOf(verifier: string): string {
  return crypto.createHash('sha256').update(verifier).digest('base64url');
}

/** client_secret_post or client_secret_basic, whichever the request used. */
function authenticatedClient(store: Store, req: FakeRequest, p: Record<string, string>) {
  let id = p.client_id ?? '';
  let secret = p.client_secret ?? '';
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (basic !== undefined) {
    const [user = '', pass = ''] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    id = decodeURIComponent(user);
    secret = decodeURIComponent(pass);
  }
  const app = store.apps.get(id);
  return app !== undefined && app.clientSecret === secret ? app : null;
}

function issue(store: Store, app: AppRecord, userId: string | null, scopes: string[]): Reply {
  const record: TokenRecord = {
    token: randomSecret(32),
    clientId: app.clientId,
    userId,
    scopes,
    revoked: false,
    createdAt: store.clock.now(),
  };
  store.tokens.set(record.token, record);
  return json(200, {
    access_token: record.token,
    token_type: 'Bearer',
    scope: scopes.join(' '),
    created_at: Math.floor(record.createdAt / 1000),
  });
}

function exchangeCode(store: Store, app: AppRecord, p: Record<string, string>): Reply {
  const code = store.codes.get(p.code ?? '');
  if (code === undefined || code.used || store.clock.now() >= code.expiresAt) return invalidGrant();
  if (code.clientId !== app.clientId || code.redirectUri !== p.redirect_uri) return invalidGrant();
  const verifier = p.code_verifier;
  // Doorkeeper checks a verifier whenever one side used PKCE; before 4.3 it ignores them.
  if (store.modern && (code.challenge !== null || verifier !== undefined)) {
    if (verifier === undefined || code.challenge !== challengeOf(verifier)) return invalidGrant();
  }
  code.used = true;
  return issue(store, app, code.userId, code.scopes);
}

function token(store: Store, req: FakeRequest): Reply {
  const p = flatParams(req);
  if (p === null)
    return oauthError(400, 'invalid_request', 'The request is missing a required parameter.');
  const grantType = p.grant_type ?? '';
  if (grantType === '') {
    return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type.');
  }
  if (grantType !== 'authorization_code' && grantType !== 'client_credentials') {
    return oauthError(
      400,
      'unsupported_grant_type',
      'The authorization grant type is not supported by the authorization server.',
    );
  }
  if (grantType === 'authorization_code' && (p.code ?? '') === '') {
    return oauthError(400, 'invalid_request', 'Missing required parameter: code.');
  }
  const app = authenticatedClient(store, req, p);
  if (app === null) return invalidClient();
  if (grantType === 'authorization_code') return exchangeCode(store, app, p);
  const scopes = parseScopes(p.scope);
  if (!scopes.every((s) => app.scopes.includes(s))) {
    return oauthError(
      400,
      'invalid_scope',
      'The requested scope is invalid, unknown, or malformed.',
    );
  }
  return issue(store, app, null, scopes);
}

function revoke(store: Store, req: FakeRequest): Reply {
  const p = flatParams(req) ?? {};
  const record = store.tokens.get(p.token ?? '');
  // RFC 7009: an unknown token is not an error.
  if (record === undefined) return json(200, {});
  const app = authenticatedClient(store, req, p);
  if (app?.clientId !== record.clientId) {
    return oauthError(403, 'unauthorized_client', 'You are not authorized to revoke this token');
  }
  record.revoked = true;
  return json(200, {});
}

export function tokenRoutes(store: Store): Route[] {
  return [
    { kind: 'open', method: 'POST', pattern: '/oauth/token', handle: (r) => token(store, r) },
    { kind: 'open', method: 'POST', pattern: '/oauth/revoke', handle: (r) => revoke(store, r) },
  ];
}
