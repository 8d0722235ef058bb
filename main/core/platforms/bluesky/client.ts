// How Starling reaches a Bluesky server: the service URL check (https://, or http:// on
// loopback only), a fetch with a request timeout, and agents with or without a session.
import { Agent } from '@atproto/api';
import { failure } from '../../../../shared/result.ts';
import type { SessionManager } from './session-manager.ts';

export const defaultServiceUrl = 'https://bsky.social';

const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

export const isLoopbackUrl = (url: string): boolean =>
  loopbackHosts.has(new URL(url).hostname.toLowerCase());

/**
 * The server's origin (scheme, host, port) when it may be used: https://, or http:// on
 * this machine only (a test PDS); throws VALIDATION in words a person can act on.
 */
export function checkServiceUrl(url: string): string {
  const address = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(address);
  } catch {
    throw failure(
      'VALIDATION',
      `"${address}" is not a web address. Use e.g. ${defaultServiceUrl}.`,
    );
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw failure('VALIDATION', 'The server address must not contain a user name or password.');
  }
  const loopback = loopbackHosts.has(parsed.hostname.toLowerCase());
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback)) {
    return parsed.origin;
  }
  if (parsed.protocol === 'http:') {
    throw failure(
      'VALIDATION',
      `${parsed.host} must be reached over https:// (plain http:// is accepted only for a ` +
        `server on this computer). Use https://${parsed.host}.`,
    );
  }
  throw failure('VALIDATION', `The server address must start with https:// (got ${address}).`);
}

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
