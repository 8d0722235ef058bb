// One part checked against one network's rules: its text's length and its media (count,
// mix, each file's type, size and length, alt text), each problem saying what to change.
// The composer shows these live; the core refuses a post with any error before writing.
import type { MediaKind, PartMediaItem } from '../media.ts';
import { plural } from '../plural.ts';
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
const kindName: Record<MediaKind, string> = { image: 'an image', gif: 'a GIF', video: 'a video' };

/** What `rules`' network refuses about a part's text; `limit` is the account's own. */
export function textProblems(
  rules: NetworkRules,
  text: string,
  label: string,
  limit?: number | null,
): string[] {
  const counted = rules.count(text, limit);
  if (counted.overFrom === null) return [];
  const over = counted.length - counted.limit;
  return [
    `${label} is ${plural(over, rules.unit)} over ${rules.label}'s ${String(counted.limit)}: shorten it or use "Split into thread".`,
  ];
}

/** What `rules`' network refuses (errors) or regrets (warnings) about a part's media. */
export function mediaProblems(
  rules: NetworkRules,
  media: readonly PartMediaItem[],
  partName: string,
): PartCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const { kinds, imagesPerPart, mixes, altTextMax } = rules.media;
  const network = rules.label;
  const images = media.filter((m) => m.kind === 'image').length;
  const others = media.length - images;
  if (images > imagesPerPart) {
    errors.push(
      `${partName} has ${plural(images, 'image')}; ${network} allows ${String(imagesPerPart)}: remove ${String(images - imagesPerPart)}.`,
    );
  }
  if (!mixes && (others > 1 || (others === 1 && images > 0))) {
    errors.push(
      `${partName} mixes media ${network} does not combine: use up to ${String(imagesPerPart)} images, or one ${kinds.gif === undefined ? 'video' : 'GIF, or one video'}.`,
    );
  }
  for (const item of media) {
    const name = item.name === '' ? 'a file' : item.name;
    const limits = kinds[item.kind];
    if (limits === undefined) {
      errors.push(
        `${partName}: ${network} does not take ${item.kind === 'gif' ? 'GIFs' : `${item.kind}s`} (${name}); convert it to ${item.kind === 'gif' ? 'an MP4 video' : 'another kind'} or leave this account out.`,
      );
      continue;
    }
    if (!limits.mimes.includes(item.mime)) {
      errors.push(
        `${partName}: ${name} is ${item.mime}; ${network} takes ${limits.mimes.join(', ')}.`,
      );
    }
    if (item.bytes > limits.maxBytes) {
      errors.push(
        `${partName}: ${name} is ${megabytes(item.bytes)}; ${network} allows ${megabytes(limits.maxBytes)} for ${kindName[item.kind]}${rules.media.tooBig?.[item.kind] === undefined ? '' : `: ${rules.media.tooBig[item.kind] ?? ''}`}.`,
      );
    }
    if (item.kind === 'video' && item.durationMs !== null) {
      if (limits.minDurationMs !== undefined && item.durationMs < limits.minDurationMs) {
        errors.push(
          `${partName}: ${name} lasts ${seconds(item.durationMs)}; ${network} needs at least ${seconds(limits.minDurationMs)}.`,
        );
      }
      if (limits.maxDurationMs !== undefined && item.durationMs > limits.maxDurationMs) {
        errors.push(
          `${partName}: ${name} lasts ${seconds(item.durationMs)}; ${network} allows ${seconds(limits.maxDurationMs)}: trim ${secondsUp(item.durationMs - limits.maxDurationMs)}.`,
        );
      }
    }
    const alt = item.altText ?? '';
    if (alt.length > altTextMax) {
      errors.push(
        `${partName}: the alt text of ${name} is ${String(alt.length)} characters; ${network} allows ${String(altTextMax)}: shorten it by ${String(alt.length - altTextMax)}.`,
      );
    } else if (alt.trim() === '' && item.kind !== 'video') {
      warnings.push(
        `${partName}: ${name} has no alt text; describe it for people who cannot see it.`,
      );
    }
  }
  return { errors, warnings };
}
