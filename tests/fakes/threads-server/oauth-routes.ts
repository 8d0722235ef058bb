// The fake Threads' login: the consent page at threads.net/oauth/authorize and its form
// (the redirect carries the code, or error=access_denied, then the state, then #_ as
// Threads' does), the code redeemed at graph.threads.net/oauth/access_token for a
// short-lived token (an hour), exchanged for a long-lived one (th_exchange_token, 60 days)
// and refreshed once a day old (th_refresh_token).
import type { KitReply } from '../http-kit/listen.ts';
import { flatParams, type FakeRequest } from '../http-kit/request.ts';
import { authorized, graphError, json } from './routes.ts';
import { codeLifetimeMs, randomToken, type Store } from './store.ts';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const redirect = (location: string): KitReply => ({
  status: 302,
  headers: { location },
  body: '',
});

const html = (status: number, body: string): KitReply => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body,
});

export function authorizePage(store: Store, req: FakeRequest): KitReply {
  const q = req.query;
  const app = store.apps.get(q.get('client_id') ?? '');
  if (app === undefined) return html(400, '<p id="error">Invalid App ID</p>');
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!app.redirectUris.includes(redirectUri)) {
    return html(
      400,
      '<p id="error">URL blocked: this redirect failed because the redirect URI is not whitelisted in the app’s client OAuth settings.</p>',
    );
  }
  if (q.get('response_type') !== 'code')
    return html(400, '<p id="error">response_type must be code</p>');
  if (store.signedInUserId === null) return html(200, '<p id="signed-out">Log in to Threads.</p>');
  const requestId = randomToken(12);
  store.pending.set(requestId, { clientId: app.clientId, redirectUri, state: q.get('state') });
  const user = store.user(store.signedInUserId);
  return html(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Threads</title></head><body>
<h1>Allow this app to access your Threads profile?</h1><p>Signed in as @${escapeHtml(user.username)}</p>
<p>${escapeHtml(q.get('scope') ?? '')}</p>
<form method="post" action="${escapeHtml(req.path)}"><input type="hidden" name="request_id" value="${escapeHtml(requestId)}">
<button name="decision" value="allow">Allow</button><button name="decision" value="deny">Cancel</button></form></body></html>`,
  );
}

export function answerConsent(store: Store, req: FakeRequest): KitReply {
  const p = flatParams(req) ?? {};
  const pending = store.pending.get(p.request_id ?? '');
  if (pending === undefined || store.signedInUserId === null)
    return html(400, '<p id="error">Expired</p>');
  store.pending.delete(p.request_id ?? '');
  const target = new URL(pending.redirectUri);
  if (p.decision === 'allow') {
    const code = `AQ${randomToken(90)}`;
    store.codes.set(code, {
      clientId: pending.clientId,
      redirectUri: pending.redirectUri,
      userId: store.signedInUserId,
      expiresAt: store.clock.now() + codeLifetimeMs,
      used: false,
    });
    target.searchParams.set('code', code);
  } else {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('error_reason', 'user_denied');
    target.searchParams.set('error_description', 'Permissions error');
  }
  if (pending.state !== null) target.searchParams.set('state', pending.state);
  // Threads appends #_ to the redirect; it is not part of the code.
  return redirect(`${target.toString()}#_`);
}

export function redeem(store: Store, p: Record<string, string>): KitReply {
  const app = store.apps.get(p.client_id ?? '');
  if (app === undefined || app.clientSecret !== p.client_secret) {
    return graphError(400, 101, 'Error validating client secret.');
  }
  if (p.grant_type !== 'authorization_code') return graphError(400, 100, 'Unsupported grant_type.');
  const code = store.codes.get(p.code ?? '');
  if (
    code === undefined ||
    code.used ||
    code.expiresAt <= store.clock.now() ||
    code.clientId !== app.clientId
  ) {
    return graphError(400, 100, 'Invalid verification code format.', { subcode: 36007 });
  }
  if (code.redirectUri !== p.redirect_uri) {
    return graphError(
      400,
      100,
      'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
      { subcode: 36008 },
    );
  }
  code.used = true;
  const { token } = store.issue(code.userId, app.clientId, 'short');
  return json(200, { access_token: token, user_id: Number(code.userId) });
}

export function exchange(store: Store, p: Record<string, string>): KitReply {
  if (p.grant_type !== 'th_exchange_token') return graphError(400, 100, 'Unsupported grant_type.');
  const auth = authorized(store, p);
  if ('status' in auth) return auth;
  const app = store.apps.get(auth.clientId);
  if (app?.clientSecret !== p.client_secret)
    return graphError(400, 101, 'Error validating client secret.');
  if (auth.kind !== 'short')
    return graphError(400, 100, 'Only short-lived tokens can be exchanged.');
  const { token, record } = store.issue(auth.userId, auth.clientId, 'long');
  return json(200, {
    access_token: token,
    token_type: 'bearer',
    expires_in: Math.round((record.expiresAt - record.issuedAt) / 1000),
  });
}

export function refresh(store: Store, p: Record<string, string>): KitReply {
  if (p.grant_type !== 'th_refresh_token') return graphError(400, 100, 'Unsupported grant_type.');
  const auth = authorized(store, p);
  if ('status' in auth) return auth;
  if (auth.kind !== 'long') return graphError(400, 100, 'Only long-lived tokens can be refreshed.');
  if (store.clock.now() - auth.issuedAt < 86_400_000) {
    return graphError(
      400,
      100,
      'A long-lived token can be refreshed once it is at least 24 hours old.',
    );
  }
  const { token, record } = store.issue(auth.userId, auth.clientId, 'long');
  return json(200, {
    access_token: token,
    token_type: 'bearer',
    expires_in: Math.round((record.expiresAt - record.issuedAt) / 1000),
  });
}
