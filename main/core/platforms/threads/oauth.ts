// Threads' login (OAuth 2 authorization code, Threads' own, not Facebook Login): the
// authorize URL on threads.net, the code redeemed for a short-lived token on
// graph.threads.net, exchanged at once for a long-lived one, and its refresh
// ([Note: Threads tokens]).
import crypto from 'node:crypto';
import { failure } from '../../../../shared/result.ts';
import type { ThreadsApi } from './api.ts';

/**
 * What Starling asks for: the profile, publishing, insights, and replies (a thread's later
 * parts are the author's replies; looking an unconfirmed reply up reads them).
 */
export const threadsScopes = [
  'threads_basic',
  'threads_content_publish',
  'threads_manage_insights',
  'threads_manage_replies',
  'threads_read_replies',
] as const;

export const newState = () => crypto.randomBytes(32).toString('base64url');

export function authorizeUrl(input: {
  origin: string;
  clientId: string;
  redirectUri: string;
  state: string;
}): string {
  const query = new URLSearchParams({
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    // Threads documents the scopes comma-separated.
    scope: threadsScopes.join(','),
    response_type: 'code',
    state: input.state,
  });
  return `${input.origin}/oauth/authorize?${query.toString()}`;
}

export function sameSecret(received: string | null, expected: string): boolean {
  if (received === null) return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export interface LongLived {
  accessToken: string;
  expiresAt: number;
}

const text = (value: unknown, what: string): string => {
  if (typeof value !== 'string' || value === '') {
    throw failure('PLATFORM_REJECTED', `Threads answered without ${what}.`);
  }
  return value;
};

function longLived(body: Record<string, unknown>, now: number): LongLived {
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 60 * 86_400;
  return {
    accessToken: text(body.access_token, 'an access token'),
    expiresAt: now + expiresIn * 1000,
  };
}

/** The code → a short-lived token and whose it is. */
export async function redeemCode(
  api: ThreadsApi,
  app: { clientId: string; clientSecret: string; redirectUri: string },
  code: string,
): Promise<{ accessToken: string; userId: string }> {
  const body = await api.post('/oauth/access_token', {
    client_id: app.clientId,
    client_secret: app.clientSecret,
    grant_type: 'authorization_code',
    redirect_uri: app.redirectUri,
    code,
  });
  const userId =
    typeof body.user_id === 'number' ? String(body.user_id) : text(body.user_id, 'a user id');
  return { accessToken: text(body.access_token, 'an access token'), userId };
}

/** A short-lived token → a long-lived one (60 days). */
export async function exchangeForLongLived(
  api: ThreadsApi,
  clientSecret: string,
  shortLived: string,
  now: () => number,
): Promise<LongLived> {
  const body = await api.get('/access_token', {
    grant_type: 'th_exchange_token',
    client_secret: clientSecret,
    access_token: shortLived,
  });
  return longLived(body, now());
}

/** A long-lived token at least a day old → a fresh one for another 60 days. */
export async function refreshLongLived(
  api: ThreadsApi,
  token: string,
  now: () => number,
): Promise<LongLived> {
  const body = await api.get('/refresh_access_token', {
    grant_type: 'th_refresh_token',
    access_token: token,
  });
  return longLived(body, now());
}
