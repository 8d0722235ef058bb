// Sorts every failure of a Threads call into the few kinds the publisher and the metrics
// sync act on. The line that matters: could a publish have reached Threads? Then it is
// `ambiguous`, and the part is looked up among the account's threads before anything is
// published again (reconcile.ts).
import { AppFailure } from '../../../../shared/result.ts';
import type { CallOutcome } from '../port.ts';
import { ThreadsHttpError } from './api.ts';
import { isThreadsNoAnswer } from './http.ts';

/** A publish whose answer was lost or was a server error: the post may be out. */
export class ThreadsMaybePublished extends Error {
  override readonly name = 'ThreadsMaybePublished';
}

/** A limit Threads counts (posts or replies a day) that is used up until `retryAt`. */
export class ThreadsQuotaUsed extends Error {
  override readonly name = 'ThreadsQuotaUsed';
  readonly retryAt: number;
  constructor(message: string, retryAt: number) {
    super(message);
    this.retryAt = retryAt;
  }
}

/** Graph's rate-limit codes: app, user, page and API-specific call limits. */
const rateLimitCodes = new Set([4, 17, 32, 613]);
/** Graph says nothing of when a call limit resets; the app usage window is an hour. */
const rateLimitWaitMs = 15 * 60_000;

/** Why Threads refused a token, in words for the user. */
export function tokenRefusal(error: ThreadsHttpError): string {
  // Graph's subcodes: 463 expired, 460 password changed, 458 app removed by the user.
  switch (error.subcode) {
    case 463:
      return 'its Threads sign-in ran out (Threads sign-ins last 60 days unless renewed)';
    case 458:
    case 460:
      return 'Starling’s access was removed on Threads (or the password changed)';
    default:
      return `Threads no longer accepts its sign-in (${error.message})`;
  }
}

function classifyHttp(error: ThreadsHttpError, now: number): CallOutcome {
  if (error.code === 190 || error.status === 401) {
    return { kind: 'auth', reason: tokenRefusal(error), reconnect: true };
  }
  if (error.status === 429 || (error.code !== null && rateLimitCodes.has(error.code))) {
    return {
      kind: 'retryable',
      reason: `Threads' rate limit was reached (${error.message}).`,
      retryAt: now + rateLimitWaitMs,
    };
  }
  if (error.status >= 500 || error.status === 408) {
    return {
      kind: 'retryable',
      reason: `Threads had a server error (${String(error.status)}).`,
      retryAt: null,
    };
  }
  return {
    kind: 'rejected',
    status: error.status,
    message: error.code === null ? error.message : `${error.message} (code ${String(error.code)})`,
    mediaInvalid: false,
  };
}

/** Classifies anything a Threads call may throw (see [Note: platform port]). */
export function classifyThreadsError(error: unknown, now: number): CallOutcome {
  if (error instanceof ThreadsMaybePublished) {
    return { kind: 'ambiguous', reason: error.message };
  }
  if (error instanceof ThreadsQuotaUsed) {
    return { kind: 'retryable', reason: error.message, retryAt: error.retryAt };
  }
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
        return {
          kind: 'retryable',
          reason: error.message,
          retryAt: null,
        };
    }
  }
  if (error instanceof ThreadsHttpError) return classifyHttp(error, now);
  if (isThreadsNoAnswer(error)) {
    return error.sent
      ? { kind: 'ambiguous', reason: `Threads did not answer (${error.message}).` }
      : {
          kind: 'retryable',
          reason: `Threads could not be reached (${error.message}).`,
          retryAt: null,
        };
  }
  return {
    kind: 'retryable',
    reason: error instanceof Error ? error.message : 'Threads call failed.',
    retryAt: null,
  };
}
