// Reading a failed Bluesky call: the XRPC answer (status, error name, the server's words),
// whether a request without an answer can have reached the server, and the AppFailure to
// report for calls outside publishing (sign-in, refresh). Nothing here quotes a token.
import type { XRPCError } from '@atproto/api';
import { AppFailure, failure } from '../../../../shared/result.ts';

// Errors raised before a byte left the machine: nothing can have reached the server.
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
]);

/** `error` and the errors behind it (fetch wraps the socket's error; XRPC wraps fetch's). */
export function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 8) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

const field = (error: unknown, name: string): unknown =>
  typeof error === 'object' && error !== null
    ? (error as Record<string, unknown>)[name]
    : undefined;

/** An AppFailure thrown inside a call (a refused refresh, a locked vault). */
export const appFailureIn = (error: unknown): AppFailure | undefined =>
  causes(error).find((e): e is AppFailure => e instanceof AppFailure);

/** What the server answered to a failed call. */
export interface Answer {
  status: number;
  /** The XRPC error name (ExpiredToken, RecordNotFound …) or the status's generic one. */
  name: string;
  message: string;
  headers: Record<string, string | undefined>;
}

/**
 * Whether `error` is @atproto/xrpc's XRPCError, by its shape: this file is loaded with
 * the core, @atproto/api only once Bluesky is used (see platform.ts).
 */
export function isXrpcError(error: unknown): error is XRPCError {
  if (!(error instanceof Error)) return false;
  const { status, success } = error as Partial<Record<'status' | 'success', unknown>>;
  return typeof status === 'number' && success === false;
}

/** An XRPC error's status as a plain number: 1 no answer, 2 an unreadable one, else HTTP. */
export const xrpcStatus = (error: XRPCError): number => error.status;

/** The server's answer, when there was one. */
export function answered(error: unknown): Answer | undefined {
  if (!isXrpcError(error) || xrpcStatus(error) < 100) return undefined;
  return {
    status: xrpcStatus(error),
    name: error.error,
    message: error.message,
    headers: error.headers ?? {},
  };
}

/** True when the request gave up waiting (our timeout) rather than losing the connection. */
export const timedOut = (error: unknown): boolean =>
  causes(error).some((e) => field(e, 'name') === 'TimeoutError');

/** True when the request surely never left the machine (refused, unresolvable, no route). */
export function neverSent(error: unknown): boolean {
  return causes(error).some((e) => {
    const code = field(e, 'code');
    const syscall = field(e, 'syscall');
    return (
      (typeof code === 'string' && notSentCodes.has(code)) ||
      syscall === 'connect' ||
      syscall === 'getaddrinfo'
    );
  });
}

/** The server's own words for an answer, e.g. "ExpiredToken: Token has expired". */
export function serverWords(answer: Answer): string {
  const { name, message } = answer;
  if (name === '' || message === name) return message;
  return `${name}: ${message}`;
}

/** A failed call in a few words for logs and messages, without anything from the request. */
export function errorSummary(error: unknown): string {
  const failed = appFailureIn(error);
  if (failed !== undefined) return failed.message;
  const xrpc = answered(error);
  if (xrpc !== undefined) return `HTTP ${xrpc.status}: ${serverWords(xrpc)}`;
  if (timedOut(error)) return 'no answer in time';
  if (neverSent(error)) return 'no connection';
  return isXrpcError(error) || error instanceof TypeError
    ? 'the connection was lost'
    : error instanceof Error
      ? error.message
      : String(error);
}

/** Epoch ms of a 429's `ratelimit-reset` (epoch seconds), when it lies ahead. */
export function rateLimitReset(answer: Answer, now: number): number | null {
  const header = answer.headers['ratelimit-reset'];
  const seconds = Number(header);
  if (header === undefined || !Number.isFinite(seconds)) return null;
  const at = seconds * 1000;
  return at > now ? at : null;
}

/**
 * A failed call as an AppFailure: network trouble and 5xx OFFLINE (retryable), 429
 * RATE_LIMITED with its reset, other refusals PLATFORM_REJECTED. `doing` completes
 * "… while <doing>".
 */
export function callFailure(error: unknown, doing: string, now: number): AppFailure {
  const inner = appFailureIn(error);
  if (inner !== undefined) return inner;
  const summary = errorSummary(error);
  const xrpc = answered(error);
  if (xrpc?.status === 429) {
    const resetAt = rateLimitReset(xrpc, now);
    return failure('RATE_LIMITED', `Bluesky is limiting requests (${doing}); try again later.`, {
      retryable: true,
      ...(resetAt !== null && { details: { resetAt } }),
    });
  }
  if (xrpc !== undefined && xrpc.status < 500) {
    return failure('PLATFORM_REJECTED', `Bluesky refused the request while ${doing} (${summary}).`);
  }
  const where = xrpc === undefined ? 'Could not reach Bluesky' : 'Bluesky had a problem';
  return failure('OFFLINE', `${where} while ${doing} (${summary}). Try again.`, {
    retryable: true,
  });
}
