// OAuth 2.0 authorization code with PKCE (S256) for public clients: the authorize page,
// the token endpoint (code exchange and single-use, rotating refresh tokens) and revoke.
import crypto from 'node:crypto';
import { consentPage, errorPage, signedOutPage } from './authorize-page.ts';
import { randomToken } from './ids.ts';
import { json, oauthError, redirect, type Reply } from './replies.ts';
import { flatParams, type FakeRequest } from '../http-kit/request.ts';
import type { Route } from './router.ts';
import type { Grant, PendingConsent, Store } from './store.ts';

export const codeLifetimeMs = 30 * 1000;

const scopeDescriptions: Record<string, string> = {
  'tweet.read': 'See posts from your timeline, including protected posts.',
  'tweet.write': 'Post and repost for you.',
  'tweet.moderate.write': 'Hide and unhide replies to your posts.',
  'users.read': 'See any account you can view, including protected accounts.',
  'users.email': 'See your email address.',
  'follows.read': 'See accounts you follow and accounts following you.',
  'follows.write': 'Follow and unfollow accounts for you.',
  'offline.access': 'Stay connected to your account until you revoke access.',
  'space.read': 'See all the Spaces you can view.',
  'mute.read': 'See accounts you have muted.',
  'mute.write': 'Mute and unmute accounts for you.',
  'like.read': 'See posts you have liked and likes you can view.',
  'like.write': 'Like and unlike posts for you.',
  'list.read': 'See lists, their members and followers.',
  'list.write': 'Create and manage lists for you.',
  'block.read': 'See accounts you have blocked.',
  'block.write': 'Block and unblock accounts for you.',
  'bookmark.read': 'Get bookmarked posts from your account.',
  'bookmark.write': 'Bookmark and remove bookmarks from posts.',
  'media.write': 'Upload media for you.',
  'dm.read': 'See all your direct messages.',
  'dm.write': 'Send and manage direct messages for you.',
};

export const defaultScopes = [
  'tweet.read',
  'tweet.write',
  'users.read',
  'media.write',
  'offline.access',
];

const invalidToken = () =>
  oauthError(400, 'invalid_request', 'Value passed for the token was invalid.');

export function challengeOf(verifier: string): string {
  return crypto.createHash('sha256').update(verifier).digest('base64url');
}

export function issueGrantTokens(store: Store, grant: Grant) {
  const accessToken = randomToken(48);
  const expiresAt = store.clock.now() + store.accessTokenLifetimeMs;
  store.accessTokens.set(accessToken, { token: accessToken, grant, expiresAt });
  const refreshToken = randomToken(48);
  store.refreshTokens.set(refreshToken, { token: refreshToken, grant, used: false });
  return { accessToken, refreshToken, expiresAt };
}

function tokenAnswer(store: Store, grant: Grant): Reply {
  const issued = issueGrantTokens(store, grant);
  const offline = grant.scopes.includes('offline.access');
  if (!offline) store.refreshTokens.delete(issued.refreshToken);
  return json(200, {
    token_type: 'bearer',
    expires_in: store.accessTokenLifetimeMs / 1000,
    access_token: issued.accessToken,
    scope: grant.scopes.join(' '),
    ...(offline ? { refresh_token: issued.refreshToken } : {}),
  });
}

type PendingOAuth2 = Extract<PendingConsent, { kind: 'oauth2' }>;

function validateAuthorize(
  store: Store,
  q: URLSearchParams,
): string | Omit<PendingOAuth2, 'userId'> {
  const clientId = q.get('client_id') ?? '';
  const app = store.apps.get(clientId);
  if (app === undefined) return `Unknown client_id ${clientId}`;
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!app.redirectUris.includes(redirectUri)) {
    return `redirect_uri ${redirectUri} is not registered for this app`;
  }
  if (q.get('response_type') !== 'code') return 'response_type must be code';
  const scopes = (q.get('scope') ?? '').split(' ').filter((s) => s !== '');
  if (scopes.length === 0) return 'scope is missing';
  const unknown = scopes.filter((s) => !(s in scopeDescriptions));
  if (unknown.length > 0) return `Unknown scope ${unknown.join(' ')}`;
  const state = q.get('state') ?? '';
  if (state === '' || state.length > 500) return 'state is missing or longer than 500 characters';
  const codeChallenge = q.get('code_challenge') ?? '';
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(codeChallenge))
    return 'code_challenge is missing or malformed';
  // twitter-api-v2 sends 's256'; X takes the method name case-insensitively. Only S256.
  if ((q.get('code_challenge_method') ?? '').toUpperCase() !== 'S256') {
    return 'code_challenge_method must be S256';
  }
  return { kind: 'oauth2', clientId, redirectUri, state, codeChallenge, scopes };
}

function showAuthorize(store: Store, req: FakeRequest): Reply {
  const checked = validateAuthorize(store, req.query);
  if (typeof checked === 'string') return errorPage(400, checked);
  const userId = store.signedInUserId;
  if (userId === null) return signedOutPage();
  const requestId = randomToken(18);
  store.pendingConsents.set(requestId, { ...checked, userId });
  const app = store.apps.get(checked.clientId);
  return consentPage({
    action: req.path,
    requestId,
    appName: app?.name ?? checked.clientId,
    user: store.user(userId),
    permissions: checked.scopes.map((s) => scopeDescriptions[s] ?? s),
  });
}

function answerAuthorize(store: Store, req: FakeRequest): Reply {
  const form = new URLSearchParams(req.body.toString('utf8'));
  const requestId = form.get('request_id') ?? '';
  const pending = store.pendingConsents.get(requestId);
  if (pending?.kind !== 'oauth2')
    return errorPage(400, 'This authorization request is unknown or was already answered');
  store.pendingConsents.delete(requestId);
  const target = new URL(pending.redirectUri);
  target.searchParams.set('state', pending.state);
  if (form.get('decision') !== 'allow') {
    target.searchParams.set('error', 'access_denied');
    return redirect(target.toString());
  }
  const code = randomToken(48);
  store.authCodes.set(code, {
    code,
    clientId: pending.clientId,
    redirectUri: pending.redirectUri,
    codeChallenge: pending.codeChallenge,
    scopes: pending.scopes,
    userId: pending.userId,
    expiresAt: store.clock.now() + codeLifetimeMs,
    used: false,
  });
  target.searchParams.set('code', code);
  return redirect(target.toString());
}

function exchangeCode(store: Store, p: Record<string, string>): Reply {
  for (const name of ['code', 'client_id', 'redirect_uri', 'code_verifier']) {
    if ((p[name] ?? '') === '') {
      return oauthError(400, 'invalid_request', `Missing required parameter [${name}].`);
    }
  }
  const code = store.authCodes.get(p.code ?? '');
  if (code === undefined || code.used || store.clock.now() >= code.expiresAt) return invalidToken();
  code.used = true;
  if (code.clientId !== p.client_id || code.redirectUri !== p.redirect_uri) return invalidToken();
  if (challengeOf(p.code_verifier ?? '') !== code.codeChallenge) return invalidToken();
  const grant: Grant = {
    userId: code.userId,
    clientId: code.clientId,
    scopes: code.scopes,
    revoked: false,
  };
  store.grants.push(grant);
  return tokenAnswer(store, grant);
}

function refresh(store: Store, p: Record<string, string>): Reply {
  if ((p.refresh_token ?? '') === '') {
    return oauthError(400, 'invalid_request', 'Missing required parameter [refresh_token].');
  }
  const old = store.refreshTokens.get(p.refresh_token ?? '');
  if (old?.used === true) store.refreshReuses += 1;
  if (old === undefined || old.used || old.grant.revoked) return invalidToken();
  if (old.grant.clientId !== p.client_id) return invalidToken();
  old.used = true;
  return tokenAnswer(store, old.grant);
}

function token(store: Store, req: FakeRequest): Reply {
  const p = flatParams(req);
  if (p === null) return oauthError(400, 'invalid_request', 'The request body is not valid.');
  switch (p.grant_type) {
    case 'authorization_code':
      return exchangeCode(store, p);
    case 'refresh_token':
      return refresh(store, p);
    default:
      return oauthError(400, 'unsupported_grant_type', 'grant_type not supported');
  }
}

function revoke(store: Store, req: FakeRequest): Reply {
  const p = flatParams(req);
  if (p === null || (p.token ?? '') === '') {
    return oauthError(400, 'invalid_request', 'Missing required parameter [token].');
  }
  const found = store.accessTokens.get(p.token ?? '') ?? store.refreshTokens.get(p.token ?? '');
  if (found !== undefined && found.grant.clientId === p.client_id) found.grant.revoked = true;
  // X answers revoked:true for unknown tokens too (RFC 7009).
  return json(200, { revoked: true });
}

export function oauth2Routes(store: Store): Route[] {
  return [
    {
      kind: 'page',
      method: 'GET',
      pattern: '/i/oauth2/authorize',
      handle: (r) => showAuthorize(store, r),
    },
    {
      kind: 'page',
      method: 'POST',
      pattern: '/i/oauth2/authorize',
      handle: (r) => answerAuthorize(store, r),
    },
    {
      kind: 'open',
      method: 'POST',
      pattern: '/2/oauth2/token',
      endpoint: 'POST /2/oauth2/token',
      handle: (r) => token(store, r),
    },
    {
      kind: 'open',
      method: 'POST',
      pattern: '/2/oauth2/revoke',
      endpoint: 'POST /2/oauth2/revoke',
      handle: (r) => revoke(store, r),
    },
  ];
}
