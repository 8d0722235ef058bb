// Social accounts as the UI and CLI see them (never with tokens), and the inputs of the
// connect flows.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { clientId } from './clients.ts';
import { postLimits } from './posts.ts';

export const platforms = [
  'x',
  'bluesky',
  'mastodon',
  'linkedin',
  'facebook',
  'instagram',
  'threads',
] as const;
export type Platform = (typeof platforms)[number];

/**
 * The network a text is counted for where nothing says which (no account chosen, a client
 * with none, the CLI's `text count` without --network): the first Starling supported.
 */
export const firstPlatform: Platform = platforms[0];

export const accountStatuses = ['active', 'needs_reauth', 'disconnected'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

export interface SocialAccount {
  id: string;
  clientId: string;
  platform: Platform;
  platformUserId: string;
  /** Without the @. */
  handle: string;
  displayName: string;
  avatarUrl: string | null;
  /** The PDS (Bluesky) or instance (Mastodon) the account lives on; null for X. */
  serviceUrl: string | null;
  /** The server's own text limit (a Mastodon instance's); null: the network's default. */
  textLimit: number | null;
  status: AccountStatus;
  /** Why the account needs reconnecting, in words for the user; null while it is active. */
  statusReason: string | null;
  /**
   * 'oauth2' tokens expire (X: every 2 h) and are refreshed; 'oauth1' tokens never expire;
   * 'session' is a Bluesky session, refreshed like a token pair.
   */
  authKind: 'oauth2' | 'oauth1' | 'session';
  /**
   * When the account's sign-in runs out and it must be connected again, because nothing
   * can renew it (a LinkedIn app without refresh tokens: 60 days after connecting), epoch
   * ms; null where it renews itself. The app warns from 7 days before.
   */
  credentialsExpireAt: number | null;
  /**
   * The user lets the network hold this account's posts until their time (Mastodon's
   * scheduled statuses), so they go out while the computer sleeps.
   */
  handOff: boolean;
  createdAt: number;
  updatedAt: number;
}

/** One connect attempt in progress: the browser is sent to `authorizeUrl`. */
export interface ConnectFlow {
  flowId: string;
  authorizeUrl: string;
  redirectUri: string;
  /** Epoch ms after which the flow gives up. */
  expiresAt: number;
  /**
   * Whether the host opened the system browser itself (desktop app, CLI). When false
   * (browser host), the UI opens `authorizeUrl` in a new tab.
   */
  browserOpened: boolean;
  /**
   * The browser lands on an address Starling does not serve (the https redirect registered
   * with the user's app): the user pastes that address (accounts:paste-address). Any flow
   * takes a pasted address; only these have no other way back.
   */
  awaitsPaste: boolean;
}

/** The address the browser shows after the sign-in, pasted into Starling for `flowId`. */
export const pasteAddressInput = lazySchema(() =>
  z.strictObject({
    flowId: z.string({ error: 'The connect attempt id must be text.' }).min(1).max(100),
    address: z
      .string({ error: 'The address must be text.' })
      .trim()
      .min(1, 'Paste the address your browser shows.')
      .max(8_000, 'That is too long to be the address your browser shows.'),
  }),
);

/** Whether tokens can be stored with the OS keychain (or the vault passphrase). */
export interface VaultStatus {
  /** Tokens can be stored now: protected by the OS or the passphrase, or weakly by consent. */
  available: boolean;
  /**
   * Why the OS keychain (or passphrase) does not protect tokens here, in words a person
   * can act on; null when it does. Also set while weaker protection is in use.
   */
  reason: string | null;
  /** The user accepted weaker protection where the OS offers none. */
  weakProtectionAccepted: boolean;
  /** The desktop app may offer "accept weaker protection" (vault:accept-weak-protection). */
  canAcceptWeakProtection: boolean;
}

export const defaultXCallbackPort = 17823;

export const xClientIdInput = lazySchema(() =>
  z
    .string({ error: 'X Client ID must be text.' })
    .trim()
    .regex(
      /^[A-Za-z0-9_-]{10,100}$/,
      'X Client ID looks wrong: copy it from your X app’s "Keys and tokens" page.',
    ),
);

export const callbackPort = lazySchema(() =>
  z
    .number({ error: 'Port must be a number.' })
    .int('Port must be a whole number.')
    .min(1024, 'Port must be 1024 or higher.')
    .max(65535, 'Port must be at most 65535.'),
);

export const accountId = lazySchema(() =>
  z.string({ error: 'Account id must be text.' }).min(1).max(64),
);

export const connectXInput = lazySchema(() =>
  z.strictObject({
    clientId,
    /** Overrides the Client ID kept in settings for this one connect. */
    xClientId: xClientIdInput.optional(),
    port: callbackPort.optional(),
  }),
);

export const connectXOAuth1Input = lazySchema(() =>
  z.strictObject({
    clientId,
    apiKey: z.string().trim().min(10, 'API key looks too short.').max(200),
    apiSecret: z.string().trim().min(10, 'API key secret looks too short.').max(200),
    port: callbackPort.optional(),
  }),
);

/** The server a network's accounts live on unless the user names another. */
export const defaultServiceUrls: Partial<Record<Platform, string>> = {
  bluesky: 'https://bsky.social',
};

const serviceUrl = lazySchema(() =>
  z
    .string({ error: 'The server address must be text.' })
    .trim()
    .max(300, 'The server address is too long.')
    .refine((value) => URL.canParse(value.includes('://') ? value : `https://${value}`), {
      message: 'The server address is not a web address.',
    })
    .transform((value) => (value.includes('://') ? value : `https://${value}`)),
);

const platform = lazySchema(() =>
  z.enum(platforms, {
    error: `The network must be one of: ${platforms.join(', ')}.`,
  }),
);

/**
 * Sign in with a handle and a password made for Starling (Bluesky's app password). The
 * password is exchanged for a session at once and never stored or logged.
 */
export const signInInput = lazySchema(() =>
  z.strictObject({
    clientId,
    platform,
    handle: z
      .string({ error: 'Handle must be text.' })
      .trim()
      .transform((h) => h.replace(/^@/, ''))
      .pipe(z.string().min(3, 'Handle looks too short.').max(253, 'Handle is too long.')),
    password: z
      .string({ error: 'The app password must be text.' })
      .min(1, 'Enter the app password.')
      .max(200, 'The app password is too long.'),
    /** The PDS; default the network's public entryway. */
    serviceUrl: serviceUrl.optional(),
  }),
);

/** Turn hand-off (SocialAccount.handOff) on or off for one account. */
export const setHandOffInput = lazySchema(() =>
  z.strictObject({
    id: accountId,
    on: z.boolean({ error: 'Say on (true) or off (false).' }),
  }),
);

/**
 * Start a browser sign-in at a network with a loopback redirect: Mastodon at the instance
 * `serviceUrl`; LinkedIn with the app kept by accounts:save-app, and with `pages`, also
 * asking for the company pages the member administers.
 */
export const connectInput = lazySchema(() =>
  z.strictObject({
    clientId,
    platform,
    serviceUrl: serviceUrl.optional(),
    pages: z.boolean({ error: 'Say whether to ask for pages (true or false).' }).optional(),
    port: callbackPort.optional(),
  }),
);

/** The user's own app at a network (LinkedIn), as the settings show it: never its secret. */
export interface NetworkApp {
  platform: Platform;
  clientId: string | null;
  /** A client secret is kept (sealed by the vault) or set in the environment. */
  hasSecret: boolean;
  /** The app comes from STARLING_<NETWORK>_CLIENT_ID: saving in the app changes nothing. */
  fromEnvironment: boolean;
  /**
   * The https address registered with the app where the network sends the browser after
   * the sign-in (Threads), whose address the user pastes into Starling; null where the
   * network comes back to a loopback address.
   */
  redirectUri: string | null;
}

export const appInput = lazySchema(() => z.strictObject({ platform }));

export const saveAppInput = lazySchema(() =>
  z.strictObject({
    platform,
    clientId: z
      .string({ error: 'The Client ID must be text.' })
      .trim()
      .regex(
        /^[A-Za-z0-9_-]{6,100}$/,
        'The Client ID looks wrong: copy it from your app’s Auth page.',
      ),
    /**
     * The https redirect registered with the app (Threads: the address the browser lands
     * on, pasted back into Starling); omit to keep the saved one.
     */
    redirectUri: z
      .string({ error: 'The redirect address must be text.' })
      .trim()
      .max(500, 'The redirect address is too long.')
      .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', {
        message: 'The redirect address must be a full https:// address, as registered in your app.',
      })
      .optional(),
    /** Kept sealed by the vault; omit to keep the saved one, null to forget it (PKCE-only apps). */
    clientSecret: z
      .string({ error: 'The client secret must be text.' })
      .trim()
      .min(8, 'The client secret looks too short.')
      .max(300, 'The client secret is too long.')
      .nullable()
      .optional(),
  }),
);

export type SaveAppInput = z.infer<typeof saveAppInput>;

/** A page an account administers (a LinkedIn company page), which can become an account. */
export interface NetworkPage {
  /** The network's id of the page (LinkedIn: the organisation's number). */
  id: string;
  name: string;
  /** How the network names it in links (LinkedIn: the vanity name). */
  handle: string;
  avatarUrl: string | null;
  /** The member's role on it, as the network names it (ADMINISTRATOR …). */
  role: string;
  /** The account it is connected as on this client already, or null. */
  accountId: string | null;
}

export const listPagesInput = lazySchema(() => z.strictObject({ accountId }));

export const addPagesInput = lazySchema(() =>
  z.strictObject({
    accountId,
    pageIds: z
      .array(
        z
          .string({ error: 'A page id must be text.' })
          .trim()
          .regex(/^[A-Za-z0-9_-]{1,64}$/, 'A page id looks wrong.'),
      )
      .min(1, 'Choose at least one page.')
      .max(50, 'Choose at most 50 pages at once.'),
  }),
);

/**
 * How much of a network's rate limit an account has spent, as Starling last heard it
 * (Meta's usage headers), shown in the composer beside the cost.
 */
export interface RateLimitNote {
  accountId: string;
  /** In words for the user ("This Page has used 42% of its calls this hour"). */
  words: string;
  percent: number | null;
  /** Until when Starling sends nothing more for the account, or null. */
  until: number | null;
}

export const rateLimitsInput = lazySchema(() =>
  z.strictObject({
    accountIds: z
      .array(accountId, { error: 'Name the accounts as a list of ids.' })
      .min(1, 'Name at least one account.')
      .max(100, 'Name at most 100 accounts at once.'),
  }),
);

/**
 * How much of its network's own posting limit an account has used, as the network counts
 * it now (posts made anywhere through its API), shown in the composer for each chosen
 * account whose network keeps such a count.
 */
export interface PostingQuotaNote {
  accountId: string;
  /** Posts counted and allowed in the window; null when the network could not be asked. */
  used: number | null;
  total: number | null;
  /** "12 of 50 posts used in the last 24 hours", or why it could not be read. */
  words: string;
  /** Why the post would not fit in what is left, in words; null when it fits or is unknown. */
  warning: string | null;
  /** When the network answered (or failed to), epoch ms. */
  readAt: number;
}

export const postingQuotaInput = lazySchema(() =>
  rateLimitsInput.extend({
    /** The thread's parts: each may count against the limit. */
    parts: z
      .number({ error: 'Say how many parts the post has.' })
      .int('The number of parts must be whole.')
      .min(1, 'A post has at least one part.')
      .max(postLimits.partsMax, `A thread can have at most ${String(postLimits.partsMax)} parts.`),
  }),
);
