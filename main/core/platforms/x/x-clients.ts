// [Note: X clients] The one way code gets a twitter-api-v2 client. Every client, also
// the ones built for login and token refresh, goes through the same routing agent
// (x-agent.ts) and the same request timeout. Account clients come with fresh tokens:
// refreshed shortly before expiry and after a 401, one refresh at a time per account,
// the new pair committed before use (X's refresh tokens are single-use).
import type { TwitterApi } from 'twitter-api-v2';
import type { XAppAuth } from './x-api.ts';

export const xRequestTimeoutMs = 30_000;

export interface XClients {
  /**
   * A client for app-level calls (login, token exchange, revocation), routed and with
   * the timeout. OAuth 1.0a request tokens may be passed as accessToken/accessSecret.
   */
  app(auth?: XAppAuth): Promise<TwitterApi>;
  /**
   * A client authenticated as the account, its token refreshed first if it expires
   * within a few minutes. Throws AppFailure AUTH_EXPIRED (and marks the account
   * needs_reauth) when no valid token can be had; OFFLINE or RATE_LIMITED (retryable)
   * when X could not be asked.
   */
  forAccount(accountId: string): Promise<TwitterApi>;
  /**
   * Call after X answered 401 with the client from forAccount: refreshes once (shared
   * with any refresh already running for the account) and returns a new client, or
   * throws AUTH_EXPIRED and marks the account needs_reauth. Pass the client that got
   * the 401 so that a refresh another caller already made is not repeated.
   */
  afterUnauthorized(accountId: string, rejected?: TwitterApi): Promise<TwitterApi>;
}
