// POST /oauth/v2/accessToken (authorization code, with PKCE where LinkedIn enabled it for
// the app, and refresh tokens only for apps granted them), /oauth/v2/introspectToken and
// /oauth/v2/revoke, all form-encoded on www.linkedin.com, errors as LinkedIn words them.
import crypto from 'node:crypto';
import type { FakeRequest } from '../http-kit/request.ts';
import { isFormBody } from '../http-kit/request.ts';
import { accessTokenValue } from './ids.ts';
import { empty, json, oauthError, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import {
  accessTokenLifetimeMs,
  refreshTokenLifetimeMs,
  type AppRecord,
  type Grant,
  type Store,
} from './store.ts';
import type { IssuedTokens } from './types.ts';

const missing = (name: string): Reply =>
  oauthError(400, 'invalid_request', `A required parameter "${name}" is missing`);
const badRefresh = (): Reply =>
  oauthError(
    400,
    'invalid_request',
    'The provided authorization grant or refresh token is invalid, expired or revoked.',
  );
const codeNotFound = (): Reply =>
  oauthError(
    401,
    'invalid_request',
    'Unable to retrieve access token: authorization code not found',
  );
const codeMismatch = (): Reply =>
  oauthError(
    400,
    'invalid_redirect_uri',
    'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists',
  );

/** Form fields; LinkedIn reads nothing else, so a JSON body has no parameters at all. */
function formOf(req: FakeRequest): Record<string, string> {
  if (!isFormBody(req)) return {};
  return Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
}

/** The app named by client_id, authenticated by its secret unless `secretOptional`. */
function clientOf(store: Store, p: Record<string, string>, secretOptional = false) {
  const clientId = p.client_id ?? '';
  if (clientId === '') return missing('client_id');
  const app = store.apps.get(clientId);
  if (app === undefined) {
    return oauthError(400, 'invalid_client_id', `The passed in client_id is invalid "${clientId}"`);
  }
  const secret = p.client_secret ?? '';
  if (secret === '' && secretOptional) return app;
  if (secret === '') return missing('client_secret');
  const same =
    secret.length === app.clientSecret.length &&
    crypto.timingSafeEqual(Buffer.from(secret), Buffer.from(app.clientSecret));
  return same ? app : oauthError(401, 'invalid_client', 'Client authentication failed');
}

export function issueGrantTokens(store: Store, grant: Grant, app: AppRecord): IssuedTokens {
  const now = store.clock.now();
  const accessToken = accessTokenValue();
  const expiresAt = now + accessTokenLifetimeMs;
  store.accessTokens.set(accessToken, {
    token: accessToken,
    grant,
    createdAt: now,
    expiresAt,
    revoked: false,
  });
  if (!app.refreshTokens) {
    return { accessToken, expiresAt, refreshToken: null, refreshTokenExpiresAt: null };
  }
  const existing = [...store.refreshTokens.values()].find((r) => r.grant === grant);
  const refresh = existing ?? {
    token: accessTokenValue(),
    grant,
    expiresAt: now + refreshTokenLifetimeMs,
  };
  store.refreshTokens.set(refresh.token, refresh);
  return {
    accessToken,
    expiresAt,
    refreshToken: refresh.token,
    refreshTokenExpiresAt: refresh.expiresAt,
  };
}

function tokenAnswer(store: Store, grant: Grant, app: AppRecord): Reply {
  const issued = issueGrantTokens(store, grant, app);
  const now = store.clock.now();
  const seconds = (at: number) => Math.floor((at - now) / 1000);
  return json(200, {
    access_token: issued.accessToken,
    expires_in: seconds(issued.expiresAt),
    ...(issued.refreshToken === null || issued.refreshTokenExpiresAt === null
      ? {}
      : {
          refresh_token: issued.refreshToken,
          refresh_token_expires_in: seconds(issued.refreshTokenExpiresAt),
        }),
    scope: [...grant.scopes].sort().join(','),
    ...(grant.scopes.includes('openid') ? { token_type: 'Bearer' } : {}),
  });
}

function exchangeCode(store: Store, p: Record<string, string>): Reply {
  for (const name of ['code', 'redirect_uri']) if ((p[name] ?? '') === '') return missing(name);
  const verifier = p.code_verifier ?? '';
  const app = clientOf(store, p, verifier !== '');
  if ('status' in app) return app;
  if ((p.client_secret ?? '') === '' && !app.pkce) return missing('client_secret');
  const code = store.authCodes.get(p.code ?? '');
  if (code === undefined || code.used) return codeNotFound();
  const challengeOk =
    code.codeChallenge === null ||
    crypto.createHash('sha256').update(verifier).digest('base64url') === code.codeChallenge;
  if (
    store.clock.now() >= code.expiresAt ||
    code.clientId !== app.clientId ||
    code.redirectUri !== p.redirect_uri ||
    !challengeOk
  ) {
    return codeMismatch();
  }
  code.used = true;
  // "If you request a different scope than the previously granted scope, all the previous
  // access tokens are invalidated."
  const sameScopes = (g: Grant) =>
    g.scopes.length === code.scopes.length && g.scopes.every((s) => code.scopes.includes(s));
  for (const old of store.grants) {
    if (old.memberId === code.memberId && old.clientId === app.clientId && !sameScopes(old)) {
      old.revoked = true;
    }
  }
  const grant: Grant = {
    memberId: code.memberId,
    clientId: app.clientId,
    scopes: code.scopes,
    authorizedAt: store.clock.now(),
    revoked: false,
  };
  store.grants.push(grant);
  return tokenAnswer(store, grant, app);
}

function refresh(store: Store, p: Record<string, string>): Reply {
  if ((p.refresh_token ?? '') === '') return missing('refresh_token');
  const app = clientOf(store, p);
  if ('status' in app) return app;
  const record = store.refreshTokens.get(p.refresh_token ?? '');
  if (
    record === undefined ||
    !app.refreshTokens ||
    record.grant.revoked ||
    record.grant.clientId !== app.clientId ||
    store.clock.now() >= record.expiresAt
  ) {
    return badRefresh();
  }
  return tokenAnswer(store, record.grant, app);
}

function accessToken(store: Store, req: FakeRequest): Reply {
  const p = formOf(req);
  switch (p.grant_type ?? '') {
    case '':
      return missing('grant_type');
    case 'authorization_code':
      return exchangeCode(store, p);
    case 'refresh_token':
      return refresh(store, p);
    case 'client_credentials':
      return oauthError(
        401,
        'access_denied',
        'This application is not allowed to create application tokens',
      );
    default:
      return oauthError(400, 'invalid_request', `Unsupported grant_type "${p.grant_type ?? ''}"`);
  }
}

function introspect(store: Store, req: FakeRequest): Reply {
  const p = formOf(req);
  if ((p.token ?? '') === '') return missing('token');
  const app = clientOf(store, p);
  if ('status' in app) return app;
  const record = store.accessTokens.get(p.token ?? '');
  if (record?.grant.clientId !== app.clientId) return json(200, { active: false });
  const now = store.clock.now();
  const revoked = record.revoked || record.grant.revoked;
  const expired = now >= record.expiresAt;
  const seconds = (at: number) => Math.floor(at / 1000);
  return json(200, {
    active: !revoked && !expired,
    client_id: app.clientId,
    authorized_at: seconds(record.grant.authorizedAt),
    created_at: seconds(record.createdAt),
    status: revoked ? 'revoked' : expired ? 'expired' : 'active',
    expires_at: seconds(record.expiresAt),
    scope: [...record.grant.scopes].sort().join(','),
    auth_type: '3L',
  });
}

function revoke(store: Store, req: FakeRequest): Reply {
  const p = formOf(req);
  if ((p.token ?? '') === '') return missing('token');
  const app = clientOf(store, p);
  if ('status' in app) return app;
  const access = store.accessTokens.get(p.token ?? '');
  if (access?.grant.clientId === app.clientId) access.revoked = true;
  const refreshRecord = store.refreshTokens.get(p.token ?? '');
  if (refreshRecord?.grant.clientId === app.clientId) refreshRecord.grant.revoked = true;
  return empty(200);
}

export function tokenRoutes(store: Store): Route[] {
  const www = (pattern: string, handle: (req: FakeRequest) => Reply): Route => ({
    kind: 'www',
    method: 'POST',
    pattern,
    handle,
  });
  return [
    www('/oauth/v2/accessToken', (req) => accessToken(store, req)),
    www('/oauth/v2/introspectToken', (req) => introspect(store, req)),
    www('/oauth/v2/revoke', (req) => revoke(store, req)),
  ];
}
