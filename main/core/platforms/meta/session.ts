// Calling Meta as one account, for Facebook and Instagram alike (see [Note: Meta
// tokens]). Nothing renews a Meta token without the user, so a session only reads the
// sealed token, refuses one past its end, and meets code 190 by marking the account
// needs_reauth with Meta's reason ([Note: needs reconnect]) and failing with AUTH_EXPIRED,
// so its posts are held instead of failing one by one. While the usage Meta reported is
// near its limit ([Note: Meta usage]) a call is not sent at all.
import type { z } from 'zod';
import type { SocialAccount } from '../../../../shared/accounts.ts';
import { failure, type AppFailure } from '../../../../shared/result.ts';
import { markNeedsReconnect } from '../needs-reconnect.ts';
import type { PlatformAccount } from '../port.ts';
import type { PlatformDeps } from '../registry.ts';
import { metaPageCredentials, metaUserCredentials } from './credentials.ts';
import { GraphError } from './graph.ts';
import { tokenCodes, tokenRefusal } from './outcomes.ts';
import { MetaBackOff, type UsageWatch } from './usage.ts';

export interface MetaSession<C> {
  account: PlatformAccount;
  credentials: C;
  /** Runs `fn` with the token, unless usage in `scopes` says to wait (MetaBackOff). */
  call<T>(fn: (token: string) => Promise<T>, scopes?: readonly string[]): Promise<T>;
}

export type MetaSessionDeps = Pick<
  PlatformDeps,
  'credentials' | 'accounts' | 'events' | 'logger' | 'clock'
> & {
  usage: UsageWatch;
  /** The network's name in messages: "Facebook", "Instagram". */
  label: string;
  /** Where the user reconnects, in words ("Clients → Connect Facebook"). */
  reconnectHint: string;
};

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

export function createMetaSessions(deps: MetaSessionDeps) {
  async function expire(account: SocialAccount, why: string): Promise<AppFailure> {
    await markNeedsReconnect(deps, account.id, deps.label, why);
    return failure(
      'AUTH_EXPIRED',
      `${deps.label} no longer accepts Starling's access to ${account.displayName} (${why}). ` +
        `Reconnect it (${deps.reconnectHint}) to resume posting.`,
      { retryable: false, details: { accountId: account.id } },
    );
  }

  async function open<C extends { accessToken: string; expiresAt: number | null }>(
    platformAccount: PlatformAccount,
    schema: z.ZodType<C>,
  ): Promise<MetaSession<C>> {
    const account = await deps.accounts.find(platformAccount.id);
    if (account === null) {
      throw failure('NOT_FOUND', `No account has the id ${platformAccount.id}.`);
    }
    if (account.status !== 'active') {
      throw failure(
        'AUTH_EXPIRED',
        `${account.displayName} must be reconnected before Starling can use it (${deps.reconnectHint})` +
          (account.statusReason === null ? '.' : `: ${account.statusReason}.`),
        { retryable: false, details: { accountId: account.id } },
      );
    }
    const credentials = await deps.credentials.read(account.id, schema);
    if (credentials === null) throw await expire(account, 'no tokens are stored for it');
    if (credentials.expiresAt !== null && credentials.expiresAt <= deps.clock.now()) {
      throw await expire(account, `its Facebook sign-in ran out on ${day(credentials.expiresAt)}`);
    }
    return {
      account: platformAccount,
      credentials,
      async call(fn, scopes = []) {
        const pause = deps.usage.pause(scopes);
        if (pause !== null) throw new MetaBackOff(pause);
        try {
          return await fn(credentials.accessToken);
        } catch (error) {
          if (error instanceof GraphError && error.code !== null && tokenCodes.has(error.code)) {
            throw await expire(account, tokenRefusal(error));
          }
          throw error;
        }
      },
    };
  }

  return {
    /** A Facebook Page or an Instagram account: the Page's token. */
    page: (account: PlatformAccount) => open(account, metaPageCredentials),
    /** The signed-in Facebook user: their long-lived token. */
    user: (account: PlatformAccount) => open(account, metaUserCredentials),
  };
}

export type MetaSessions = ReturnType<typeof createMetaSessions>;
