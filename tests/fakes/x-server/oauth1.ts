// OAuth 1.0a three-legged sign-in: request token, the authorize page, access token.
// Every call's HMAC-SHA1 signature is checked (oauth1-signature.ts).
import { consentPage, errorPage, signedOutPage } from './authorize-page.ts';
import { randomToken } from './ids.ts';
import { parseOAuthHeader, verifySignature } from './oauth1-signature.ts';
import { couldNotAuthenticate, formEncoded, json, redirect, type Reply } from './replies.ts';
import { isFormBody, type FakeRequest } from '../http-kit/request.ts';
import type { Route } from './router.ts';
import type { Store } from './store.ts';

const invalidToken = () =>
  json(401, { errors: [{ code: 89, message: 'Invalid or expired token.' }] });

const permissions = [
  'See posts from your timeline (including protected posts) as well as your lists and collections.',
  'See your X profile information and account settings.',
  'Post and delete posts for you, and engage with posts posted by others.',
];

/** A parameter from the Authorization header or, failing that, the form body. */
function oauthParam(req: FakeRequest, oauth: Map<string, string>, name: string): string {
  const fromHeader = oauth.get(name);
  if (fromHeader !== undefined) return fromHeader;
  if (!isFormBody(req)) return '';
  return new URLSearchParams(req.body.toString('utf8')).get(name) ?? '';
}

function requestToken(store: Store, req: FakeRequest): Reply {
  const oauth = parseOAuthHeader(req.headers.authorization);
  const app = store.oauth1Apps.get(oauth?.get('oauth_consumer_key') ?? '');
  if (oauth === null || app === undefined) return couldNotAuthenticate();
  if (!verifySignature(req, oauth, app.consumerSecret, '')) return couldNotAuthenticate();
  const callback = oauthParam(req, oauth, 'oauth_callback');
  if (!/^https?:\/\//.test(callback)) {
    return json(403, {
      errors: [{ code: 415, message: 'Callback URL not approved for this client application.' }],
    });
  }
  const token = randomToken(24);
  const secret = randomToken(24);
  store.oauth1RequestTokens.set(token, {
    token,
    secret,
    consumerKey: app.consumerKey,
    callback,
    verifier: null,
    userId: null,
    used: false,
  });
  return formEncoded(200, {
    oauth_token: token,
    oauth_token_secret: secret,
    oauth_callback_confirmed: 'true',
  });
}

function showAuthorize(store: Store, req: FakeRequest): Reply {
  const token = store.oauth1RequestTokens.get(req.query.get('oauth_token') ?? '');
  if (token === undefined || token.used || token.verifier !== null) {
    return errorPage(
      400,
      'This page is no longer valid. The request token is unknown or was already used.',
    );
  }
  const userId = store.signedInUserId;
  if (userId === null) return signedOutPage();
  const requestId = randomToken(18);
  store.pendingConsents.set(requestId, { kind: 'oauth1', requestToken: token.token, userId });
  return consentPage({
    action: req.path,
    requestId,
    appName: store.oauth1Apps.get(token.consumerKey)?.name ?? token.consumerKey,
    user: store.user(userId),
    permissions,
  });
}

function answerAuthorize(store: Store, req: FakeRequest): Reply {
  const form = new URLSearchParams(req.body.toString('utf8'));
  const requestId = form.get('request_id') ?? '';
  const pending = store.pendingConsents.get(requestId);
  const token =
    pending?.kind === 'oauth1' ? store.oauth1RequestTokens.get(pending.requestToken) : undefined;
  if (pending?.kind !== 'oauth1' || token === undefined) {
    return errorPage(400, 'This authorization request is unknown or was already answered');
  }
  store.pendingConsents.delete(requestId);
  const target = new URL(token.callback);
  if (form.get('decision') !== 'allow') {
    // X sends the person back with ?denied=<request token>.
    store.oauth1RequestTokens.delete(token.token);
    target.searchParams.set('denied', token.token);
    return redirect(target.toString());
  }
  token.verifier = randomToken(24);
  token.userId = pending.userId;
  target.searchParams.set('oauth_token', token.token);
  target.searchParams.set('oauth_verifier', token.verifier);
  return redirect(target.toString());
}

function accessToken(store: Store, req: FakeRequest): Reply {
  const oauth = parseOAuthHeader(req.headers.authorization);
  const app = store.oauth1Apps.get(oauth?.get('oauth_consumer_key') ?? '');
  if (oauth === null || app === undefined) return couldNotAuthenticate();
  const token = store.oauth1RequestTokens.get(oauth.get('oauth_token') ?? '');
  if (token === undefined || token.used || token.consumerKey !== app.consumerKey)
    return invalidToken();
  if (!verifySignature(req, oauth, app.consumerSecret, token.secret)) return couldNotAuthenticate();
  const verifier = oauthParam(req, oauth, 'oauth_verifier');
  if (token.verifier === null || token.userId === null || verifier !== token.verifier) {
    return {
      status: 401,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'Error processing your OAuth request: Invalid oauth_verifier parameter',
    };
  }
  token.used = true;
  const user = store.user(token.userId);
  const access = `${user.id}-${randomToken(24)}`;
  const secret = randomToken(32);
  store.oauth1AccessTokens.set(access, {
    token: access,
    secret,
    consumerKey: app.consumerKey,
    userId: user.id,
    revoked: false,
  });
  return formEncoded(200, {
    oauth_token: access,
    oauth_token_secret: secret,
    user_id: user.id,
    screen_name: user.username,
  });
}

export function oauth1Routes(store: Store): Route[] {
  const pages: Route[] = ['/oauth/authorize', '/oauth/authenticate'].flatMap((pattern) => [
    { kind: 'page', method: 'GET', pattern, handle: (r: FakeRequest) => showAuthorize(store, r) },
    {
      kind: 'page',
      method: 'POST',
      pattern,
      handle: (r: FakeRequest) => answerAuthorize(store, r),
    },
  ]);
  return [
    ...pages,
    {
      kind: 'open',
      method: 'POST',
      pattern: '/oauth/request_token',
      endpoint: 'POST /oauth/request_token',
      handle: (r) => requestToken(store, r),
    },
    {
      kind: 'open',
      method: 'POST',
      pattern: '/oauth/access_token',
      endpoint: 'POST /oauth/access_token',
      handle: (r) => accessToken(store, r),
    },
  ];
}
