// [Note: reconciliation] Posting is not idempotent on X, so after any attempt whose fate
// is unknown (a timeout or lost answer after sending, a crash between sending and
// recording, a "duplicate content" refusal) the publisher looks for the part among the
// account's own recent posts before sending it again. A found post is adopted as the
// part's remote id; only a confirmed absence lets the part be sent again.
import twitterText from 'twitter-text';
import type { TweetV2, TwitterApi } from 'twitter-api-v2';

export interface PartLookup {
  /** The account's X user id. */
  userId: string;
  /** The part's text as it was sent. */
  text: string;
  hasMedia: boolean;
  /** The previous part's remote id for a reply; null for a thread's first part. */
  inReplyTo: string | null;
  /** Epoch ms of the earliest attempt that may have posted this part. */
  since: number;
  /** Remote ids already recorded for other parts of this target: never adopted twice. */
  excludeIds: ReadonlySet<string>;
}

/**
 * How far before the first attempt to look: the local clock and X's may disagree, and
 * a post of the same text by the same account moments before is the same post to anyone
 * reading the timeline.
 */
export const reconcileLookbackMs = 10 * 60_000;
const pageSize = 100;
const maxPages = 3;

const urlMark = '\u{1F517}';

/** A post's text as X sends it back, its HTML escapes undone (`&amp;` last, once). */
const unescapeX = (text: string): string =>
  text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/**
 * Text for comparing: NFC, every URL (with or without a scheme, as twitter-text finds them)
 * replaced by one mark because X rewrites them to t.co links, and whitespace collapsed.
 */
export function normalizeForMatch(text: string): string {
  const unescaped = text.normalize('NFC');
  const urls = twitterText.extractUrlsWithIndices(unescaped, { extractUrlsWithoutProtocol: true });
  let masked = '';
  let at = 0;
  for (const { indices } of urls) {
    masked += `${unescaped.slice(at, indices[0])} ${urlMark} `;
    at = indices[1];
  }
  masked += unescaped.slice(at);
  return masked.replace(/\s+/gu, ' ').trim();
}

/** Whether a post's text is the part's text (X appends a t.co link for attached media). */
export function sameText(sent: string, remote: string, hasMedia: boolean): boolean {
  const local = normalizeForMatch(sent);
  // Only X's side is escaped: a part that says `&lt;` comes back as `&amp;lt;`.
  const theirs = normalizeForMatch(unescapeX(remote));
  if (theirs === local) return true;
  return hasMedia && theirs === `${local} ${urlMark}`.trim();
}

function repliesTo(tweet: TweetV2): string | null | undefined {
  if (tweet.referenced_tweets === undefined) return undefined;
  return tweet.referenced_tweets.find((r) => r.type === 'replied_to')?.id ?? null;
}

// One page of GET /2/users/:id/tweets; X leaves out `data` when nothing matched.
interface TimelinePage {
  data?: TweetV2[];
  meta?: { next_token?: string };
}

/** X's timeline time format: RFC 3339 without fractions of a second. */
const xTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Looks for the part among the account's posts since the first attempt. Returns its id,
 * or null when it is confirmed absent. X errors are thrown for the caller to classify.
 */
export async function findPostedPart(
  client: TwitterApi,
  lookup: PartLookup,
): Promise<string | null> {
  const matches: TweetV2[] = [];
  const from = lookup.since - reconcileLookbackMs;
  let paginationToken: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await client.v2.get<TimelinePage>(`users/${lookup.userId}/tweets`, {
      max_results: pageSize,
      start_time: xTime(from),
      'tweet.fields': 'created_at,referenced_tweets,conversation_id',
      ...(paginationToken === undefined ? {} : { pagination_token: paginationToken }),
    });
    for (const tweet of result.data ?? []) {
      if (lookup.excludeIds.has(tweet.id)) continue;
      // Checked here too, in case start_time was not applied: an older post with the same
      // text is someone's earlier post, never this attempt's.
      if (tweet.created_at !== undefined && Date.parse(tweet.created_at) < from) continue;
      if (!sameText(lookup.text, tweet.text, lookup.hasMedia)) continue;
      // The reply target is checked when X says it; undefined means the field was absent.
      const parent = repliesTo(tweet);
      if (parent !== undefined && parent !== lookup.inReplyTo) continue;
      matches.push(tweet);
    }
    paginationToken = result.meta?.next_token;
    if (paginationToken === undefined) break;
  }
  // Several matches can only be copies of one intended post: adopt the oldest.
  matches.sort((a, b) => compareIds(a.id, b.id));
  const found = matches[0]?.id ?? null;
  // More posts than the look-up reads: not found is not absent (it may be further on, and
  // an absent post past its grace window is marked missed: [Note: missed after a look-up]).
  // Reading further would fail the same way on every retry, so a person looks.
  if (found === null && paginationToken !== undefined) throw new TimelineBeyondReach();
  return found;
}

/** The account posted more since the first attempt than a look-up reads back. */
export class TimelineBeyondReach extends Error {
  constructor() {
    super(
      `the account has posted more than ${String(maxPages * pageSize)} times since, more than Starling reads back.`,
    );
  }
}

/** X ids are decimal snowflakes: longer is newer, equal lengths compare as text. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
