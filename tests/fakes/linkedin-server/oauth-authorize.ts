// GET/POST /oauth/v2/authorization: the member's consent. An unknown client or redirect URI
// gets an error page; a scope the app's products do not grant comes back to the app as
// error=unauthorized_scope_error (how a missing product shows up); a member who already
// granted these scopes skips the screen; Cancel sends error=user_cancelled_authorize.
import type { FakeRequest } from '../http-kit/request.ts';
import { consentPage, errorPage, signedOutPage } from './authorize-page.ts';
import { randomToken } from './ids.ts';
import { redirect, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import { codeLifetimeMs, type PendingConsent, type Store } from './store.ts';

function back(pending: Pick<PendingConsent, 'redirectUri' | 'state'>, params: object): Reply {
  const target = new URL(pending.redirectUri);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, String(value));
  if (pending.state !== null) target.searchParams.set('state', pending.state);
  return redirect(target.toString());
}

function issueCode(store: Store, pending: PendingConsent): Reply {
  const code = `AQ${randomToken(110)}`;
  store.authCodes.set(code, {
    code,
    clientId: pending.clientId,
    redirectUri: pending.redirectUri,
    scopes: pending.scopes,
    memberId: pending.memberId,
    codeChallenge: pending.codeChallenge,
    expiresAt: store.clock.now() + codeLifetimeMs,
    used: false,
  });
  return back(pending, { code });
}

type Checked = Omit<PendingConsent, 'memberId'>;

function validate(store: Store, q: URLSearchParams): Checked | Reply {
  const clientId = q.get('client_id') ?? '';
  const app = store.apps.get(clientId);
  if (app === undefined) return errorPage(401, `The passed in client_id is invalid "${clientId}"`);
  const redirectUri = q.get('redirect_uri') ?? '';
  // LinkedIn ignores the query string of a registered redirect URL when comparing.
  const bare = redirectUri.split('?')[0] ?? '';
  if (!app.redirectUris.some((u) => u.split('?')[0] === bare)) {
    return errorPage(401, 'The redirect_uri does not match the registered value');
  }
  if (q.get('response_type') !== 'code') {
    return errorPage(400, 'The response_type parameter must be "code"');
  }
  const state = q.get('state');
  const scopes = [...new Set((q.get('scope') ?? '').split(/[\s,]+/).filter((s) => s !== ''))];
  if (scopes.length === 0) return errorPage(400, 'The scope parameter is missing');
  const allowed = store.appScopes(app);
  const refused = scopes.find((s) => !allowed.has(s));
  if (refused !== undefined) {
    return back(
      { redirectUri, state },
      {
        error: 'unauthorized_scope_error',
        // LinkedIn HTML-escapes the quotes inside this query parameter.
        error_description: `Scope &quot;${refused}&quot; is not authorized for your application`,
      },
    );
  }
  let codeChallenge: string | null = null;
  const challenge = q.get('code_challenge');
  if (app.pkce && challenge !== null) {
    if (q.get('code_challenge_method') !== 'S256') {
      return errorPage(400, 'The code_challenge_method parameter must be "S256"');
    }
    codeChallenge = challenge;
  }
  return { clientId, redirectUri, state, scopes, codeChallenge };
}

function show(store: Store, req: FakeRequest): Reply {
  const checked = validate(store, req.query);
  if ('status' in checked) return checked;
  const memberId = store.signedInMemberId;
  if (memberId === null) return signedOutPage();
  const pending: PendingConsent = { ...checked, memberId };
  const granted = store.grants.some(
    (g) =>
      !g.revoked &&
      g.memberId === memberId &&
      g.clientId === checked.clientId &&
      checked.scopes.every((s) => g.scopes.includes(s)),
  );
  if (granted) return issueCode(store, pending);
  const requestId = randomToken(18);
  store.pendingConsents.set(requestId, pending);
  return consentPage({
    action: req.path,
    requestId,
    appName: store.app(checked.clientId).name,
    member: store.member(memberId),
    scopes: checked.scopes,
  });
}

function decide(store: Store, req: FakeRequest): Reply {
  const form = new URLSearchParams(req.body.toString('utf8'));
  const requestId = form.get('request_id') ?? '';
  const pending = store.pendingConsents.get(requestId);
  if (pending === undefined) {
    return errorPage(400, 'This authorization request is unknown or was already answered');
  }
  store.pendingConsents.delete(requestId);
  if (form.get('decision') !== 'allow') {
    return back(pending, {
      error: 'user_cancelled_authorize',
      error_description: 'The user cancelled the authorization',
    });
  }
  return issueCode(store, pending);
}

export function authorizeRoutes(store: Store): Route[] {
  return [
    {
      kind: 'page',
      method: 'GET',
      pattern: '/oauth/v2/authorization',
      handle: (req) => show(store, req),
    },
    {
      kind: 'page',
      method: 'POST',
      pattern: '/oauth/v2/authorization',
      handle: (req) => decide(store, req),
    },
  ];
}
