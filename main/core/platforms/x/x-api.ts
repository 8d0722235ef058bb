// Builds twitter-api-v2 clients the one permitted way (see [Note: X clients]), and turns
// the library's errors into AppFailures whose messages never carry a token.
// [Note: X request timeout] twitter-api-v2 1.29 has no client-wide timeout, only a
// per-call `timeout` argument that it hands to http.request (Node's socket inactivity
// timeout) and answers with 'Request timeout.' by destroying the request. A client
// plugin fills that argument in for every call that did not set its own, so calls made
// inside the library (token exchange, uploads, users/me) are covered too.
import {
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
  TwitterApi,
  type ITwitterApiClientPlugin,
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

export function createXApi(route: XRoute, auth: XAuth, timeoutMs: number): TwitterApi {
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
  error instanceof ApiRequestError && requestErrorCause(error)?.message === 'Request timeout.';

/** X's own words for a failed call, without anything from the request. */
export function xErrorSummary(error: unknown): string {
  if (error instanceof ApiResponseError) {
    const data = error.data as
      | { error?: unknown; error_description?: unknown; title?: unknown; detail?: unknown }
      | undefined;
    const words = [data?.error, data?.error_description, data?.title, data?.detail].filter(
      (w): w is string => typeof w === 'string' && w !== '',
    );
    return `HTTP ${String(error.code)}${words.length > 0 ? `: ${words.join(' - ')}` : ''}`;
  }
  if (error instanceof ApiPartialResponseError) return 'the response was cut off';
  if (error instanceof ApiRequestError)
    return isXTimeout(error) ? 'no answer in time' : 'no connection';
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
  if (error instanceof ApiResponseError) {
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
