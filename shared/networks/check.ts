// One part checked against one network's rules: its text's length and its media (count,
// mix, each file's type, size and length, alt text), each problem saying what to change.
// The composer shows these live; the core refuses a post with any error before writing.
// A kind a network refuses is named with the networks that do take it, found in the one
// list of rules (./index.ts), so no network is named here.
import twitterText from 'twitter-text';
import { kindWords, type MediaKind, type PartMediaItem } from '../media.ts';
import { plural } from '../plural.ts';
import { networkRules } from './index.ts';
import type { NetworkRules } from './rules.ts';

export interface PartCheck {
  /** The network would refuse the post: each says what to change. */
  errors: string[];
  /** Accepted, but a reader loses something (missing alt text). */
  warnings: string[];
}

const megabyte = 1024 * 1024;
const megabytes = (bytes: number) => `${(bytes / megabyte).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 1000 ? 3 : 1)} s`;
/** Rounded up to a tenth, so "trim" always names enough. */
const secondsUp = (ms: number) => `${(Math.ceil(ms / 100) / 10).toFixed(1)} s`;

/** The networks whose rules take `kind`, by their labels ("LinkedIn"). */
export function networksTaking(kind: MediaKind): string[] {
  return Object.values(networkRules)
    .filter((r) => r.media.kinds[kind] !== undefined)
    .map((r) => r.label);
}

/** Why `network` refuses a file of a kind it has no rules for, and what to do. */
function refusedKind(network: string, kind: MediaKind, name: string): string {
  if (kind === 'gif') {
    return `${network} does not take GIFs (${name}); convert it to an MP4 video or leave this account out.`;
  }
  const others = networksTaking(kind);
  const only =
    others.length === 0
      ? ''
      : ` Only ${others.join(' and ')} ${others.length === 1 ? 'takes' : 'take'} them.`;
  return `${network} does not take ${kindWords[kind].many} (${name}).${only} Remove it, or leave ${network} accounts out of this post.`;
}

/** How a part may combine the kinds a network takes: "up to 4 images, or one video". */
function combinations(rules: NetworkRules): string {
  const { kinds, imagesPerPart } = rules.media;
  const options = [`up to ${String(imagesPerPart)} images`];
  for (const kind of ['gif', 'video', 'document'] as const) {
    if (kinds[kind] !== undefined) options.push(kindWords[kind].one.replace(/^an? /, 'one '));
  }
  return options.join(', or ');
}

/** Why a network without threads (Instagram) refuses a post of several parts. */
export const noThreads = (network: string): string =>
  `${network} posts have no thread: merge the parts into one, or leave ${network} accounts out of this post.`;

/** What `rules`' network refuses about a part's text; `limit` is the account's own. */
export function textProblems(
  rules: NetworkRules,
  text: string,
  label: string,
  limit?: number | null,
): string[] {
  const problems: string[] = [];
  const counted = rules.count(text, limit);
  if (counted.overFrom !== null) {
    const over = counted.length - counted.limit;
    problems.push(
      `${label} is ${plural(over, rules.unit)} over ${rules.label}'s ${String(counted.limit)}: shorten it${rules.threads ? ' or use "Split into thread"' : ''}.`,
    );
  }
  if (rules.hashtagsMax !== undefined) {
    // twitter-text finds hashtags as Instagram does: # then letters, digits or _.
    const tags = twitterText.extractHashtags(text).length;
    if (tags > rules.hashtagsMax) {
      problems.push(
        `${label} has ${plural(tags, 'hashtag')}; ${rules.label} allows ${String(rules.hashtagsMax)}: remove ${String(tags - rules.hashtagsMax)}.`,
      );
    }
  }
  return problems;
}

/** What `rules`' network refuses (errors) or regrets (warnings) about a part's media. */
export function mediaProblems(
  rules: NetworkRules,
  media: readonly PartMediaItem[],
  partName: string,
  /** Whether the user's media relay is set; undefined where the caller cannot tell. */
  relay?: boolean,
): PartCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const { kinds, imagesPerPart, itemsPerPart, mixes, altTextMax } = rules.media;
  const network = rules.label;
  if (media.length === 0 && rules.media.required !== undefined) {
    errors.push(`${partName}: ${rules.media.required}`);
  }
  if (media.length > 0 && rules.media.byLink === true && relay === false) {
    errors.push(
      `${partName}: ${network} fetches media only from a public link, which Starling makes in your own bucket: set up the media relay in Settings → Media relay first.`,
    );
  }
  const imagesOver = media.filter((m) => m.kind === 'image').length > imagesPerPart;
  if (itemsPerPart !== undefined && media.length > itemsPerPart && !imagesOver) {
    errors.push(
      `${partName} has ${plural(media.length, 'file')}; ${network} allows ${String(itemsPerPart)} in one post: remove ${String(media.length - itemsPerPart)}.`,
    );
  }
  // Files of a kind the network refuses are reported as such, not counted in the mix.
  const taken = media.filter((m) => kinds[m.kind] !== undefined);
  const images = taken.filter((m) => m.kind === 'image').length;
  const documents = taken.filter((m) => m.kind === 'document').length;
  const others = taken.length - images;
  if (images > imagesPerPart) {
    errors.push(
      `${partName} has ${plural(images, 'image')}; ${network} allows ${String(imagesPerPart)}: remove ${String(images - imagesPerPart)}.`,
    );
  }
  if (documents > 1) {
    errors.push(
      `${partName} has ${plural(documents, 'PDF document')}; a ${network} post carries one: remove ${String(documents - 1)}.`,
    );
  }
  // A document always goes alone, whether or not the network mixes other media.
  const mixed = others > 1 || (others === 1 && images > 0);
  if (
    (!mixes || documents > 0) &&
    mixed &&
    !(documents > 1 && others === documents && images === 0)
  ) {
    errors.push(`${partName} mixes media ${network} does not combine: use ${combinations(rules)}.`);
  }
  for (const item of media) {
    const name = item.name === '' ? 'a file' : item.name;
    if (kinds[item.kind] === undefined) {
      errors.push(`${partName}: ${refusedKind(network, item.kind, name)}`);
      continue;
    }
    errors.push(...fileProblemsOn(rules, item).map((problem) => `${partName}: ${problem}`));
    const alt = item.altText ?? '';
    // A document's alt text field holds its title (shown above its pages).
    const field = item.kind === 'document' ? 'title' : 'alt text';
    if (alt.length > altTextMax) {
      errors.push(
        `${partName}: the ${field} of ${name} is ${String(alt.length)} characters; ${network} allows ${String(altTextMax)}: shorten it by ${String(alt.length - altTextMax)}.`,
      );
    } else if (alt.trim() === '' && item.kind === 'document') {
      warnings.push(
        `${partName}: ${name} has no title; ${network} shows a document's title above its pages.`,
      );
    } else if (alt.trim() === '' && item.kind !== 'video') {
      warnings.push(
        `${partName}: ${name} has no alt text; describe it for people who cannot see it.`,
      );
    }
  }
  return { errors, warnings };
}

/**
 * What the network refuses about one file of a kind it takes, on its own: type, size and
 * length, each saying what to change (empty when it takes the file, or not that kind at
 * all). The composer's checks (mediaProblems) and the media library's list both use it.
 */
export function fileProblemsOn(
  rules: NetworkRules,
  item: Pick<PartMediaItem, 'kind' | 'mime' | 'bytes' | 'durationMs' | 'name'>,
): string[] {
  const limits = rules.media.kinds[item.kind];
  if (limits === undefined) return [];
  const network = rules.label;
  const name = item.name === '' ? 'a file' : item.name;
  const problems: string[] = [];
  if (!limits.mimes.includes(item.mime)) {
    problems.push(`${name} is ${item.mime}; ${network} takes ${limits.mimes.join(', ')}.`);
  }
  if (item.bytes > limits.maxBytes) {
    const fix = rules.media.tooBig?.[item.kind];
    problems.push(
      `${name} is ${megabytes(item.bytes)}; ${network} allows ${megabytes(limits.maxBytes)} for ${kindWords[item.kind].one}${fix === undefined ? '' : `: ${fix}`}.`,
    );
  }
  if (item.kind === 'video' && item.durationMs !== null) {
    if (limits.minDurationMs !== undefined && item.durationMs < limits.minDurationMs) {
      problems.push(
        `${name} lasts ${seconds(item.durationMs)}; ${network} needs at least ${seconds(limits.minDurationMs)}.`,
      );
    }
    if (limits.maxDurationMs !== undefined && item.durationMs > limits.maxDurationMs) {
      problems.push(
        `${name} lasts ${seconds(item.durationMs)}; ${network} allows ${seconds(limits.maxDurationMs)}: trim ${secondsUp(item.durationMs - limits.maxDurationMs)}.`,
      );
    }
  }
  return problems;
}
