// LinkedIn's OAuth 2 endpoints (authorization code flow, programmatic refresh tokens,
// revocation) on www.linkedin.com: the authorize URL with state and PKCE S256, and the
// token answers turned into the token set kept in the vault.
import crypto from 'node:crypto';
import { failure } from '../../../../shared/result.ts';
import type { LinkedInApi } from './api.ts';
import type { LinkedInApp } from './app.ts';
import { jsonOf, type Answer } from '../http-exchange.ts';

/** Sign In with OpenID Connect, and posting as the member (Share on LinkedIn). */
export const memberScopes = ['openid', 'profile', 'w_member_social'] as const;
/** Company pages (the Community Management API): read, post, and page statistics. */
export const pageScopes = [
  'r_organization_social',
  'w_organization_social',
  'rw_organization_admin',
] as const;

export interface Pkce {
  verifier: string;
  challenge: string;
  state: string;
}

export function newPkce(): Pkce {
  const verifier = crypto.randomBytes(64).toString('base64url');
  return {
    verifier,
    challenge: crypto.createHash('sha256').update(verifier).digest('base64url'),
    state: crypto.randomBytes(32).toString('base64url'),
  };
}

export function authorizeUrl(input: {
  origin: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  pkce: Pkce;
}): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    scope: input.scopes.join(' '),
    state: input.pkce.state,
    // Read only where LinkedIn enabled PKCE for the app; harmless elsewhere.
    code_challenge: input.pkce.challenge,
    code_challenge_method: 'S256',
  });
  // URLSearchParams writes spaces as '+'; LinkedIn documents %20 between scopes.
  return `${input.origin}/oauth/v2/authorization?${query.toString().replaceAll('+', '%20')}`;
}

/** What a token answer gives, read by the core's clock. */
export interface Issued {
  accessToken: string;
  expiresAt: number;
  refreshToken: string | null;
  refreshExpiresAt: number | null;
  scope: string;
}

function issued(answer: Answer, now: number): Issued {
  const body = jsonOf(answer) as Record<string, unknown> | undefined;
  const token = body?.access_token;
  const expiresIn = body?.expires_in;
  if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number') {
    throw failure('PLATFORM_REJECTED', 'LinkedIn answered the sign-in without a usable token.');
  }
  const refresh = typeof body?.refresh_token === 'string' ? body.refresh_token : null;
  const refreshIn = body?.refresh_token_expires_in;
  return {
    accessToken: token,
    expiresAt: now + expiresIn * 1000,
    refreshToken: refresh === '' ? null : refresh,
    refreshExpiresAt:
      refresh !== null && typeof refreshIn === 'number' ? now + refreshIn * 1000 : null,
    scope: typeof body?.scope === 'string' ? body.scope : '',
  };
}

const appFields = (app: LinkedInApp) => ({
  client_id: app.clientId,
  ...(app.clientSecret === null ? {} : { client_secret: app.clientSecret }),
});

export async function redeemCode(
  api: LinkedInApi,
  app: LinkedInApp,
  input: { code: string; redirectUri: string; verifier: string; now: () => number },
): Promise<Issued> {
  const answer = await api.oauth('/accessToken', {
    grant_type: 'authorization_code',
    code: input.code,
    redirect_uri: input.redirectUri,
    code_verifier: input.verifier,
    ...appFields(app),
  });
  return issued(answer, input.now());
}

export async function refreshTokens(
  api: LinkedInApi,
  app: LinkedInApp,
  refreshToken: string,
  now: () => number,
): Promise<Issued> {
  const answer = await api.oauth('/accessToken', {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    ...appFields(app),
  });
  return issued(answer, now());
}

export async function revokeToken(api: LinkedInApi, app: LinkedInApp, token: string) {
  await api.oauth('/revoke', { token, ...appFields(app) });
}

/** Compares a value from a callback with the expected secret in constant time. */
export function sameSecret(received: string | null, expected: string): boolean {
  if (received === null) return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
