// Facebook Login (developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow):
// the dialog at www.facebook.com/{version}/dialog/oauth with client_id, redirect_uri
// (matched exactly against the app's Valid OAuth Redirect URIs), state, scope and
// response_type=code; the redirect back with code and state (or error=access_denied,
// error_reason=user_denied); the code redeemed at graph.facebook.com/{version}/
// oauth/access_token for a short-lived user token, and that exchanged
// (grant_type=fb_exchange_token) for a long-lived one of about 60 days. In development
// mode only people with a role on the app can log in.
import { escapeHtml } from './page-html.ts';
import type { FakeRequest } from '../http-kit/request.ts';
import { graphError, html, json, type Reply } from './replies.ts';
import { graphHost, type Route } from './router.ts';
import { newToken, type Store } from './store.ts';

const codeLifetimeMs = 10 * 60_000;
const shortLivedMs = 2 * 3_600_000;
export const longLivedMs = 60 * 86_400_000;

function errorPage(status: number, title: string, detail: string): Reply {
  return html(
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head>
<body><h1>${escapeHtml(title)}</h1><p id="error">${escapeHtml(detail)}</p></body></html>`,
  );
}

function back(redirectUri: string, params: Record<string, string>): Reply {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  // Facebook appends this fragment to every redirect back.
  return { status: 302, headers: { location: `${url.toString()}#_=_` }, body: '' };
}

function dialog(store: Store, req: FakeRequest): Reply {
  const appId = req.query.get('client_id') ?? '';
  const app = store.apps.get(appId);
  if (app === undefined)
    return errorPage(
      400,
      'Invalid App ID',
      'The provided app ID does not look like a valid app ID.',
    );
  const redirectUri = req.query.get('redirect_uri') ?? '';
  if (!app.redirectUris.includes(redirectUri)) {
    return errorPage(
      400,
      'URL Blocked',
      "This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings. Make sure Client and Web OAuth Login are on and add all your app domains as Valid OAuth Redirect URIs.",
    );
  }
  const userId = store.signedInUserId;
  if (userId === null) {
    return html(
      200,
      '<!doctype html><title>Log into Facebook</title><p id="signed-out">Nobody is logged in on this fake Facebook.</p>',
    );
  }
  if (app.developmentMode && !app.roles.has(userId)) {
    return errorPage(
      200,
      'App not active',
      "This app is not currently accessible and the app developer is aware of the issue. You'll be able to log in when the app is reactivated.",
    );
  }
  const user = store.user(userId);
  const scopes = (req.query.get('scope') ?? '').split(/[\s,]+/).filter((s) => s !== '');
  const requestId = newToken('req');
  const chosen = store.pageChoice ?? [...user.pages.keys()];
  store.pageChoice = null;
  store.requests.set(requestId, {
    requestId,
    appId,
    redirectUri,
    state: req.query.get('state'),
    scopes: ['public_profile', ...scopes],
    userId,
    pageIds: chosen.filter((id) => user.pages.has(id)),
  });
  const pages = chosen
    .map((id) => `<li>${escapeHtml(store.pages.get(id)?.name ?? id)}</li>`)
    .join('');
  return html(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Log in With Facebook</title></head>
<body><h1>${escapeHtml(app.name)} is requesting access to:</h1>
<p>Continue as <strong>${escapeHtml(user.name)}</strong></p>
<ul>${scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>
<h2>Pages</h2><ul>${pages}</ul>
<form method="post" action="${escapeHtml(req.path)}">
<input type="hidden" name="request_id" value="${escapeHtml(requestId)}">
<button type="submit" name="decision" value="allow">Continue</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form></body></html>`,
  );
}

function decide(store: Store, req: FakeRequest): Reply {
  const form = new URLSearchParams(req.body.toString('utf8'));
  const request = store.requests.get(form.get('request_id') ?? '');
  if (request === undefined)
    return errorPage(400, 'Error', 'This login request is no longer valid.');
  store.requests.delete(request.requestId);
  const state = request.state === null ? {} : { state: request.state };
  if (form.get('decision') !== 'allow') {
    return back(request.redirectUri, {
      error: 'access_denied',
      error_code: '200',
      error_description: 'Permissions error',
      error_reason: 'user_denied',
      ...state,
    });
  }
  const grant = {
    userId: request.userId,
    appId: request.appId,
    scopes: request.scopes,
    pageIds: request.pageIds,
    revoked: false,
  };
  store.grants.push(grant);
  const code = newToken('AQ');
  store.codes.set(code, {
    code,
    grant,
    redirectUri: request.redirectUri,
    expiresAt: store.clock.now() + codeLifetimeMs,
    used: false,
  });
  return back(request.redirectUri, { code, ...state });
}

const oauthError = (message: string, code: number, subcode?: number): Reply =>
  graphError(400, message, { code, ...(subcode === undefined ? {} : { subcode }) });

function accessToken(store: Store, req: FakeRequest): Reply {
  const q = req.query;
  const app = store.apps.get(q.get('client_id') ?? '');
  if (app === undefined)
    return oauthError('Error validating application. Invalid application ID.', 101);
  if (q.get('client_secret') !== app.appSecret)
    return oauthError('Error validating client secret.', 1);
  const issued = (lifetimeMs: number, record: { token: string }) =>
    json(200, {
      access_token: record.token,
      token_type: 'bearer',
      expires_in: Math.round(lifetimeMs / 1000),
    });
  if (q.get('grant_type') === 'fb_exchange_token') {
    const old = store.tokens.get(q.get('fb_exchange_token') ?? '');
    if (old === undefined || old.kind !== 'user' || old.grant.appId !== app.appId) {
      return oauthError('Invalid OAuth access token - Cannot parse access token', 190);
    }
    if (old.grant.revoked || (old.expiresAt !== null && old.expiresAt <= store.clock.now())) {
      return oauthError('Error validating access token: Session has expired.', 190, 463);
    }
    return issued(longLivedMs, store.issue(old.grant, 'user', null, longLivedMs, true));
  }
  const code = store.codes.get(q.get('code') ?? '');
  if (code === undefined || code.grant.appId !== app.appId) {
    return oauthError('Invalid verification code format.', 100);
  }
  if (code.used) return oauthError('This authorization code has been used.', 100, 36009);
  if (code.expiresAt <= store.clock.now())
    return oauthError('This authorization code has expired.', 100, 36007);
  if (q.get('redirect_uri') !== code.redirectUri) {
    return oauthError(
      'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
      100,
      36008,
    );
  }
  code.used = true;
  return issued(shortLivedMs, store.issue(code.grant, 'user', null, shortLivedMs, false));
}

export const oauthRoutes = (store: Store): Route[] => [
  {
    kind: 'open',
    method: 'GET',
    pattern: '/dialog/oauth',
    hosts: 'browser',
    versioned: true,
    handle: (req) => dialog(store, req),
  },
  {
    kind: 'open',
    method: 'POST',
    pattern: '/dialog/oauth',
    hosts: 'browser',
    versioned: true,
    handle: (req) => decide(store, req),
  },
  {
    kind: 'open',
    method: 'GET',
    pattern: '/oauth/access_token',
    hosts: [graphHost],
    versioned: true,
    handle: (req) => accessToken(store, req),
  },
];
