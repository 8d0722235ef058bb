// [Note: network rules] The one list of every network's rules (see ./rules.ts).
import type { Platform } from '../accounts.ts';
import { blueskyRules } from './bluesky.ts';
import { linkedinRules } from './linkedin.ts';
import { mastodonRules } from './mastodon.ts';
import type { NetworkRules } from './rules.ts';
import { xRules } from './x.ts';

export const networkRules: Readonly<Record<Platform, NetworkRules>> = {
  x: xRules,
  bluesky: blueskyRules,
  mastodon: mastodonRules,
  linkedin: linkedinRules,
};

export type { NetworkRules, TextCount } from './rules.ts';
export { mediaProblems, networksTaking, textProblems, type PartCheck } from './check.ts';
