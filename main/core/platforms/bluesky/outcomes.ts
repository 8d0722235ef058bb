// Sorts every failure of a Bluesky call into the few kinds the publisher and the metric
// sync act on. The line that matters most: may the request have reached the PDS? A post's
// createRecord that may have (no answer, a timeout, a 5xx — the PDS answers a second
// create under the same record key with 500) is `ambiguous`, and the publisher looks the
// record up by its key before anything is sent again.
import { AppFailure } from '../../../../shared/result.ts';
import type { CallOutcome } from '../port.ts';
import {
  answered,
  appFailureIn,
  errorSummary,
  isXrpcError,
  neverSent,
  rateLimitReset,
  serverWords,
  timedOut,
  xrpcStatus,
  type Answer,
} from './errors.ts';

/** A failed createRecord of a post: thrown by `send` so `classify` knows a write was tried. */
export class RecordWriteError extends Error {
  constructor(cause: unknown) {
    super(errorSummary(cause), { cause });
    this.name = 'RecordWriteError';
  }
}

// The PDS's names for a session it no longer takes (after a refresh was tried).
const authErrors = new Set([
  'ExpiredToken',
  'InvalidToken',
  'AuthMissing',
  'AuthenticationRequired',
]);
// The account itself cannot act: reconnecting (after the user sorts it out) is the way back.
const accountErrors = new Set(['AccountTakedown', 'AccountDeactivated', 'AccountSuspended']);

function fromAppFailure(error: AppFailure): CallOutcome {
  switch (error.error.code) {
    case 'AUTH_EXPIRED':
      return { kind: 'auth', reason: error.message, reconnect: true };
    case 'ENCRYPTION_UNAVAILABLE':
    case 'UNAUTHORIZED':
      return { kind: 'auth', reason: error.message, reconnect: false };
    case 'RATE_LIMITED': {
      const resetAt = error.error.details?.resetAt;
      return {
        kind: 'retryable',
        reason: error.message,
        retryAt: typeof resetAt === 'number' ? resetAt : null,
      };
    }
    case 'PLATFORM_REJECTED':
    case 'VALIDATION':
    case 'NOT_FOUND':
      return { kind: 'rejected', status: null, message: error.message, mediaInvalid: false };
    default:
      return { kind: 'retryable', reason: error.message, retryAt: null };
  }
}

function fromAnswer(answer: Answer, now: number, write: boolean): CallOutcome {
  const { status, name } = answer;
  const words = serverWords(answer);
  if (status === 429) {
    return {
      kind: 'retryable',
      reason: `Bluesky's rate limit was reached (429).`,
      retryAt: rateLimitReset(answer, now),
    };
  }
  if (status >= 500) {
    // A 5xx from createRecord may mean the record exists (a second create of its key).
    return write
      ? { kind: 'ambiguous', reason: `Bluesky answered ${status} to the post (${words}).` }
      : {
          kind: 'retryable',
          reason: `Bluesky had a server error (${status}: ${words}).`,
          retryAt: null,
        };
  }
  if (status === 401 || authErrors.has(name) || accountErrors.has(name)) {
    return {
      kind: 'auth',
      reason: `Bluesky refused the account's session (${words}).`,
      reconnect: true,
    };
  }
  return {
    kind: 'rejected',
    status,
    message: answer.message,
    // The PDS dropped an uploaded blob before the post named it: upload again, once.
    mediaInvalid: name === 'BlobNotFound',
  };
}

/** Classifies anything a Bluesky call (through the account's agent) may throw. */
export function classifyBlueskyError(error: unknown, now: number): CallOutcome {
  const write = error instanceof RecordWriteError;
  const cause = write ? error.cause : error;
  // A refused refresh or a locked vault stops a call before its request is sent.
  const failed = appFailureIn(cause);
  if (failed !== undefined) return fromAppFailure(failed);
  const xrpc = answered(cause);
  if (xrpc !== undefined) return fromAnswer(xrpc, now, write);
  const summary = errorSummary(cause);
  if (neverSent(cause)) {
    return {
      kind: 'retryable',
      reason: `Bluesky could not be reached (${summary}).`,
      retryAt: null,
    };
  }
  if (isXrpcError(cause) && xrpcStatus(cause) === 2 && !write) {
    return {
      kind: 'retryable',
      reason: `Bluesky gave an answer Starling cannot read.`,
      retryAt: null,
    };
  }
  const how = timedOut(cause) ? 'no answer in time' : summary;
  return { kind: 'ambiguous', reason: `No answer from Bluesky after sending (${how}).` };
}
