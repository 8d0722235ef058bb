// Calling Threads as one account ([Note: Threads tokens]). A long-lived token at least a
// day old with less than 50 days left is refreshed before use, one refresh at a time across
// processes (the refresh gate), the new token committed before anyone uses it; so an account
// Starling publishes or reads for every few weeks never runs out. A token past its end, or
// one Threads refuses (code 190), marks the account needs_reauth with the reason, and the
// call fails with AUTH_EXPIRED so its posts are held.
import type { SocialAccount } from '../../../../shared/accounts.ts';
import { AppFailure, failure } from '../../../../shared/result.ts';
import { markNeedsReconnect } from '../needs-reconnect.ts';
import type { PlatformAccount } from '../port.ts';
import type { PlatformDeps } from '../registry.ts';
import { ThreadsHttpError, type ThreadsApi } from './api.ts';
import { threadsCredentials, type ThreadsCredentials } from './credentials.ts';
import { refreshLongLived } from './oauth.ts';
import { tokenRefusal } from './outcomes.ts';

const dayMs = 86_400_000;
/** Threads refreshes a token only once it is a day old. */
const refreshableAfterMs = dayMs;
/** Refresh when fewer than this many days are left: about every ten days of use. */
const refreshWithinMs = 50 * dayMs;

export interface Session {
  account: PlatformAccount;
  userId: string;
  /** Runs `fn` with a live token; a refused token marks the account (see above). */
  call<T>(fn: (token: string) => Promise<T>): Promise<T>;
}

export type OpenSession = (account: PlatformAccount) => Promise<Session>;

export type SessionDeps = Pick<
  PlatformDeps,
  'credentials' | 'refreshGate' | 'accounts' | 'events' | 'logger' | 'clock'
> & { api: ThreadsApi };

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

export function createSessions(deps: SessionDeps): OpenSession {
  const { credentials, clock } = deps;

  async function expire(account: SocialAccount, why: string): Promise<AppFailure> {
    await markNeedsReconnect(deps, account.id, 'Threads', why);
    return failure(
      'AUTH_EXPIRED',
      `Threads no longer accepts Starling's access to @${account.handle} (${why}). ` +
        'Reconnect the account (Clients → Connect Threads) to resume posting.',
      { retryable: false, details: { accountId: account.id } },
    );
  }

  async function stored(account: SocialAccount): Promise<ThreadsCredentials> {
    const c = await credentials.read(account.id, threadsCredentials);
    if (c === null) throw await expire(account, 'no tokens are stored for it');
    return c;
  }

  const due = (c: ThreadsCredentials) =>
    clock.now() - c.issuedAt >= refreshableAfterMs && c.expiresAt - clock.now() < refreshWithinMs;

  async function refresh(account: SocialAccount): Promise<ThreadsCredentials> {
    const current = await stored(account);
    // Renewed meanwhile by another process.
    if (!due(current)) return current;
    let renewed;
    try {
      renewed = await refreshLongLived(deps.api, current.accessToken, () => clock.now());
    } catch (error) {
      if (error instanceof ThreadsHttpError && (error.code === 190 || error.status === 401)) {
        throw await expire(account, tokenRefusal(error));
      }
      // Still good for weeks: use it and renew next time.
      deps.logger.warn('Threads token not renewed this time', {
        accountId: account.id,
        error: error instanceof Error ? error.name : 'unknown',
      });
      return current;
    }
    const next: ThreadsCredentials = {
      ...current,
      accessToken: renewed.accessToken,
      issuedAt: clock.now(),
      expiresAt: renewed.expiresAt,
      reconnectBy: renewed.expiresAt,
    };
    await credentials.write(account.id, next);
    deps.logger.info('Threads access token renewed', { accountId: account.id });
    return next;
  }

  async function live(account: SocialAccount): Promise<ThreadsCredentials> {
    const current = await stored(account);
    if (current.expiresAt <= clock.now()) {
      throw await expire(
        account,
        `its Threads sign-in ran out on ${day(current.expiresAt)}; Threads sign-ins last 60 days unless Starling renews them`,
      );
    }
    if (!due(current)) return current;
    return deps.refreshGate.run(account.id, () => refresh(account));
  }

  return async (platformAccount) => {
    const account = await deps.accounts.find(platformAccount.id);
    if (account === null)
      throw failure('NOT_FOUND', `No account has the id ${platformAccount.id}.`);
    if (account.status !== 'active') {
      throw failure(
        'AUTH_EXPIRED',
        `@${account.handle} must be reconnected before Starling can use it (Clients → Connect Threads)` +
          (account.statusReason === null ? '.' : `: ${account.statusReason}.`),
        { retryable: false, details: { accountId: account.id } },
      );
    }
    const current = await live(account);
    return {
      account: platformAccount,
      userId: current.userId,
      async call(fn) {
        try {
          return await fn(current.accessToken);
        } catch (error) {
          if (error instanceof ThreadsHttpError && error.code === 190) {
            throw await expire(account, tokenRefusal(error));
          }
          throw error;
        }
      },
    };
  };
}
