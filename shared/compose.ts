// The composer's pure logic, shared by the editor and the core: splitting long text into a
// thread at sentence boundaries, reordering/merging/deleting parts, the estimated X API
// cost of a post, and the problems a draft has before it may be scheduled.
import twitterText from 'twitter-text';
import { checkPartMedia, type PartMediaItem } from './media.ts';
import { plural } from './plural.ts';
import { countXText, xMaxWeightedLength } from './x-text.ts';

/** One part of a thread as the composer edits it. */
export interface ComposePart {
  text: string;
  /** Text for one account instead of `text`, by account id. */
  variants: Record<string, string>;
  media: { mediaId: string; altText: string }[];
}

export const emptyPart = (): ComposePart => ({ text: '', variants: {}, media: [] });

const weighted = (text: string) => countXText(text).weightedLength;

/** Cuts one piece that is too long at word boundaries, then (a single huge word) by characters. */
function cutLong(piece: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of piece.split(/(?<=\s)/u)) {
    if (weighted(current + word) <= max) {
      current += word;
      continue;
    }
    if (current.trim() !== '') out.push(current.trim());
    if (weighted(word) <= max) {
      current = word;
      continue;
    }
    // A single word over the limit: take characters (by code point) while they fit.
    let chunk = '';
    for (const char of word) {
      if (weighted(chunk + char) > max) {
        out.push(chunk);
        chunk = '';
      }
      chunk += char;
    }
    current = chunk;
  }
  if (current.trim() !== '') out.push(current.trim());
  return out;
}

/**
 * Splits text into thread parts that each fit X's weighted limit, breaking between
 * sentences (Intl.Segmenter, so "Dr." and "3.5" are not sentence ends in most locales);
 * a sentence longer than a part is cut between words. Text that fits stays one part.
 */
export function splitIntoThread(text: string, max = xMaxWeightedLength): string[] {
  const trimmed = text.trim();
  if (weighted(trimmed) <= max) return [trimmed];
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });
  const sentences = [...segmenter.segment(trimmed)].map((s) => s.segment);
  const parts: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    if (weighted((current + sentence).trim()) <= max) {
      current += sentence;
      continue;
    }
    if (current.trim() !== '') parts.push(current.trim());
    if (weighted(sentence.trim()) <= max) {
      current = sentence;
    } else {
      const cut = cutLong(sentence.trim(), max);
      const last = cut.pop() ?? '';
      parts.push(...cut);
      current = `${last} `;
    }
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

/** The list with the item at `from` moved to `to` (clamped); a new array. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const target = Math.max(0, Math.min(next.length - 1, to));
  const [item] = next.splice(from, 1);
  if (item === undefined) return next;
  next.splice(target, 0, item);
  return next;
}

/**
 * Part `index` and the next one as one part: texts joined by a blank line, each account's
 * override joined the same way (falling back to the shared text), media kept in order.
 */
export function mergeWithNext(parts: readonly ComposePart[], index: number): ComposePart[] {
  const first = parts[index];
  const second = parts[index + 1];
  if (first === undefined || second === undefined) return [...parts];
  const join = (a: string, b: string) => [a.trim(), b.trim()].filter((s) => s !== '').join('\n\n');
  const variants: Record<string, string> = {};
  for (const account of new Set([
    ...Object.keys(first.variants),
    ...Object.keys(second.variants),
  ])) {
    variants[account] = join(
      first.variants[account] ?? first.text,
      second.variants[account] ?? second.text,
    );
  }
  const merged: ComposePart = {
    text: join(first.text, second.text),
    variants,
    media: [...first.media, ...second.media],
  };
  return [...parts.slice(0, index), merged, ...parts.slice(index + 2)];
}

/** The parts without part `index`; never fewer than one (an empty part stays). */
export function removePart(parts: readonly ComposePart[], index: number): ComposePart[] {
  const next = parts.filter((_, i) => i !== index);
  return next.length === 0 ? [emptyPart()] : next;
}

/** Replaces part `index` with the thread `splitIntoThread` makes of its text. */
export function splitPart(parts: readonly ComposePart[], index: number): ComposePart[] {
  const part = parts[index];
  if (part === undefined) return [...parts];
  const pieces = splitIntoThread(part.text);
  if (pieces.length <= 1) return [...parts];
  // Media and overrides stay on the first piece: the person placed them there.
  const made = pieces.map((text, i) =>
    i === 0 ? { ...part, text } : { text, variants: {}, media: [] },
  );
  return [...parts.slice(0, index), ...made, ...parts.slice(index + 1)];
}

// ---- X API cost.

/**
 * X API pay-per-use prices in US dollars, per request (docs.x.com/x-api/getting-started/pricing,
 * "Credit consumption details", read 2026-11): Content: Create $0.015, Content: Create
 * (with URL) $0.200, Media Metadata $0.005 (we set alt text with one metadata request per
 * image that has it). Media upload requests are not priced separately there.
 */
export const xApiPrices = {
  postCreate: 0.015,
  postCreateWithUrl: 0.2,
  mediaMetadata: 0.005,
  source: 'https://docs.x.com/x-api/getting-started/pricing',
} as const;

export interface XCostEstimate {
  /** US dollars for publishing the whole thread to every chosen account. */
  total: number;
  requests: number;
  /** Posts (parts × accounts) that contain a URL and so cost the higher rate. */
  postsWithUrl: number;
  lines: string[];
}

const dollars = (n: number) => `$${n.toFixed(3)}`;

/** The estimated cost of publishing `parts` to `accountIds` (per account: its own text). */
export function estimateXCost(
  parts: readonly ComposePart[],
  accountIds: readonly string[],
): XCostEstimate {
  const accounts = accountIds.length === 0 ? [null] : accountIds;
  let postsWithUrl = 0;
  let plain = 0;
  let metadata = 0;
  for (const account of accounts) {
    for (const part of parts) {
      const text = account === null ? part.text : (part.variants[account] ?? part.text);
      const hasUrl = twitterText.extractUrls(text).length > 0;
      if (hasUrl) postsWithUrl += 1;
      else plain += 1;
      metadata += part.media.filter((m) => m.altText.trim() !== '').length;
    }
  }
  const total =
    plain * xApiPrices.postCreate +
    postsWithUrl * xApiPrices.postCreateWithUrl +
    metadata * xApiPrices.mediaMetadata;
  const requests = plain + postsWithUrl + metadata;
  const lines: string[] = [];
  if (plain > 0) lines.push(`${String(plain)} × post ${dollars(xApiPrices.postCreate)}`);
  if (postsWithUrl > 0) {
    lines.push(
      `${String(postsWithUrl)} × post with a link ${dollars(xApiPrices.postCreateWithUrl)}`,
    );
  }
  if (metadata > 0) {
    lines.push(`${String(metadata)} × alt text ${dollars(xApiPrices.mediaMetadata)}`);
  }
  return { total: Math.round(total * 1000) / 1000, requests, postsWithUrl, lines };
}

// ---- What stops a post from being scheduled.

export interface ComposeIssue {
  /** Index of the part, or null for the post as a whole. */
  part: number | null;
  severity: 'error' | 'warning';
  message: string;
}

/**
 * Everything X or Starling would refuse about a post, and warnings (alt text missing),
 * each saying what to change. `media` looks up a part's media by id (kind, size, name);
 * unknown ids are reported. The core runs the same check before scheduling.
 */
export function composeIssues(
  input: { accountIds: readonly string[]; parts: readonly ComposePart[] },
  media: (id: string) => Omit<PartMediaItem, 'altText'> | undefined,
  handleOf: (accountId: string) => string = (id) => id,
): ComposeIssue[] {
  const issues: ComposeIssue[] = [];
  if (input.accountIds.length === 0) {
    issues.push({
      part: null,
      severity: 'error',
      message: 'Choose at least one account to publish to.',
    });
  }
  for (const [index, part] of input.parts.entries()) {
    const name = input.parts.length === 1 ? 'The post' : `Part ${String(index + 1)}`;
    const texts: [string, string][] = [[name, part.text]];
    for (const [account, text] of Object.entries(part.variants)) {
      if (input.accountIds.includes(account)) {
        texts.push([`${name} for @${handleOf(account)}`, text]);
      }
    }
    for (const [label, text] of texts) {
      if (text.trim() === '' && part.media.length === 0) {
        issues.push({
          part: index,
          severity: 'error',
          message: `${label} is empty: write something or add media.`,
        });
        continue;
      }
      const count = weighted(text);
      if (count > xMaxWeightedLength) {
        issues.push({
          part: index,
          severity: 'error',
          message: `${label} is ${plural(count - xMaxWeightedLength, 'character')} over X's ${String(xMaxWeightedLength)}: shorten it or use "Split into thread".`,
        });
      }
    }
    const items: PartMediaItem[] = [];
    for (const m of part.media) {
      const found = media(m.mediaId);
      if (found === undefined) {
        issues.push({
          part: index,
          severity: 'error',
          message: `${name}: a media file is no longer in the library; remove it and add it again.`,
        });
      } else {
        items.push({ ...found, altText: m.altText });
      }
    }
    const checked = checkPartMedia(items, name);
    for (const message of checked.errors) issues.push({ part: index, severity: 'error', message });
    for (const message of checked.warnings) {
      issues.push({ part: index, severity: 'warning', message });
    }
  }
  return issues;
}
