// OAuth 2 authorization code + PKCE for a public (Native App) client: the verifier and
// state come from crypto.randomBytes, the challenge is S256, and the authorize URL is
// built here so no library helper picks the randomness or the challenge method.
import crypto from 'node:crypto';
import { xOAuth2Scopes } from '../../../../shared/networks/x.ts';

export interface Pkce {
  /** 86 characters of base64url (RFC 7636 allows 43–128 unreserved characters). */
  verifier: string;
  challenge: string;
  state: string;
}

export function newPkce(randomBytes: (n: number) => Buffer = crypto.randomBytes): Pkce {
  const verifier = randomBytes(64).toString('base64url');
  return {
    verifier,
    challenge: crypto.createHash('sha256').update(verifier).digest('base64url'),
    state: randomBytes(32).toString('base64url'),
  };
}

export function oauth2AuthorizeUrl(options: {
  authorizeOrigin: string;
  clientId: string;
  redirectUri: string;
  pkce: Pkce;
}): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    scope: xOAuth2Scopes.join(' '),
    state: options.pkce.state,
    code_challenge: options.pkce.challenge,
    code_challenge_method: 'S256',
  });
  // URLSearchParams writes spaces as '+'; X documents %20 between scopes.
  return `${options.authorizeOrigin}/i/oauth2/authorize?${query.toString().replaceAll('+', '%20')}`;
}

/** Compares a value from a callback with the expected secret in constant time. */
export function sameSecret(received: string | null, expected: string): boolean {
  if (received === null) return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
