// Accounts: listing, connecting (X's own sign-ins; a handle and app password; a browser
// sign-in at any loopback network) and removal. Spread into the contract (../contract.ts)
// and the push events (../events.ts).
import { z } from 'zod';
import {
  accountId,
  connectInput,
  connectXInput,
  connectXOAuth1Input,
  setHandOffInput,
  signInInput,
  type ConnectFlow,
  type SocialAccount,
} from '../../accounts.ts';
import { clientId } from '../../clients.ts';
import type { AppError } from '../../result.ts';
import { channel, event, type PayloadsOf } from '../channel.ts';

export const accountsChannels = {
  /** Accounts, all or one client's, by client then handle. Never carries tokens. */
  'accounts:list': channel<SocialAccount[]>()(z.strictObject({ clientId: clientId.optional() })),
  /**
   * Start connecting an X account (OAuth 2 + PKCE) to a client: listens on the loopback
   * redirect http://127.0.0.1:PORT/callback (PORT: `port`, else the preference) and returns
   * the URL to open; the host opens it itself when it can (`browserOpened`). Ends with
   * `account:connected` or `account:connect-failed` (its error's `details.reason`:
   * denied, exchange_failed, timeout, cancelled, superseded …). Connecting an account that
   * exists on the same client gives it new tokens and makes it active again. Refuses at
   * once: VALIDATION (no X Client ID; archived client), NOT_FOUND (client), CONFLICT
   * (port busy), ENCRYPTION_UNAVAILABLE (tokens could not be stored encrypted).
   */
  'accounts:connect-x': channel<ConnectFlow>()(connectXInput),
  /** The same with OAuth 1.0a and the user's API key and secret (tokens never expire). */
  'accounts:connect-x-oauth1': channel<ConnectFlow>()(connectXOAuth1Input),
  /** Stop waiting for a connect flow; a flow that already ended is left as it is. */
  'accounts:cancel-connect': channel<{ flowId: string }>()(
    z.strictObject({ flowId: z.string().min(1).max(100) }),
  ),
  /**
   * Connect an account with a handle and an app password (Bluesky; the networks whose
   * ConnectPort is 'password'). The password is exchanged for a session at once and never
   * stored. Returns the account (also pushed as account:saved). Refuses: VALIDATION (a
   * network that signs in another way, a server that is not https:// or loopback),
   * PLATFORM_REJECTED (wrong handle or password), CONFLICT (connected to another client).
   */
  'accounts:sign-in': channel<SocialAccount>()(signInInput),
  /**
   * Start a browser sign-in at a network with a loopback redirect (Mastodon, on the
   * instance `serviceUrl`): like accounts:connect-x, ends with account:connected or
   * account:connect-failed.
   */
  'accounts:connect': channel<ConnectFlow>()(connectInput),
  /**
   * Let the account's network hold its posts until their time (on), or publish them from
   * Starling (off). Posts already scheduled are handed over or taken back at once.
   * Refuses: VALIDATION (a network that cannot hold posts), NOT_FOUND.
   */
  'accounts:set-hand-off': channel<SocialAccount>()(setHandOffInput),
  /** Remove an account and its stored tokens (revoked at the network where it allows it, best effort). */
  'accounts:remove': channel<{ id: string }>()(z.strictObject({ id: accountId })),
} as const;

export const accountsEventList = {
  /** A connect flow finished: the account (new or reconnected) is stored and active. */
  'account:connected': event<{ flowId: string; account: SocialAccount }>(),
  /** A connect flow ended without an account (denied, expired, cancelled, refused). */
  'account:connect-failed': event<{ flowId: string; error: AppError }>(),
  /** An account was stored or its status changed (needs_reauth after a refused refresh). */
  'account:saved': event<{ account: SocialAccount }>(),
  /** An account and its tokens were removed. */
  'account:removed': event<{ id: string }>(),
} as const;

export type AccountsEvents = PayloadsOf<typeof accountsEventList>;
