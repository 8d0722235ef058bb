// Issuing session and service-auth JWTs the way the PDS does: an access JWT (typ at+jwt)
// and a single-use refresh JWT (typ refresh+jwt, with a jti the PDS remembers).
import { randomId } from './ids.ts';
import { signJwt } from './jwt.ts';
import type { Store } from './store.ts';

/** App-password sessions get this scope on the PDS, not com.atproto.access. */
export const appPassScope = 'com.atproto.appPass';
export const accessScopes = ['com.atproto.access', 'com.atproto.appPassPrivileged', appPassScope];
export const refreshScope = 'com.atproto.refresh';

export interface SessionTokens {
  accessJwt: string;
  refreshJwt: string;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

function issuePair(store: Store, did: string, jti: string): SessionTokens {
  const now = store.clock.now();
  const common = { aud: store.serviceDid, sub: did, iat: seconds(now) };
  // The fake clock may stand still between two sign-ins or refreshes; a jti keeps each
  // access JWT distinct (the client compares tokens to see that a refresh happened).
  const accessJwt = signJwt(
    'at+jwt',
    {
      scope: appPassScope,
      ...common,
      exp: seconds(now + store.settings.accessJwtLifetimeMs),
      jti: randomId(12),
    },
    store.jwtKey,
  );
  const refreshExpiresAt = now + store.settings.refreshJwtLifetimeMs;
  const refreshJwt = signJwt(
    'refresh+jwt',
    { scope: refreshScope, ...common, jti, exp: seconds(refreshExpiresAt) },
    store.jwtKey,
  );
  store.accessTokens.set(accessJwt, { did, revoked: false });
  // A reuse within the grace re-issues the same jti: keep the first entry, as the PDS does.
  if (!store.refreshTokens.has(jti)) {
    store.refreshTokens.set(jti, { did, expiresAt: refreshExpiresAt, nextId: null });
  }
  return { accessJwt, refreshJwt };
}

export function createSessionTokens(store: Store, did: string): SessionTokens {
  return issuePair(store, did, randomId(24));
}

/**
 * Rotates a refresh token: the old one lives on only for the grace, and using it again
 * within the grace answers a pair with the same next jti. null: revoked or used up.
 */
export function rotateRefreshToken(store: Store, jti: string): SessionTokens | null {
  const entry = store.refreshTokens.get(jti);
  const now = store.clock.now();
  if (entry?.nextId != null) store.refreshReuses += 1;
  if (entry === undefined || entry.expiresAt <= now) return null;
  entry.expiresAt = Math.min(entry.expiresAt, now + store.settings.refreshGraceMs);
  entry.nextId ??= randomId(24);
  return issuePair(store, entry.did, entry.nextId);
}

export function revokeAll(store: Store, did: string): void {
  for (const [jti, entry] of store.refreshTokens) {
    if (entry.did === did) store.refreshTokens.delete(jti);
  }
  for (const token of store.accessTokens.values()) {
    if (token.did === did) token.revoked = true;
  }
}

/** A service-auth JWT for another service (the video service), bound to one method. */
export function serviceToken(
  store: Store,
  did: string,
  aud: string,
  expSeconds: number,
  lxm: string | null,
): string {
  const payload: Record<string, unknown> = {
    iat: seconds(store.clock.now()),
    iss: did,
    aud,
    exp: expSeconds,
    jti: randomId(16),
  };
  if (lxm !== null) payload.lxm = lxm;
  return signJwt('JWT', payload, store.jwtKey);
}
