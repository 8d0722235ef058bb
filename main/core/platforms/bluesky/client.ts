// How Starling reaches a Bluesky server: the service URL check (https://, or http:// on
// loopback only), a fetch with a request timeout, and agents with or without a session.
import { Agent } from '@atproto/api';
import { checkServerAddress, isLoopbackUrl as isLoopback } from '../server-address.ts';
import type { SessionManager } from './session-manager.ts';

export const defaultServiceUrl = 'https://bsky.social';

export const isLoopbackUrl = (url: string): boolean => isLoopback(new URL(url));

/** The server's origin when it may be used; see [Note: server addresses]. */
export const checkServiceUrl = (url: string): string =>
  checkServerAddress(url, 'server', defaultServiceUrl);

/** fetch that gives up after `timeoutMs` (also while reading the body). */
export function timedFetch(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    // A Request carries its caller's signal; passing ours in `init` would replace it.
    const given = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const signal = given ? AbortSignal.any([given, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
}

/** An agent without a session (sign-in, refresh, sign-out, the video service's job status). */
export function publicAgent(serviceUrl: string, timeoutMs: number): Agent {
  return new Agent({ service: serviceUrl, fetch: timedFetch(timeoutMs) });
}

/** An agent whose every request goes through `session` (its tokens, refreshes and timeout). */
export const sessionAgent = (session: SessionManager): Agent => new Agent(session);
