// Sorts every failure of an X call into the few kinds the publisher acts on. The line
// that matters most: did the request possibly reach X? If it may have, the outcome is
// `ambiguous` and the caller must look for the post before trying again.
import type { ClientRequest, IncomingHttpHeaders } from 'node:http';
import type { TwitterApiErrorData, TwitterRateLimit } from 'twitter-api-v2';
import { AppFailure } from '../../../../shared/result.ts';

export type XCallOutcome =
  /** X was not reached, or it asked us to come back later; `retryAt` when X said when. */
  | { kind: 'retryable'; reason: string; retryAt: number | null }
  /**
   * No usable tokens: a 401 after a refresh, or none to be had (`reconnect`: the user
   * must connect the account again), or the vault is locked (`reconnect` false).
   */
  | { kind: 'auth'; reason: string; reconnect: boolean }
  /** X refused the request for good; `message` is X's own words. */
  | { kind: 'rejected'; status: number | null; message: string; mediaInvalid: boolean }
  /** 403: the account already posted this text. */
  | { kind: 'duplicate'; message: string }
  /** The request may have reached X and taken effect: a timeout or a lost answer after sending. */
  | { kind: 'ambiguous'; reason: string };

/** Without a reset header, a 429 is retried after X's usual 15-minute window. */
export const defaultRateLimitWaitMs = 15 * 60_000;

// Errors raised before a byte left the machine: nothing can have reached X.
const notSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'ERR_PROXY_CONNECTION_FAILED',
]);

interface ResponseErrorLike {
  type: 'response';
  code: number;
  message: string;
  data: TwitterApiErrorData | undefined;
  headers: IncomingHttpHeaders | undefined;
  rateLimit?: TwitterRateLimit;
}

type SocketError = Error & { code?: string; syscall?: string };

interface RequestErrorLike {
  type: 'request';
  message: string;
  request: ClientRequest | undefined;
  requestError: SocketError | undefined;
  _options?: { error?: SocketError };
}

interface PartialResponseErrorLike {
  type: 'partial-response';
  message: string;
  response: { statusCode?: number } | undefined;
}

// twitter-api-v2 ships a CommonJS and an ESM build, so `instanceof` can miss a class
// from the other build: recognise its errors by their `type` tag instead.
const tagged = (error: unknown, type: string): boolean =>
  error instanceof Error && (error as { type?: unknown }).type === type;

export const isResponseError = (error: unknown): error is Error & ResponseErrorLike =>
  tagged(error, 'response') && typeof (error as { code?: unknown }).code === 'number';
const isRequestError = (error: unknown): error is Error & RequestErrorLike =>
  tagged(error, 'request');
const isPartialResponseError = (error: unknown): error is Error & PartialResponseErrorLike =>
  tagged(error, 'partial-response');

export const isUnauthorized = (error: unknown): boolean =>
  isResponseError(error) && error.code === 401;

// X's `errors` entries: v1 `{ code, message }`, v2 `{ message, parameters }`, or v2
// problem objects `{ title, detail, type }`. Read loosely, field by field.
interface ErrorEntry {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
  parameters?: unknown;
}
const errorList = (error: ResponseErrorLike): ErrorEntry[] =>
  Array.isArray(error.data?.errors) ? error.data.errors : [];

/** X's own explanation from an error body, in the order X makes it most specific. */
export function xErrorMessage(error: ResponseErrorLike): string {
  const data = error.data;
  const specific = errorList(error)
    .map((e) => e.message ?? e.detail)
    .filter((m): m is string => typeof m === 'string' && m.trim() !== '');
  if (specific.length > 0) return [...new Set(specific)].join(' ');
  if (typeof data?.detail === 'string' && data.detail !== '') return data.detail;
  if (typeof data?.title === 'string' && data.title !== '') return data.title;
  if (typeof data?.error === 'string' && data.error !== '') return data.error;
  return `X answered HTTP ${error.code}.`;
}

const allText = (error: ResponseErrorLike): string =>
  [error.data?.detail, error.data?.title, ...errorList(error).map((e) => e.message ?? e.detail)]
    .filter((s): s is string => typeof s === 'string')
    .join(' ');

function isDuplicate(error: ResponseErrorLike): boolean {
  if (error.code !== 403) return false;
  const v1Duplicate = errorList(error).some((e) => e.code === 187);
  return v1Duplicate || /duplicate/i.test(allText(error));
}

// X answers a post naming an unknown or expired media id with 400 "Your media IDs are
// invalid." and the offending parameter `media.media_ids`.
function isMediaInvalid(error: ResponseErrorLike): boolean {
  if (error.code !== 400) return false;
  const params = errorList(error).flatMap((e) =>
    typeof e.parameters === 'object' && e.parameters !== null ? Object.keys(e.parameters) : [],
  );
  return params.some((p) => p.startsWith('media')) || /media/i.test(allText(error));
}

/** When X lets us in again after a 429, in epoch ms. */
export function rateLimitResetAt(error: ResponseErrorLike, now: number): number {
  const resets: number[] = [];
  const limit = error.rateLimit;
  if (limit !== undefined) {
    if (Number.isFinite(limit.reset) && limit.reset > 0) resets.push(limit.reset * 1000);
    for (const window of [limit.day, limit.userDay]) {
      if (window !== undefined && window.remaining === 0 && Number.isFinite(window.reset)) {
        resets.push(window.reset * 1000);
      }
    }
  }
  const retryAfter = Number(error.headers?.['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter > 0) resets.push(now + retryAfter * 1000);
  const latest = Math.max(...resets.filter((t) => t > now));
  return Number.isFinite(latest) ? latest : now + defaultRateLimitWaitMs;
}

// twitter-api-v2 1.29 stores the cause as `error` but reads `requestError`: try both.
const socketError = (error: RequestErrorLike): SocketError | undefined =>
  error.requestError ?? error._options?.error;

/**
 * Whether a request that failed without an answer ever left the machine whole. Node
 * marks a request `writableFinished` once its last byte was handed to the socket; a
 * failure while connecting, or before the body was flushed, cannot have reached X.
 */
function wasSent(error: RequestErrorLike): boolean {
  const cause = socketError(error);
  if (cause?.code !== undefined && notSentCodes.has(cause.code)) return false;
  if (cause?.syscall === 'connect' || cause?.syscall === 'getaddrinfo') return false;
  return error.request?.writableFinished ?? true;
}

/** Classifies anything an X call (through XClients and twitter-api-v2) may throw. */
export function classifyXError(error: unknown, now: number): XCallOutcome {
  if (error instanceof AppFailure) {
    switch (error.error.code) {
      case 'AUTH_EXPIRED':
        return { kind: 'auth', reason: error.message, reconnect: true };
      case 'ENCRYPTION_UNAVAILABLE':
      case 'UNAUTHORIZED':
        return { kind: 'auth', reason: error.message, reconnect: false };
      case 'RATE_LIMITED':
      case 'OFFLINE':
        return { kind: 'retryable', reason: error.message, retryAt: null };
      case 'PLATFORM_REJECTED':
      case 'VALIDATION':
      case 'NOT_FOUND':
        return { kind: 'rejected', status: null, message: error.message, mediaInvalid: false };
      default:
        return { kind: 'retryable', reason: error.message, retryAt: null };
    }
  }
  if (isResponseError(error)) {
    const status = error.code;
    if (status === 401) {
      return { kind: 'auth', reason: `X refused the account's token (401).`, reconnect: true };
    }
    if (status === 429) {
      return {
        kind: 'retryable',
        reason: `X's rate limit was reached (429).`,
        retryAt: rateLimitResetAt(error, now),
      };
    }
    if (status >= 500) {
      return { kind: 'retryable', reason: `X had a server error (${status}).`, retryAt: null };
    }
    if (isDuplicate(error)) return { kind: 'duplicate', message: xErrorMessage(error) };
    return {
      kind: 'rejected',
      status,
      message: xErrorMessage(error),
      mediaInvalid: isMediaInvalid(error),
    };
  }
  if (isRequestError(error)) {
    const cause = socketError(error)?.message ?? error.message;
    if (!wasSent(error)) {
      return { kind: 'retryable', reason: `X could not be reached: ${cause}`, retryAt: null };
    }
    return { kind: 'ambiguous', reason: `No answer from X after sending: ${cause}` };
  }
  if (isPartialResponseError(error)) {
    const status = error.response?.statusCode ?? 0;
    if (status >= 500) {
      return { kind: 'retryable', reason: `X had a server error (${status}).`, retryAt: null };
    }
    return { kind: 'ambiguous', reason: `X's answer was cut off: ${error.message}` };
  }
  // Anything else (a bug, a plugin's error) gives no proof either way.
  const reason = error instanceof Error ? error.message : String(error);
  return { kind: 'ambiguous', reason: `Unexpected error: ${reason}` };
}
