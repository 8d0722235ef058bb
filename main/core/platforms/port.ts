// [Note: platform port] What every network implements, and all the core knows of one.
// The post lifecycle (posts/), the target publisher (publishing/), the scheduler and the
// analytics sync call these interfaces and never name a network; a network's folder
// (platforms/<network>/) is the only code that knows its API. The one rule that keeps a
// post from going out twice is the publisher's (publishing/publish-target.ts): a part's
// remote identity is chosen before its first attempt where the network allows it
// (`newKey`), every remote id is committed at once, and an attempt whose fate is unknown
// is looked up (`find`) before anything is sent again. Deleting a published post is the
// port's `remove`, driven part by part by publishing/unpublish.ts.
import type {
  NetworkApp,
  NetworkPage,
  Platform,
  RateLimitNote,
  SaveAppInput,
} from '../../../shared/accounts.ts';
import type { MediaKind } from '../../../shared/media.ts';
import type { MentionCandidate } from '../../../shared/mentions.ts';
import type { SealedCredentials } from '../vault/credential-store.ts';
import type { MetricsPort } from './metrics-port.ts';
import type { PostingLimit, PostingQuota } from './posting-limits-port.ts';

/** An account as a network's code needs it: never with tokens (those stay in the vault). */
export interface PlatformAccount {
  id: string;
  clientId: string;
  platform: Platform;
  platformUserId: string;
  handle: string;
  /** The PDS or instance origin for networks without a fixed host. */
  serviceUrl: string | null;
  /** The network's own account settings (validated by its folder). */
  settings: Record<string, unknown>;
}

/** Who signed in, as a connect flow hands it to the accounts service to keep. */
export interface ConnectedProfile {
  platform: Platform;
  /** Unique on the network (Mastodon: the account id at its instance's host). */
  platformUserId: string;
  /** Without the @. */
  handle: string;
  displayName: string;
  avatarUrl: string | null;
  serviceUrl: string | null;
  settings: Record<string, unknown>;
}

export type CallbackVerdict =
  /** Not this flow's callback (no or wrong state): refuse it and keep waiting. */
  | { kind: 'ignore'; reason: string }
  /**
   * The user said no, or the network reported an error: the flow ends. `message` says
   * what to do in words, where the network's error code alone would not (LinkedIn's
   * missing product).
   */
  | { kind: 'denied'; error: string; message?: string }
  /** The authorization code (OAuth 2) or verifier (OAuth 1.0a) to redeem. */
  | { kind: 'code'; code: string };

/**
 * One browser sign-in with a loopback redirect (X, Mastodon, later LinkedIn and Meta),
 * run by the connect flows (services/accounts-connect.ts), which own the port, the
 * state check's outcome, the timeout and the events.
 */
export interface Signin {
  /** The network's name for people, in the flow's messages. */
  label: string;
  authorizeUrl: string;
  judge(query: URLSearchParams): CallbackVerdict;
  /** Redeems the code and reads who signed in; call at once (codes are short-lived). */
  finish(code: string): Promise<{ profile: ConnectedProfile; credentials: SealedCredentials }>;
  /** The profile picture as a small data: URL kept locally, or null to show an initial. */
  picture?(url: string | null): Promise<string | null>;
  /** A failed `finish` in a few words for the log, never with a token in them. */
  summarize?(error: unknown): string;
}

/** A posted part as the network knows it: its id, and what a reply must name besides it. */
export interface RemoteRef {
  id: string;
  /** Bluesky: the record's CID. null where the id is enough. */
  ref: string | null;
}

export interface PlannedMedia {
  assetId: string;
  kind: MediaKind;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** The file in the media library. */
  file: string;
  altText: string;
}

/** One thread part as it goes to one account: its text (a variant wins) and media. */
export interface PlannedPart {
  id: string;
  position: number;
  text: string;
  media: PlannedMedia[];
}

/** Everything a network needs to send (or look for) one part. */
export interface PartContext {
  postId: string;
  targetId: string;
  account: PlatformAccount;
  /** The post's options for this network (e.g. Mastodon's visibility), as stored. */
  options: Record<string, unknown>;
  part: PlannedPart;
  /** How many parts the thread has. */
  partCount: number;
  /** The thread's first part and the part this one replies to; null for the first. */
  root: RemoteRef | null;
  parent: RemoteRef | null;
  /**
   * The part's remote identity chosen before its first attempt (`newKey`) and reused by
   * every retry: Bluesky's record key, Mastodon's Idempotency-Key. null where the network
   * has none (X).
   */
  key: string | null;
  /**
   * What this part's attempts recorded through `onUploaded`, oldest first, this attempt's
   * included as soon as each is recorded ([Note: upload notes]).
   */
  uploads: readonly UploadNote[];
}

/** Every way a network call can end badly, as the publisher and the sync act on it. */
export type CallOutcome =
  /** Not reached, or asked to come back later; `retryAt` when the network said when. */
  | { kind: 'retryable'; reason: string; retryAt: number | null }
  /**
   * No usable credentials: refused after a refresh, or none to be had (`reconnect`: the
   * user must connect the account again), or the vault is locked (`reconnect` false).
   */
  | { kind: 'auth'; reason: string; reconnect: boolean }
  /** Refused for good; `message` is the network's own words. `mediaInvalid`: media ids expired. */
  | { kind: 'rejected'; status: number | null; message: string; mediaInvalid: boolean }
  /** Refused as a copy of a post the account already made (X's "duplicate content"). */
  | { kind: 'duplicate'; message: string }
  /** The request may have reached the network and taken effect. */
  | { kind: 'ambiguous'; reason: string };

// [Note: upload notes] The one way a network keeps what it made for a part before posting
// it: media ids, and containers (Meta's), which are the post's identity chosen before its
// first attempt. prepareMedia hands each to `onUploaded` the moment the network names it;
// the publisher commits it to the post's event log (media.uploaded) before going on, and
// every later attempt gets them all back in PartContext.uploads, so a retry reuses them
// instead of making a second post. The log is append-only: a newer note for the same media
// supersedes an older one, and a note whose `expiresAt` has passed names nothing usable
// (a network records one with `expiresAt` now to drop what it made).
export interface UploadNote {
  /** The media asset, or `wholePart` for what stands for the whole part (a carousel). */
  assetId: string;
  remoteMediaId: string;
  expiresAt: number | null;
  /** The media's position in the part, where a part may carry one file twice. */
  position?: number;
  /** The media relay object the network was sent to fetch, to delete once it has. */
  relayKey?: string;
}

/** The UploadNote assetId of what a network made for the whole part (a carousel). */
export const wholePart = '(part)';

/**
 * A network that keeps scheduled posts itself (Mastodon's scheduled statuses): a post
 * handed to it goes out at its time while the laptop sleeps. See [Note: hand-off] in
 * publishing/hand-off.ts for how the publisher keeps the network's copy in step.
 */
export interface HoldPort {
  /** How far ahead of its time the network takes a post. */
  minLeadMs: number;
  /** Why the network cannot hold this thread (so Starling publishes it), or null. */
  refuses(parts: PlannedPart[]): string | null;
  /**
   * Hands the only part over to go out at `at`, with `media` from prepareMedia; returns
   * the network's id of what it holds. `context.key` makes a retry the same hold.
   */
  hold(context: PartContext, media: unknown, at: number): Promise<string>;
  /** Moves it to `at`; false when the network no longer holds it. */
  move(account: PlatformAccount, holdId: string, at: number): Promise<boolean>;
  /** Takes it back; false when the network no longer held it. */
  release(account: PlatformAccount, holdId: string): Promise<boolean>;
  /** Whether the network still holds it, not yet published. */
  holds(account: PlatformAccount, holdId: string): Promise<boolean>;
  /**
   * What `find` knows the part by once held (its text, say), kept with the hand-off: the
   * post may be edited before an answer that never came is looked for.
   */
  look(context: PartContext): string;
  /**
   * The id of a hold at `at` that looks like `look`, other than those in `exclude` (what
   * other posts were handed over as), or null. Asked before a hand-off whose answer never
   * came is sent again: a network remembers a key only so long (Mastodon: an hour), after
   * which the same key makes a second hold.
   */
  find(
    context: PartContext,
    look: string,
    at: number,
    exclude: ReadonlySet<string>,
  ): Promise<string | null>;
}

/**
 * What `find` answers where the network offers no way to look a part up (LinkedIn's
 * member posts): the part may or may not be out, and only a person can tell. The target
 * stops at needs_review ([Note: unknowable parts] in publishing/send-part.ts).
 */
export interface Unknowable {
  unknowable: true;
  /** Why it cannot be looked up, in words for the user. */
  reason: string;
  /** Where the user can see for themselves (the author's activity page), or null. */
  reviewUrl: string | null;
}

/** Publishing one part at a time; see [Note: platform port]. */
export interface PublishPort {
  /**
   * The first reason the network would refuse this thread for this account, in words for
   * the user, or null. Checked before anything is sent, so a bad part 3 never leaves
   * parts 1 and 2 posted on their own.
   */
  check(
    parts: PlannedPart[],
    account: PlatformAccount,
    options: Record<string, unknown>,
  ): string | null;
  /** A new remote identity for a part; absent where the network has none. */
  newKey?(): string;
  /**
   * Uploads (or reuses) the part's media and returns what `send` attaches. Errors are
   * thrown for `classify`; an upload that may have gone through is simply done again.
   */
  prepareMedia(
    context: PartContext,
    onUploaded: (note: UploadNote) => Promise<void>,
  ): Promise<unknown>;
  /** After a `mediaInvalid` refusal: forget cached uploads so the next prepare uploads again. */
  forgetMedia?(account: PlatformAccount, media: PlannedMedia[]): Promise<void>;
  /** Sends the part once. Throws the network's error for `classify`. */
  send(context: PartContext, media: unknown): Promise<RemoteRef>;
  /**
   * Looks for the part on the network after an attempt whose fate is unknown: the posted
   * part, or null when it is surely absent, or Unknowable where the network cannot tell.
   * `since` is when the first such attempt began; `exclude` holds the ids already
   * recorded for other parts.
   */
  find(
    context: PartContext,
    since: number,
    exclude: ReadonlySet<string>,
  ): Promise<RemoteRef | null | Unknowable>;
  /**
   * Deletes a posted part from the network (publishing/unpublish.ts): true when deleted,
   * false when the network no longer had it (deleted there by hand). Throws the network's
   * error for `classify`. Deleting twice is harmless on every network, so a delete whose
   * answer was lost is simply done again.
   */
  remove(account: PlatformAccount, ref: RemoteRef): Promise<boolean>;
  classify(error: unknown, now: number): CallOutcome;
  /** The public link of a posted part. */
  url(account: PlatformAccount, ref: RemoteRef): string;
  /** Where the network can hold a post until its time; absent where it cannot. */
  hold?: HoldPort;
}

export type { AccountCounts, MetricsPort, PostLookup, PostMetrics } from './metrics-port.ts';

/**
 * How an account of the network is connected. 'password': a handle and a password made
 * for the app (Bluesky's app password), exchanged for a session at once and never kept.
 * 'loopback': a browser sign-in back through 127.0.0.1 or a pasted address (accounts-connect.ts).
 * `serviceUrl` is the server the user chose (PDS, instance), null where the network has
 * one host; `options` is what else the sign-in needs (X: which app), parsed by the network.
 */
export type ConnectPort =
  | {
      kind: 'password';
      signIn(input: {
        handle: string;
        password: string;
        serviceUrl: string;
      }): Promise<{ profile: ConnectedProfile; credentials: SealedCredentials }>;
    }
  | {
      kind: 'loopback';
      /** The https redirect registered with the user's app (Threads), or null for loopback. */
      registeredRedirect?(options: Record<string, unknown>): Promise<string | null>;
      begin(input: {
        serviceUrl: string | null;
        redirectUri: string;
        options: Record<string, unknown>;
      }): Promise<Signin>;
    };

/**
 * Pages an account administers that become accounts of their own (LinkedIn company pages),
 * acted for with the administrator's credentials.
 */
export interface PagesPort {
  /** The pages `account` may post for, each with the platformUserId it is kept under. */
  list(
    account: PlatformAccount,
  ): Promise<(Omit<NetworkPage, 'accountId'> & { platformUserId: string })[]>;
  /**
   * What to keep for each of `pageIds`, read with `account`'s credentials. Refuses the
   * whole call, before anything is kept, when one is not a page `account` administers.
   */
  connect(
    account: PlatformAccount,
    pageIds: string[],
  ): Promise<{ profile: ConnectedProfile; credentials: SealedCredentials }[]>;
}

/** Pages or people a post may mention, looked up as one account (LinkedIn company pages). */
export interface MentionsPort {
  /**
   * What `query` (an address, a short name, a name) names, the account's own pages first;
   * empty when nothing matches. Refuses (VALIDATION) where the grant cannot look up.
   */
  find(account: PlatformAccount, query: string): Promise<MentionCandidate[]>;
}

/** The user's own app at a network, which its sign-ins use (LinkedIn's Client ID and secret). */
export interface AppPort {
  describe(): Promise<NetworkApp>;
  /** Keeps the app; the secret is sealed by the vault. `clientSecret` undefined keeps it. */
  save(input: Omit<SaveAppInput, 'platform'>): Promise<NetworkApp>;
}

export type RevokeOutcome = 'done' | 'retry';
/** Whether a failed revoke is worth another try: the network did not refuse the token. */
export const revokeAgain = (outcome: CallOutcome): RevokeOutcome =>
  outcome.kind === 'retryable' || outcome.kind === 'ambiguous' ? 'retry' : 'done';

export type { PostingLimit, PostingQuota, QuotaAllowance } from './posting-limits-port.ts';

/** One network, as the registry holds it. */
export interface PlatformModule {
  platform: Platform;
  /** The network's name for people ("X", "Bluesky", "Mastodon"). */
  label: string;
  connect: ConnectPort;
  publish: PublishPort;
  metrics: MetricsPort;
  /**
   * The network's documented limits on posting per account, which Starling keeps to
   * before sending so that it never causes a 429 itself (publishing/posting-budget.ts).
   */
  postingLimits?: readonly PostingLimit[];
  /**
   * Whom the network counts an account's posts against, where that is not the account
   * itself (LinkedIn: the member whose token posts for a page): accounts answering the
   * same share one `postingLimits` budget. None: each account has its own.
   */
  postingQuotaHolder?: (account: PlatformAccount) => string;
  rateLimits?(account: PlatformAccount): Omit<RateLimitNote, 'accountId'>[]; // spend, as last heard
  /**
   * Asks the network how much of its posting limit the account has used
   * ([Note: posting quota]); throws the network's error for `publish.classify`. Absent
   * where the network keeps no such count.
   */
  postingQuota?: (account: PlatformAccount) => Promise<PostingQuota>;
  /** Where an account's pages can be connected as accounts of their own. */
  pages?: PagesPort;
  /** Where a post's mentions are looked up (see [Note: mentions in text]). */
  mentions?: MentionsPort;
  /** Where sign-ins use an app the user registers and Starling keeps (LinkedIn). */
  app?: AppPort;
  /**
   * Revokes a removed account's credentials where the network allows it; logs and never
   * throws. 'retry' when the network could not be asked or had a passing problem (the
   * revocations service tries again later); 'done' when they are revoked, were no longer
   * valid, or cannot be revoked by an app. `sealed` is what the vault held (the network
   * parses it).
   */
  revoke(account: PlatformAccount, sealed: unknown): Promise<RevokeOutcome>;
  /**
   * Whether the network's fixed host answers at all, for the scheduler's "am I offline?"
   * (scheduler/network-probe.ts); absent for networks on servers the user names.
   */
  probe?: () => Promise<boolean>;
  /** Frees sockets and timers on core shutdown. */
  close?(): void;
}
