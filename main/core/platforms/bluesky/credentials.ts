// The session kept for a Bluesky account, as it is sealed into account_credentials: the
// PDS's access and refresh JWTs (never the app password), and where the PDS lives.
import { z } from 'zod';
import { lazySchema } from '../../../../shared/lazy-schema.ts';
import { checkServiceUrl } from './client.ts';

export const blueskySession = lazySchema(() =>
  z.strictObject({
    kind: z.literal('session'),
    did: z.string().startsWith('did:'),
    handle: z.string().min(1),
    accessJwt: z.string().min(1),
    /** Single-use: a refresh answers a new pair, committed before it is used. */
    refreshJwt: z.string().min(1),
    /** Epoch ms: the access JWT's own exp. */
    expiresAt: z.number().int(),
    /** The PDS origin every call of the account goes to. */
    serviceUrl: z.url(),
  }),
);

export type BlueskySession = z.infer<typeof blueskySession>;

/** Without an exp claim, assume the PDS's usual two hours. */
const fallbackLifetimeMs = 2 * 60 * 60_000;

/** The claims of a JWT (not verified: the PDS verifies its tokens), or null. */
export function jwtClaims(jwt: string): Record<string, unknown> | null {
  try {
    const claims: unknown = JSON.parse(
      Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'),
    );
    return typeof claims === 'object' && claims !== null
      ? (claims as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** When an access JWT expires (epoch ms), read from its exp claim. */
export function accessExpiry(accessJwt: string, now: number): number {
  const exp = jwtClaims(accessJwt)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp)
    ? Math.floor(exp * 1000)
    : now + fallbackLifetimeMs;
}

/**
 * The PDS origin a session's DID document names (#atproto_pds), when it is one Starling
 * may talk to; null without one (the entryway then serves the account itself).
 */
export function pdsFromDidDoc(didDoc: unknown): string | null {
  const services = (didDoc as { service?: unknown } | null)?.service;
  if (!Array.isArray(services)) return null;
  for (const entry of services as unknown[]) {
    const { id, type, serviceEndpoint } = (entry ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || !id.endsWith('#atproto_pds')) continue;
    if (type !== 'AtprotoPersonalDataServer' || typeof serviceEndpoint !== 'string') continue;
    try {
      return checkServiceUrl(serviceEndpoint);
    } catch {
      return null;
    }
  }
  return null;
}
