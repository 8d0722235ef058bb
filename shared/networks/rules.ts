// [Note: network rules] What each network accepts in a post, as pure data and counting,
// shared by the composer (live counters and previews), the core's checks before anything
// is scheduled, CSV import and the CLI's `text count`. One file per network beside this
// one; ./index.ts is the only list. A network's platform folder checks the same rules
// again at publish time.
import type { MediaKind } from '../media.ts';

export interface TextCount {
  /** The length as the network counts it. */
  length: number;
  /** UTF-16 index where the text goes over `limit`; null while it fits. */
  overFrom: number | null;
  limit: number;
  /**
   * The network's own verdict where it refuses more than length (X: characters it never
   * accepts); absent where fitting the limit is all it asks.
   */
  valid?: boolean;
}

/** Requests of one kind that publishing one part makes, at the network's price. */
export interface PricedRequests {
  /** What the request does, as the estimate lists it: `post with a link`. */
  what: string;
  /** US dollars a request. */
  dollars: number;
  times: number;
  /** Said once under the estimate when any of these is counted. */
  note?: string;
}

export interface KindLimits {
  mimes: readonly string[];
  maxBytes: number;
  minDurationMs?: number;
  maxDurationMs?: number;
}

export interface NetworkRules {
  label: string;
  /** Counts a text; `limit` overrides the network's default (a Mastodon instance's own). */
  count(text: string, limit?: number | null): TextCount;
  /** The default text limit. */
  textLimit: number;
  /**
   * What the account's server is called where it sets a text limit of its own (Mastodon's
   * `instance`); absent where the limit is the network's, the same for every account.
   */
  serverLimit?: string;
  /**
   * The limit of a thread's later parts where they go out as something else with a lower
   * limit (LinkedIn posts them as comments, 1,250 characters); absent: `textLimit`.
   */
  replyTextLimit?: number;
  /** False where a thread's later parts carry text only (LinkedIn's comments); absent: true. */
  replyMedia?: boolean;
  /** The most hashtags a text may carry (Instagram counts 30); absent: no limit. */
  hashtagsMax?: number;
  /** What a unit of the count is called ("character", "grapheme"). */
  unit: string;
  media: {
    /** Per kind the types, size and duration accepted; absent: the kind is refused. */
    kinds: Partial<Record<MediaKind, KindLimits>>;
    imagesPerPart: number;
    /** The most files of any kind in one part (Instagram's carousel); absent: no such limit. */
    itemsPerPart?: number;
    /** Whether a GIF or video may sit beside images in one part. */
    mixes: boolean;
    altTextMax: number;
    /**
     * Why a part without media cannot go out, where the network posts no text alone
     * (Instagram); absent: text alone is fine.
     */
    required?: string;
    /**
     * The network fetches media from a public URL (Instagram, Threads), which Starling
     * makes through the user's media relay: without one, media cannot go out.
     */
    byLink?: boolean;
    /** What to do about a file over the size limit, per kind (X: "Fit for X"). */
    tooBig?: Partial<Record<MediaKind, string>>;
  };
  threads: boolean;
  /**
   * Mentions the user picks from the network (see [Note: mentions in text]): which refs
   * it links, and what the composer's button and search say. Absent: none.
   */
  mentions?: {
    ref: RegExp;
    /** The button ("Mention a company page"). */
    action: string;
    /** What to type into its search, in words. */
    hint: string;
  };
  /**
   * The network can hold a post until its time (Mastodon's scheduled statuses), so an
   * account may hand posts off (SocialAccount.handOff).
   */
  holdsPosts: boolean;
  /** A post's content warning counts toward the text limit (Mastodon). */
  contentWarningCounts?: boolean;
  /**
   * What publishing one part costs (a pay-per-use API's requests), or null where posting
   * is free. Each kind of request in the same place every time (0 times where the part
   * makes none), which is the order the estimate lists them in.
   */
  cost: ((text: string, altTexts: number) => PricedRequests[]) | null;
  /**
   * The name scripts read the length of `starling text count --json` by besides `length`,
   * where the network had one before there were others (X: `weightedLength`).
   */
  countField?: string;
  /** How accounts of the network are named and where they live. */
  accounts: {
    /** Other names a CSV may give the network (lower case): `twitter` for X. */
    aliases: string[];
    /** Whether a written-out handle takes an @ (`x:@bakery`) or not (`bluesky:bakery.bsky.social`). */
    at: boolean;
    /**
     * The handle is a name, shown as it is (a Facebook Page's name, a LinkedIn member's),
     * rather than an @-handle shown after an @ (`@bakery`, `@bakery.bsky.social`).
     */
    handleIsName: boolean;
    /** The short forms a handle is said aloud by (lower case), beside the full handle. */
    shortNames(handle: string): string[];
    /** The account lives on a server the user names (a PDS, an instance), not one fixed host. */
    server: boolean;
    /**
     * The pages a signed-in member can post as, each added as an account of its own: what
     * the network calls them, and what each brings along. Absent where there are none.
     */
    pages?: { noun: string; brings?: string };
  };
}

/** What a measure of a text says: its length, and where the first `units` of it end. */
export interface Measured {
  length: number;
  /** UTF-16 index just after the first `units` counted units. */
  indexAfter(units: number): number;
}

/** A `count` from a way of measuring text and the network's default limit. */
export function countBy(measure: (text: string) => Measured, defaultLimit: number) {
  return (text: string, limit?: number | null): TextCount => {
    const max = limit ?? defaultLimit;
    const measured = measure(text);
    return {
      length: measured.length,
      limit: max,
      overFrom: measured.length > max ? measured.indexAfter(max) : null,
    };
  };
}
