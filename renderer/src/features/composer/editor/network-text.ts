// Which networks (and limits) each text in the composer goes to, and how each counts it:
// the shared text goes to every chosen account without its own text, an account's own
// text to its network alone (an account on a server with a limit of its own at that limit,
// less its content warning where the network counts the two together). Later parts of a
// thread count against the network's reply limit where it has one (LinkedIn's comments:
// 1,250).
import {
  firstPlatform,
  type Platform,
  type SocialAccount,
} from '../../../../../shared/accounts.ts';
import type { ComposeAccount, TextTarget } from '../../../../../shared/compose.ts';
import { networkRules, type TextCount } from '../../../../../shared/networks/index.ts';
import type { NetworkOptions } from '../../../../../shared/posts.ts';

/** What is left of the account's limit for the text once its content warning is counted. */
function textLimitOf(a: SocialAccount, options: NetworkOptions | undefined): number | null {
  const warning = options?.contentWarning?.trim() ?? '';
  const rules = networkRules[a.platform];
  if (rules.contentWarningCounts !== true || warning === '') return a.textLimit;
  return (a.textLimit ?? rules.textLimit) - rules.count(warning, a.textLimit).length;
}

export const composeAccount = (a: SocialAccount, options?: NetworkOptions): ComposeAccount => ({
  id: a.id,
  handle: a.handle,
  platform: a.platform,
  textLimit: textLimitOf(a, options),
});

export const targetOf = (a: SocialAccount, options?: NetworkOptions): TextTarget => ({
  platform: a.platform,
  limit: textLimitOf(a, options),
});

/** The target for the thread's part `index`: after the first, the network's reply limit. */
export function partTarget(target: TextTarget, index: number): TextTarget {
  const reply = networkRules[target.platform].replyTextLimit;
  return index === 0 || reply === undefined ? target : { ...target, limit: reply };
}

export type TargetCount = TextTarget & TextCount;

export function countFor(text: string, targets: readonly TextTarget[]): TargetCount[] {
  return targets.map((t) => ({ ...t, ...networkRules[t.platform].count(text, t.limit) }));
}

/** Where the text first goes over any target's limit (the strictest), or null. */
export function firstOverflow(counts: readonly TargetCount[]): number | null {
  const over = counts.flatMap((c) => (c.overFrom === null ? [] : [c.overFrom]));
  return over.length === 0 ? null : Math.min(...over);
}

/**
 * The networks to count against while no account is chosen: the client's own, so the
 * counter means something before the first tick; the first network when it has none.
 */
export function fallbackNetworks(accounts: readonly SocialAccount[]): Platform[] {
  const own = [...new Set(accounts.map((a) => a.platform))];
  return own.length === 0 ? [firstPlatform] : own;
}
