// [Note: network rules] The one list of every network's rules (see ./rules.ts).
import type { Platform } from '../accounts.ts';
import { blueskyRules } from './bluesky.ts';
import { facebookRules } from './facebook.ts';
import { instagramRules } from './instagram.ts';
import { linkedinRules } from './linkedin.ts';
import { mastodonRules } from './mastodon.ts';
import { keepMentions, plainText } from '../mentions.ts';
import type { NetworkRules } from './rules.ts';
import { threadsRules } from './threads.ts';
import { xRules } from './x.ts';

/**
 * Every network counts a mention as its name (see [Note: mentions in text]); where the
 * count runs over, the index is mapped back into the text as typed.
 */
function countingNames(rules: NetworkRules): NetworkRules {
  return {
    ...rules,
    count(text, limit) {
      const plain = plainText(text, isMentionRef);
      const counted = rules.count(plain.text, limit);
      return counted.overFrom === null
        ? counted
        : { ...counted, overFrom: plain.rawIndex(counted.overFrom) };
    },
  };
}

export const networkRules: Readonly<Record<Platform, NetworkRules>> = {
  x: countingNames(xRules),
  bluesky: countingNames(blueskyRules),
  mastodon: countingNames(mastodonRules),
  linkedin: countingNames(linkedinRules),
  threads: countingNames(threadsRules),
  facebook: countingNames(facebookRules),
  instagram: countingNames(instagramRules),
};

/** Whether some network links mentions with this reference. */
export function isMentionRef(ref: string): boolean {
  return Object.values(networkRules).some((rules) => rules.mentions?.ref.test(ref) === true);
}

/**
 * An account's handle as people read it: after an @ where the network has @-handles
 * (`@bakery`, `@bakery@mastodon.social`), as it is where the handle is a name (a Facebook
 * Page's). Where the network is not known (an account removed since), as it is: better
 * a bare handle than an @ before a name.
 */
export function shownHandle(platform: Platform | undefined, handle: string): string {
  return platform === undefined || networkRules[platform].accounts.handleIsName
    ? handle
    : `@${handle}`;
}

/** A text as readers see it: every mention its name. */
export const readerText = (text: string): string => plainText(text, isMentionRef).text;

/** A text as `platform` gets it: mentions it links kept, every other one its name. */
export function textFor(platform: Platform, text: string): string {
  const mentions = networkRules[platform].mentions;
  return keepMentions(text, isMentionRef, (ref) => mentions?.ref.test(ref) === true);
}

export type { NetworkRules, PricedRequests, TextCount } from './rules.ts';
export {
  fileProblemsOn,
  mediaProblems,
  networksTaking,
  noThreads,
  textProblems,
  type PartCheck,
} from './check.ts';
