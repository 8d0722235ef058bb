// Builds twitter-api-v2 clients the one permitted way (see [Note: X clients]), and turns
// the library's errors into AppFailures whose messages never carry a token.
// [Note: X request timeout] twitter-api-v2 1.29 has no client-wide timeout, only a
// per-call `timeout` argument that it hands to http.request (Node's socket inactivity
// timeout) and answers with 'Request timeout.' by destroying the request. A client
// plugin fills that argument in for every call that did not set its own, so calls made
// inside the library (token exchange, uploads, users/me) are covered too.
// [Note: X library loaded on first use] twitter-api-v2 is imported when the first client is
// built, not with the core: a command that never calls X (`starling clients list`) does not
// load it. Its error classes are read from the loaded module; before it is loaded, no error
// can have come from it.
import type {
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
  ITwitterApiClientPlugin,
  TwitterApi,
} from 'twitter-api-v2';
import { AppFailure, failure } from '../../../../shared/result.ts';
import type { XRoute } from './x-agent.ts';

export type XAppAuth =
  | { clientId: string }
  | { appKey: string; appSecret: string; accessToken?: string; accessSecret?: string };

export type XAuth = XAppAuth | { bearerToken: string } | undefined;

export function timeoutPlugin(timeoutMs: number): ITwitterApiClientPlugin {
  return {
    onBeforeRequest({ requestOptions }) {
      requestOptions.timeout ??= timeoutMs;
    },
  };
}

const importLib = () => import('twitter-api-v2');
let lib: Awaited<ReturnType<typeof importLib>> | undefined;

async function loadLib(): Promise<NonNullable<typeof lib>> {
  lib ??= await importLib();
  return lib;
}

/** The library's ApiResponseError (X answered with an error status). */
export const isXResponseError = (error: unknown): error is ApiResponseError =>
  lib !== undefined && error instanceof lib.ApiResponseError;

const isRequestError = (error: unknown): error is ApiRequestError =>
  lib !== undefined && error instanceof lib.ApiRequestError;

const isPartialResponseError = (error: unknown): error is ApiPartialResponseError =>
  lib !== undefined && error instanceof lib.ApiPartialResponseError;

export async function createXApi(
  route: XRoute,
  auth: XAuth,
  timeoutMs: number,
): Promise<TwitterApi> {
  const { TwitterApi } = await loadLib();
  const settings = { httpAgent: route.agent, plugins: [timeoutPlugin(timeoutMs)] };
  if (auth === undefined) return new TwitterApi(undefined, settings);
  if ('bearerToken' in auth) return new TwitterApi(auth.bearerToken, settings);
  // Two calls, so each argument type meets its own constructor overload.
  if ('clientId' in auth) return new TwitterApi(auth, settings);
  return new TwitterApi(auth, settings);
}

/**
 * The network error behind an ApiRequestError ('Request timeout.' for our timeout).
 * twitter-api-v2 1.29.1 stores it as `error` but its `requestError` getter reads
 * `requestError`, so the getter is always undefined; both are tried.
 */
export function requestErrorCause(error: ApiRequestError): Error | undefined {
  const options = (error as unknown as { _options?: { error?: unknown } })._options;
  const cause = (error.requestError as Error | undefined) ?? options?.error;
  return cause instanceof Error ? cause : undefined;
}

/** True when the call failed because X did not answer within the request timeout. */
export const isXTimeout = (error: unknown): boolean =>
  isRequestError(error) && requestErrorCause(error)?.message === 'Request timeout.';

/** X's own words for a failed call, without anything from the request. */
export function xErrorSummary(error: unknown): string {
  if (isXResponseError(error)) {
    const data = error.data as
      | { error?: unknown; error_description?: unknown; title?: unknown; detail?: unknown }
      | undefined;
    const words = [data?.error, data?.error_description, data?.title, data?.detail].filter(
      (w): w is string => typeof w === 'string' && w !== '',
    );
    return `HTTP ${String(error.code)}${words.length > 0 ? `: ${words.join(' - ')}` : ''}`;
  }
  if (isPartialResponseError(error)) return 'the response was cut off';
  if (isRequestError(error)) return isXTimeout(error) ? 'no answer in time' : 'no connection';
  return error instanceof Error ? error.name : 'unknown error';
}

/**
 * A failed call as an AppFailure: network trouble and 5xx are OFFLINE and retryable,
 * 429 RATE_LIMITED with its reset time, other 4xx PLATFORM_REJECTED. `doing` completes
 * "X could not …" in the message.
 */
export function xCallFailure(error: unknown, doing: string): AppFailure {
  if (error instanceof AppFailure) return error;
  const summary = xErrorSummary(error);
  if (isXResponseError(error)) {
    if (error.code === 429) {
      const reset = error.rateLimit?.reset;
      return failure('RATE_LIMITED', `X is rate-limiting requests (${doing}); try again later.`, {
        retryable: true,
        ...(reset !== undefined && { details: { resetAt: reset * 1000 } }),
      });
    }
    if (error.code >= 500) {
      return failure('OFFLINE', `X had a problem while ${doing} (${summary}). Try again.`, {
        retryable: true,
      });
    }
    return failure('PLATFORM_REJECTED', `X refused the request while ${doing} (${summary}).`, {
      retryable: false,
    });
  }
  return failure(
    'OFFLINE',
    `Could not reach X while ${doing} (${summary}). Check the connection and try again.`,
    {
      retryable: true,
    },
  );
}
