// GET/POST /oauth/authorize: doorkeeper's checks (client, redirect URI, scopes within the
// app's, PKCE S256 on 4.3), the consent form, and the redirect back with code and state.
import type { FakeRequest } from '../http-kit/request.ts';
import { oobRedirectUri, parseScopes, redirectMatches } from './apps.ts';
import { consentPage, errorPage, oobCodePage, signedOutPage } from './authorize-page.ts';
import { randomSecret } from './ids.ts';
import { redirect, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import type { PendingConsent, Store } from './store.ts';

export const codeLifetimeMs = 10 * 60 * 1000;

const unknownClient =
  'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.';

type Checked = { reply: Reply } | { pending: Omit<PendingConsent, 'userId'> };

/** Back to the client with an OAuth error, keeping its state (RFC 6749 §4.1.2.1). */
function errorRedirect(uri: string, state: string | null, error: string, description: string) {
  if (uri === oobRedirectUri) return errorPage(description);
  const target = new URL(uri);
  target.searchParams.set('error', error);
  target.searchParams.set('error_description', description);
  if (state !== null) target.searchParams.set('state', state);
  return redirect(target.toString());
}

function check(store: Store, q: URLSearchParams): Checked {
  const app = store.apps.get(q.get('client_id') ?? '');
  if (app === undefined) return { reply: errorPage(unknownClient) };
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!app.redirectUris.some((registered) => redirectMatches(redirectUri, registered))) {
    return { reply: errorPage('The redirect uri included is not valid.') };
  }
  const state = q.get('state');
  const fail = (error: string, description: string) => ({
    reply: errorRedirect(redirectUri, state, error, description),
  });
  if (q.get('response_type') !== 'code') {
    return fail(
      'unsupported_response_type',
      'The authorization server does not support this response type.',
    );
  }
  const scopes = parseScopes(q.get('scope') ?? undefined);
  if (!scopes.every((s) => app.scopes.includes(s))) {
    return fail('invalid_scope', 'The requested scope is invalid, unknown, or malformed.');
  }
  // A 4.2 instance knows nothing of PKCE and ignores the parameters.
  const challenge = store.modern ? q.get('code_challenge') : null;
  if (challenge !== null && q.get('code_challenge_method') !== 'S256') {
    return fail('invalid_request', 'The code challenge method must be S256.');
  }
  return {
    pending: { clientId: app.clientId, redirectUri, state, scopes, challenge },
  };
}

function show(store: Store, req: FakeRequest): Reply {
  const checked = check(store, req.query);
  if ('reply' in checked) return checked.reply;
  const userId = store.signedInUserId;
  if (userId === null) return signedOutPage();
  const requestId = randomSecret(18);
  store.pendingConsents.set(requestId, { ...checked.pending, userId });
  return consentPage({
    requestId,
    appName: store.apps.get(checked.pending.clientId)?.name ?? checked.pending.clientId,
    user: store.user(userId),
    scopes: checked.pending.scopes,
  });
}

function answer(store: Store, req: FakeRequest): Reply {
  const form = new URLSearchParams(req.body.toString('utf8'));
  const requestId = form.get('request_id') ?? '';
  const pending = store.pendingConsents.get(requestId);
  if (pending === undefined) {
    return errorPage('This authorization request is unknown or was already answered.');
  }
  store.pendingConsents.delete(requestId);
  if (form.get('decision') !== 'allow') {
    return errorRedirect(
      pending.redirectUri,
      pending.state,
      'access_denied',
      'The resource owner or authorization server denied the request.',
    );
  }
  const code = randomSecret(32);
  store.codes.set(code, {
    code,
    clientId: pending.clientId,
    userId: pending.userId,
    redirectUri: pending.redirectUri,
    scopes: pending.scopes,
    challenge: pending.challenge,
    expiresAt: store.clock.now() + codeLifetimeMs,
    used: false,
  });
  if (pending.redirectUri === oobRedirectUri) {
    return redirect(`${store.origin}/oauth/authorize/native?code=${encodeURIComponent(code)}`);
  }
  const target = new URL(pending.redirectUri);
  target.searchParams.set('code', code);
  if (pending.state !== null) target.searchParams.set('state', pending.state);
  return redirect(target.toString());
}

export function authorizeRoutes(store: Store): Route[] {
  return [
    { kind: 'open', method: 'GET', pattern: '/oauth/authorize', handle: (r) => show(store, r) },
    { kind: 'open', method: 'POST', pattern: '/oauth/authorize', handle: (r) => answer(store, r) },
    {
      kind: 'open',
      method: 'GET',
      pattern: '/oauth/authorize/native',
      handle: (r) => oobCodePage(r.query.get('code') ?? ''),
    },
  ];
}
