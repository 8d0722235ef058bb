// Who is calling the API: an OAuth 2 user access token (Bearer) or an OAuth 1.0a user
// token with a valid signature. Anything else is X's 401.
import { parseOAuthHeader, verifySignature } from './oauth1-signature.ts';
import type { FakeRequest } from '../http-kit/request.ts';
import type { Store } from './store.ts';

export interface Principal {
  userId: string;
  kind: 'oauth2' | 'oauth1';
  /** OAuth 1.0a user tokens carry the app's permissions, not scopes: null means all. */
  scopes: ReadonlySet<string> | null;
}

export function authenticate(store: Store, req: FakeRequest): Principal | null {
  const header = req.headers.authorization;
  if (header === undefined) return null;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer?.[1] !== undefined) {
    const access = store.accessTokens.get(bearer[1]);
    if (access === undefined || access.grant.revoked) return null;
    if (store.clock.now() >= access.expiresAt) return null;
    return { userId: access.grant.userId, kind: 'oauth2', scopes: new Set(access.grant.scopes) };
  }
  const oauth = parseOAuthHeader(header);
  if (oauth === null) return null;
  const app = store.oauth1Apps.get(oauth.get('oauth_consumer_key') ?? '');
  const token = store.oauth1AccessTokens.get(oauth.get('oauth_token') ?? '');
  if (app === undefined || token === undefined || token.revoked) return null;
  if (token.consumerKey !== app.consumerKey) return null;
  if (!verifySignature(req, oauth, app.consumerSecret, token.secret)) return null;
  return { userId: token.userId, kind: 'oauth1', scopes: null };
}

export function hasScopes(principal: Principal, required: readonly string[]): boolean {
  const scopes = principal.scopes;
  return scopes === null || required.every((s) => scopes.has(s));
}
