// The XClients port (x-clients.ts) over the credential store. [Note: token refresh]
// OAuth 2 access tokens last 2 h and each refresh token works once, so a refresh is
// single-flight per account across every process on the data folder (the refresh gate,
// [Note: refresh leases] in vault/refresh-gate.ts), re-reads the stored pair first
// (another caller or process may have refreshed already), and commits the new pair before
// any client uses it. A refresh X refuses (revoked, reused, invalid grant) is checked
// against the stored pair once more: if someone else rotated it meanwhile, theirs is used;
// only a stored pair X refuses marks the account needs_reauth (said with account:saved).
// Network trouble does not, it is retryable. OAuth 1.0a tokens are never refreshed.
import type { TwitterApi } from 'twitter-api-v2';
import type { SocialAccount } from '../../../../shared/accounts.ts';
import { failure, type AppFailure } from '../../../../shared/result.ts';
import type { EventBus } from '../../events.ts';
import type { Clock, Logger } from '../../ports.ts';
import type { AccountsService } from '../../services/accounts.ts';
import type { CredentialStore } from '../../vault/credential-store.ts';
import type { RefreshGate } from '../../vault/refresh-gate.ts';
import { xCredentials, type XCredentials, type XOAuth2Credentials } from './x-credentials.ts';
import { markNeedsReconnect } from '../needs-reconnect.ts';
import type { XRoute } from './x-agent.ts';
import { classifyXError } from './outcomes.ts';
import { createXApi, isXResponseError, xCallFailure, xErrorSummary } from './x-api.ts';
import { xRequestTimeoutMs, type XClients } from './x-clients.ts';

/** Refresh when less than this is left, so a call never starts with a dying token. */
export const refreshMarginMs = 5 * 60_000;

export interface XClientsDeps {
  route: XRoute;
  credentials: CredentialStore;
  refreshGate: RefreshGate;
  accounts: Pick<AccountsService, 'find' | 'markNeedsReauth'>;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  timeoutMs?: number;
}

const reconnectMessage = (account: SocialAccount, why: string) =>
  `X no longer accepts Starling's access to @${account.handle} (${why}). ` +
  'Reconnect the account (Clients → Connect X) to resume posting.';

export function createXClients(deps: XClientsDeps): XClients {
  const { route, credentials, refreshGate, accounts, events, clock, logger } = deps;
  const timeoutMs = deps.timeoutMs ?? xRequestTimeoutMs;
  // Accounts whose last refresh may have reached X without its answer coming back: X
  // then rotated the token and the new pair is lost, which only a reconnect mends.
  const unanswered = new Set<string>();

  const app: XClients['app'] = (auth) => createXApi(route, auth, timeoutMs);

  const clientFor = (c: XCredentials): Promise<TwitterApi> =>
    c.kind === 'oauth1'
      ? createXApi(
          route,
          {
            appKey: c.appKey,
            appSecret: c.appSecret,
            accessToken: c.accessToken,
            accessSecret: c.accessSecret,
          },
          timeoutMs,
        )
      : createXApi(route, { bearerToken: c.accessToken }, timeoutMs);

  async function expire(account: SocialAccount, why: string): Promise<AppFailure> {
    await markNeedsReconnect({ accounts, events, logger }, account.id, 'X', why);
    return failure('AUTH_EXPIRED', reconnectMessage(account, why), {
      retryable: false,
      details: { accountId: account.id },
    });
  }

  async function activeAccount(accountId: string): Promise<SocialAccount> {
    const account = await accounts.find(accountId);
    if (account === null) throw failure('NOT_FOUND', `No account has the id ${accountId}.`);
    if (account.status !== 'active') {
      throw failure(
        'AUTH_EXPIRED',
        `@${account.handle} must be reconnected before Starling can use it (Clients → Connect X).`,
        { retryable: false, details: { accountId } },
      );
    }
    return account;
  }

  async function stored(account: SocialAccount): Promise<XCredentials> {
    const c = await credentials.read(account.id, xCredentials);
    if (c === null) throw await expire(account, 'no tokens are stored for it');
    return c;
  }

  /** X's answer means the grant is gone (not a passing problem): reconnecting is the fix. */
  const grantRefused = (error: unknown) =>
    isXResponseError(error) && error.code >= 400 && error.code < 500 && error.code !== 429;

  async function refresh(
    account: SocialAccount,
    stillNeeded: (current: XOAuth2Credentials) => boolean,
  ): Promise<XOAuth2Credentials> {
    const current = await stored(account);
    if (current.kind !== 'oauth2') throw new Error('OAuth 1.0a tokens are never refreshed');
    if (!stillNeeded(current)) return current;
    if (current.refreshToken === null) {
      throw await expire(account, 'the access token expired and no refresh token was granted');
    }
    let result: Awaited<ReturnType<TwitterApi['refreshOAuth2Token']>>;
    try {
      const client = await app({ clientId: current.clientId });
      result = await client.refreshOAuth2Token(current.refreshToken);
    } catch (error) {
      if (!grantRefused(error)) {
        if (classifyXError(error, clock.now()).kind === 'ambiguous') unanswered.add(account.id);
        throw xCallFailure(error, `refreshing the access token of @${account.handle}`);
      }
      // Rotated by a process that did not wait for the lease (its lease ran out): use theirs.
      const now = await stored(account);
      if (now.kind === 'oauth2' && now.refreshToken !== current.refreshToken) return now;
      throw await expire(
        account,
        unanswered.delete(account.id)
          ? 'the answer to an earlier refresh was lost on its way back, after X had already replaced the tokens'
          : `refresh refused: ${xErrorSummary(error)}`,
      );
    }
    unanswered.delete(account.id);
    const next: XOAuth2Credentials = {
      ...current,
      accessToken: result.accessToken,
      // X rotates the refresh token on every use; keep the old one only if none came back.
      refreshToken: result.refreshToken ?? current.refreshToken,
      expiresAt: clock.now() + result.expiresIn * 1000,
      scope: result.scope.join(' '),
    };
    // Committed before anyone uses the new access token: the old refresh token is spent.
    await credentials.write(account.id, next);
    logger.info('access token refreshed', { accountId: account.id });
    return next;
  }

  const refreshOnce = (
    account: SocialAccount,
    stillNeeded: (current: XOAuth2Credentials) => boolean,
  ): Promise<XOAuth2Credentials> =>
    refreshGate.run(account.id, () => refresh(account, stillNeeded));

  const expiring = (c: XOAuth2Credentials) => c.expiresAt - clock.now() < refreshMarginMs;

  return {
    app,

    async forAccount(accountId) {
      const account = await activeAccount(accountId);
      const current = await stored(account);
      if (current.kind === 'oauth1' || !expiring(current)) return clientFor(current);
      return clientFor(await refreshOnce(account, expiring));
    },

    async afterUnauthorized(accountId, rejected) {
      const account = await activeAccount(accountId);
      const current = await stored(account);
      if (current.kind === 'oauth1') throw await expire(account, 'X answered 401 Unauthorized');
      const used = rejected?.getActiveTokens();
      const rejectedToken = used?.type === 'oauth2' ? used.bearerToken : undefined;
      // Only the token X refused needs replacing; a newer one stored meanwhile is used as is.
      return clientFor(
        await refreshOnce(
          account,
          (c) => rejectedToken === undefined || c.accessToken === rejectedToken,
        ),
      );
    },
  };
}
