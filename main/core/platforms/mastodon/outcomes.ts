// Sorts every failure of a Mastodon call (masto's, or plain fetch's from http.ts) into the
// few kinds the publisher and the metrics sync act on. The line that matters: could the
// request have reached the instance? Then it is `ambiguous` and is looked up before any
// resend (a resend within the hour is safe anyway: it carries the same Idempotency-Key).
import {
  MastoDeserializeError,
  MastoHttpError,
  MastoTimeoutError,
  MastoUnexpectedError,
} from 'masto';
import { AppFailure } from '../../../../shared/result.ts';
import type { CallOutcome } from '../port.ts';

/** Without a reset header, a 429 is retried after Mastodon's usual 5-minute window. */
export const defaultRateLimitWaitMs = 5 * 60_000;

// Socket errors raised before a byte left the machine: nothing can have reached the instance.
const notSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

type Cause = { code?: unknown; syscall?: unknown; message?: unknown } | undefined;

/** fetch (undici) fails with TypeError('fetch failed') and the socket error as its cause. */
const isFetchFailure = (error: unknown): error is TypeError & { cause: Cause } =>
  error instanceof TypeError && error.message === 'fetch failed';

/**
 * masto 8 cannot read an HTML error page (nginx's 502/503/504 in front of Mastodon): it
 * throws a TypeError from destructuring the missing body, and the status is lost. Only a
 * failed answer reaches that code, so it means "the instance answered with an error page".
 */
const isMastoHtmlError = (error: unknown): boolean =>
  error instanceof TypeError && error.cause === undefined && /destructure/i.test(error.message);

function wasSent(cause: Cause): boolean {
  if (typeof cause?.code === 'string' && notSentCodes.has(cause.code)) return false;
  return cause?.syscall !== 'connect' && cause?.syscall !== 'getaddrinfo';
}

const headersOf = (error: MastoHttpError): Headers | undefined => {
  const cause = error.cause as { headers?: unknown } | undefined;
  return cause?.headers instanceof Headers ? cause.headers : undefined;
};

/** When the instance lets us in again: X-RateLimit-Reset is an ISO 8601 time. */
export function rateLimitResetAt(error: MastoHttpError, now: number): number {
  const reset = Date.parse(headersOf(error)?.get('x-ratelimit-reset') ?? '');
  return Number.isFinite(reset) && reset > now ? reset : now + defaultRateLimitWaitMs;
}

/** The instance's own words, as the user should read them. */
export function mastodonMessage(error: MastoHttpError): string {
  const words = [error.message, error.description].filter(
    (m): m is string => typeof m === 'string' && m.trim() !== '',
  );
  return words.length > 0
    ? words.join(': ')
    : `Mastodon answered HTTP ${String(error.statusCode)}.`;
}

// "Media 1, 2 not found or already attached to another post": the uploads are spent.
const mediaGone = /media .*(not found|already attached)/i;

function classifyHttp(error: MastoHttpError, now: number): CallOutcome {
  const status = error.statusCode;
  const message = mastodonMessage(error);
  if (status === 401) {
    return {
      kind: 'auth',
      reason: `The instance refused the account's token (401: ${message}).`,
      reconnect: true,
    };
  }
  // A token without the scopes Starling needs: only connecting again grants them.
  if (status === 403 && /scope/i.test(message)) {
    return { kind: 'auth', reason: `The token lacks a permission (${message}).`, reconnect: true };
  }
  if (status === 429) {
    return {
      kind: 'retryable',
      reason: `The instance's rate limit was reached (429).`,
      retryAt: rateLimitResetAt(error, now),
    };
  }
  if (status >= 500 || status === 408) {
    return {
      kind: 'retryable',
      reason: `The instance had a server error (${status}).`,
      retryAt: null,
    };
  }
  if (status === 422 && /not finished processing/i.test(message)) {
    return { kind: 'retryable', reason: message, retryAt: null };
  }
  return {
    kind: 'rejected',
    status,
    message,
    mediaInvalid: status === 422 && mediaGone.test(message),
  };
}

/** Classifies anything a Mastodon call may throw (see [Note: platform port]). */
export function classifyMastodonError(error: unknown, now: number): CallOutcome {
  if (error instanceof AppFailure) {
    switch (error.error.code) {
      case 'AUTH_EXPIRED':
        return { kind: 'auth', reason: error.message, reconnect: true };
      case 'ENCRYPTION_UNAVAILABLE':
      case 'UNAUTHORIZED':
        return { kind: 'auth', reason: error.message, reconnect: false };
      case 'PLATFORM_REJECTED':
      case 'VALIDATION':
      case 'NOT_FOUND':
        return { kind: 'rejected', status: null, message: error.message, mediaInvalid: false };
      default:
        return { kind: 'retryable', reason: error.message, retryAt: null };
    }
  }
  if (error instanceof MastoHttpError) return classifyHttp(error, now);
  if (isMastoHtmlError(error)) {
    return {
      kind: 'retryable',
      reason: 'The instance answered with an error page (a gateway error such as 502 or 503).',
      retryAt: null,
    };
  }
  // masto throws this for a failed answer it cannot decode: an error, not a success.
  if (error instanceof MastoUnexpectedError && /may be down/i.test(error.message)) {
    return {
      kind: 'retryable',
      reason: `The instance seems down: ${error.message}`,
      retryAt: null,
    };
  }
  if (isFetchFailure(error)) {
    const cause = typeof error.cause?.message === 'string' ? error.cause.message : error.message;
    if (!wasSent(error.cause)) {
      return {
        kind: 'retryable',
        reason: `The instance could not be reached: ${cause}`,
        retryAt: null,
      };
    }
    return { kind: 'ambiguous', reason: `No answer from the instance after sending: ${cause}` };
  }
  if (error instanceof MastoTimeoutError) {
    return { kind: 'ambiguous', reason: `The instance did not answer in time: ${error.message}` };
  }
  if (error instanceof MastoDeserializeError) {
    return {
      kind: 'ambiguous',
      reason: `The instance's answer could not be read: ${error.message}`,
    };
  }
  // Anything else (a bug, a cut-off answer) gives no proof either way.
  const reason = error instanceof Error ? error.message : String(error);
  return { kind: 'ambiguous', reason: `Unexpected error: ${reason}` };
}
