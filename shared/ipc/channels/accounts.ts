// Accounts: listing, connecting (X's own sign-ins; a handle and app password; a browser
// sign-in at any loopback network) and removal. Spread into the contract (../contract.ts)
// and the push events (../events.ts).
import { z } from 'zod';
import {
  accountId,
  addPagesInput,
  appInput,
  connectInput,
  connectXInput,
  connectXOAuth1Input,
  listPagesInput,
  pasteAddressInput,
  postingQuotaInput,
  rateLimitsInput,
  saveAppInput,
  setHandOffInput,
  signInInput,
  type ConnectFlow,
  type NetworkApp,
  type NetworkPage,
  type PostingQuotaNote,
  type RateLimitNote,
  type SocialAccount,
} from '../../accounts.ts';
import { clientId } from '../../clients.ts';
import { findMentionsInput, type MentionCandidate } from '../../mentions.ts';
import type { AppError } from '../../result.ts';
import { channel, event, type PayloadsOf } from '../channel.ts';

export const accountsChannels = {
  /** Accounts, all or one client's, by client then handle. Never carries tokens. */
  'accounts:list': channel<SocialAccount[]>()(() =>
    z.strictObject({ clientId: clientId.optional() }),
  ),
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
  'accounts:connect-x': channel<ConnectFlow>()(() => connectXInput),
  /** The same with OAuth 1.0a and the user's API key and secret (tokens never expire). */
  'accounts:connect-x-oauth1': channel<ConnectFlow>()(() => connectXOAuth1Input),
  /**
   * The address the browser shows after signing in, pasted by the user, for a flow that
   * waits for it (`awaitsPaste`: the network sends the browser to the https address
   * registered with the user's app) or any other. Resolves with the account once the flow
   * has finished (also pushed as account:connected). Refuses and keeps the flow waiting:
   * VALIDATION (not a web address, not the flow's redirect, a wrong state, no code).
   * Ends the flow: PLATFORM_REJECTED (declined, or the network refused the code), as
   * account:connect-failed. CONFLICT: the flow is not waiting any more.
   */
  'accounts:paste-address': channel<SocialAccount>()(() => pasteAddressInput),
  /** Stop waiting for a connect flow; a flow that already ended is left as it is. */
  'accounts:cancel-connect': channel<{ flowId: string }>()(() =>
    z.strictObject({ flowId: z.string().min(1).max(100) }),
  ),
  /**
   * Connect an account with a handle and an app password (Bluesky; the networks whose
   * ConnectPort is 'password'). The password is exchanged for a session at once and never
   * stored. Returns the account (also pushed as account:saved). Refuses: VALIDATION (a
   * network that signs in another way, a server that is not https:// or loopback),
   * PLATFORM_REJECTED (wrong handle or password), CONFLICT (connected to another client).
   */
  'accounts:sign-in': channel<SocialAccount>()(() => signInInput),
  /**
   * Start a browser sign-in at a network with a loopback redirect: like accounts:connect-x,
   * ends with account:connected or account:connect-failed. Mastodon names its instance in
   * `serviceUrl`. LinkedIn signs in with the app kept by accounts:save-app (or the
   * environment), and with `pages: true` also asks for the company pages the member
   * administers (then accounts:list-pages and accounts:add-pages). Refuses at once:
   * VALIDATION (no instance named; no LinkedIn app set), and as accounts:connect-x does.
   * A LinkedIn app without the product a permission needs ends the flow with
   * account:connect-failed naming the product to add.
   */
  'accounts:connect': channel<ConnectFlow>()(() => connectInput),
  /**
   * The user's own app at a network whose sign-ins need one (LinkedIn): its Client ID and
   * whether a secret is kept, never the secret. VALIDATION for a network without one.
   */
  'accounts:get-app': channel<NetworkApp>()(() => appInput),
  /**
   * Keep the user's app at a network (LinkedIn's Client ID and client secret). The secret
   * is sealed by the vault, never kept in the preferences or logged; omit it to keep the
   * saved one, send null to forget it (an app LinkedIn lets sign in with PKCE alone).
   * Values from STARLING_<NETWORK>_CLIENT_ID / _SECRET still win (`fromEnvironment`).
   */
  'accounts:save-app': channel<NetworkApp>()(() => saveAppInput),
  /**
   * The pages the account administers (LinkedIn company pages, when it was connected with
   * pages), each with the account it is already connected as on this client, if any.
   * PLATFORM_REJECTED naming what to add to the LinkedIn app when LinkedIn refuses (403);
   * VALIDATION for a network without pages; NOT_FOUND.
   */
  'accounts:list-pages': channel<NetworkPage[]>()(() => listPagesInput),
  /**
   * Connect some of the account's pages as accounts of their own on the same client (or
   * renew ones already connected, e.g. after the member reconnected). Pushes account:saved
   * for each and returns them. A page the account does not administer refuses the whole
   * call (VALIDATION) and nothing is kept; CONFLICT for a page on another client.
   */
  'accounts:add-pages': channel<SocialAccount[]>()(() => addPagesInput),
  /**
   * Pages a post from the account may mention (LinkedIn company pages, see [Note: mentions
   * in text]), found by address, short name or name, the member's own pages first; empty
   * when nothing matches. VALIDATION where the account's network has no mentions or its
   * grant cannot look up (a LinkedIn member connected without pages); NOT_FOUND.
   */
  'accounts:find-mentions': channel<MentionCandidate[]>()(() => findMentionsInput),
  /**
   * How much of its network's rate limits each account has spent, where the network says
   * (Meta's usage headers, as last read by this process), and until when Starling holds
   * its posts back; empty for networks that do not say. NOT_FOUND for an unknown account.
   */
  'accounts:rate-limits': channel<RateLimitNote[]>()(() => rateLimitsInput),
  /**
   * How much of its network's own posting limit each account has used, asked of the network
   * through its platform port and kept for a minute, and whether a post of `parts` parts still fits; an account that could not be
   * asked (offline, token refused) gets a note saying so. Empty for networks without such
   * a count. NOT_FOUND for an unknown account.
   */
  'accounts:posting-quota': channel<PostingQuotaNote[]>()(() => postingQuotaInput),
  /**
   * Let the account's network hold its posts until their time (on), or publish them from
   * Starling (off). Posts already scheduled are handed over or taken back at once.
   * Refuses: VALIDATION (a network that cannot hold posts), NOT_FOUND.
   */
  'accounts:set-hand-off': channel<SocialAccount>()(() => setHandOffInput),
  /** Remove an account and its stored tokens (revoked at the network where it allows it, best effort). */
  'accounts:remove': channel<{ id: string }>()(() => z.strictObject({ id: accountId })),
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
