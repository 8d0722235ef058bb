// Calling an instance as one account: its token from the vault and a masto client for its
// instance. Mastodon tokens never expire and cannot be refreshed, so a 401 means the user
// revoked Starling: the account is marked needs_reauth at once (and the UI told), and the
// error goes on to the caller's classifier.
import { createRestAPIClient, MastoHttpError, type mastodon } from 'masto';
import { failure } from '../../../../shared/result.ts';
import type { PlatformAccount } from '../port.ts';
import type { PlatformDeps } from '../registry.ts';
import { markNeedsReconnect } from '../needs-reconnect.ts';
import { mastodonCredentials } from './settings.ts';

export interface Session {
  origin: string;
  /** The account's id on its instance (platformUserId is `${id}@${host}`). */
  accountId: string;
  /**
   * Runs one or more calls with the account's client; a 401 marks the account.
   * `timeoutMs` replaces the usual request timeout (a large upload needs longer).
   */
  call<T>(
    fn: (masto: mastodon.rest.Client) => Promise<T>,
    options?: { timeoutMs?: number },
  ): Promise<T>;
}

export type SessionDeps = Pick<PlatformDeps, 'credentials' | 'accounts' | 'events' | 'logger'>;

export type OpenSession = (account: PlatformAccount) => Promise<Session>;

export function createSessions(deps: SessionDeps, timeoutMs: number): OpenSession {
  const reconnect = (handle: string) =>
    failure(
      'AUTH_EXPIRED',
      `@${handle} must be reconnected before Starling can use it (Clients → Connect Mastodon).`,
      { retryable: false },
    );

  async function expire(accountId: string): Promise<void> {
    await markNeedsReconnect(deps, accountId, 'Mastodon', 'Mastodon refused its token');
  }

  return async (account) => {
    const stored = await deps.accounts.find(account.id);
    if (stored === null) throw failure('NOT_FOUND', `No account has the id ${account.id}.`);
    if (stored.status !== 'active') throw reconnect(stored.handle);
    const credentials = await deps.credentials.read(account.id, mastodonCredentials);
    if (credentials === null) throw reconnect(stored.handle);
    const client = (timeout: number) =>
      createRestAPIClient({
        url: credentials.instance,
        accessToken: credentials.accessToken,
        timeout,
      });
    const masto = client(timeoutMs);
    return {
      origin: credentials.instance,
      accountId: account.platformUserId.split('@')[0] ?? account.platformUserId,
      async call(fn, options = {}) {
        try {
          return await fn(options.timeoutMs === undefined ? masto : client(options.timeoutMs));
        } catch (error) {
          if (error instanceof MastoHttpError && error.statusCode === 401) {
            await expire(account.id);
          }
          throw error;
        }
      },
    };
  };
}
