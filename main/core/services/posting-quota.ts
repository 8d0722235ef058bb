// The composer's line per account on its network's own posting limit ([Note: posting
// quota]): the network is asked through its port, the answer kept for a minute so that
// opening the composer again or adding a part asks nothing, and a post that would not fit
// in what is left is said so. Network-free: the words come from the port's counts.
import type { PostingQuotaNote } from '../../../shared/accounts.ts';
import { plural, pluralWord } from '../../../shared/plural.ts';
import type { Clock } from '../ports.ts';
import type {
  CallOutcome,
  PlatformAccount,
  PlatformModule,
  PostingQuota,
  QuotaAllowance,
} from '../platforms/port.ts';

/** How long an answer is shown before the network is asked again. */
export const quotaKeptMs = 60_000;
/** A failed read is tried again sooner: the user may be back online or reconnected. */
export const failureKeptMs = 15_000;

type Reading = { quota: PostingQuota; at: number } | { outcome: CallOutcome; at: number };

const count = new Intl.NumberFormat('en-US');

/** A network's window in whole hours, or minutes under an hour: [24, 'hour']. */
function windowOf(ms: number): [number, string] {
  const hours = Math.round(ms / 3_600_000);
  return hours >= 1 ? [hours, 'hour'] : [Math.max(1, Math.round(ms / 60_000)), 'minute'];
}

/** "24 hours", or "hour" for one, to follow "the last" or "any". */
function windowWords(ms: number): string {
  const [n, unit] = windowOf(ms);
  return n === 1 ? unit : plural(n, unit);
}

const usedWords = (a: QuotaAllowance) =>
  `${count.format(a.used)} of ${count.format(a.total)} ${a.noun} used`;

/** What a post of `parts` parts takes from each allowance. */
function needs(quota: PostingQuota, parts: number) {
  return quota.replies === null
    ? [{ allowance: quota.posts, need: parts }]
    : [
        { allowance: quota.posts, need: 1 },
        { allowance: quota.replies, need: parts - 1 },
      ].filter((n) => n.need > 0);
}

/**
 * Why the post does not fit, from what the network told: its limit, its window and what is
 * left ("Instagram allows 50 posts in any 24 hours and none are left. …"). The network
 * does not say when a count goes down, only that a post leaves it once older than the
 * window, so neither does this.
 */
function shortfall(label: string, quota: PostingQuota, parts: number): string | null {
  for (const { allowance, need } of needs(quota, parts)) {
    const left = Math.max(0, allowance.total - allowance.used);
    if (need <= left) continue;
    const { noun, total, windowMs } = allowance;
    const limit = `${label} allows ${count.format(total)} ${noun} in any ${windowWords(windowMs)}`;
    // One needed and too few left means none left; a thread may need more than are left.
    const short =
      need === 1
        ? `${limit} and none are left.`
        : `${limit}; this thread needs ${count.format(need)} and ${
            left === 0
              ? 'none are left'
              : `only ${count.format(left)} ${pluralWord(left, 'is', 'are')} left`
          }.`;
    const [n, unit] = windowOf(windowMs);
    return `${short} If that is still so at its time, it waits until older ${noun} are more than ${plural(n, unit)} old.`;
  }
  return null;
}

function unreadable(label: string, outcome: CallOutcome): string {
  const why =
    outcome.kind === 'auth'
      ? outcome.reconnect
        ? 'the account needs reconnecting'
        : 'the vault is locked'
      : outcome.kind === 'rejected'
        ? outcome.message
        : `${label} could not be reached (offline?)`;
  return `${label}’s posting limit could not be read: ${why}. Starling asks again before publishing.`;
}

export function createPostingQuotas(deps: { clock: Clock }) {
  // Answers in flight are shared too: two accounts' notes asked at once ask the network once.
  const kept = new Map<string, { at: number; reading: Promise<Reading> }>();

  function read(
    account: PlatformAccount,
    ask: (account: PlatformAccount) => Promise<PostingQuota>,
    classify: (error: unknown, now: number) => CallOutcome,
  ): Promise<Reading> {
    const now = deps.clock.now();
    const last = kept.get(account.id);
    if (last !== undefined && now - last.at < quotaKeptMs) {
      return last.reading.then((r) => {
        if ('outcome' in r && now - last.at >= failureKeptMs) {
          kept.delete(account.id);
          return read(account, ask, classify);
        }
        return r;
      });
    }
    const reading = ask(account).then(
      (quota): Reading => ({ quota, at: now }),
      (error: unknown): Reading => ({ outcome: classify(error, now), at: now }),
    );
    kept.set(account.id, { at: now, reading });
    return reading;
  }

  return {
    /** The account's note, or null where its network keeps no count. */
    async note(
      module: PlatformModule,
      account: PlatformAccount,
      parts: number,
    ): Promise<PostingQuotaNote | null> {
      if (module.postingQuota === undefined) return null;
      const reading = await read(account, module.postingQuota, (error, now) =>
        module.publish.classify(error, now),
      );
      if ('outcome' in reading) {
        return {
          accountId: account.id,
          used: null,
          total: null,
          words: unreadable(module.label, reading.outcome),
          warning: null,
          readAt: reading.at,
        };
      }
      const { posts, replies } = reading.quota;
      const words =
        `${usedWords(posts)} in the last ${windowWords(posts.windowMs)}` +
        (replies !== null && parts > 1 ? `; ${usedWords(replies)}` : '') +
        '.';
      return {
        accountId: account.id,
        used: posts.used,
        total: posts.total,
        words,
        warning: shortfall(module.label, reading.quota, parts),
        readAt: reading.at,
      };
    },
  };
}

export type PostingQuotas = ReturnType<typeof createPostingQuotas>;
