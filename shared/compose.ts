// The composer's pure logic, shared by the editor and the core: splitting long text into a
// thread at sentence boundaries, reordering/merging/deleting parts, the estimated cost of
// publishing a post where a network charges for it, and the problems a draft has before it
// may be scheduled on each chosen account's network. No network is named here: each one's
// counting, prices and limits are its rules (./networks).
import { firstPlatform, platforms, type Platform } from './accounts.ts';
import type { PartMediaItem } from './media.ts';
import {
  mediaProblems,
  networkRules,
  noThreads,
  shownHandle,
  textProblems,
} from './networks/index.ts';

/** One part of a thread as the composer edits it. */
export interface ComposePart {
  text: string;
  /** Text for one account instead of `text`, by account id. */
  variants: Record<string, string>;
  media: { mediaId: string; altText: string }[];
}

export const emptyPart = (): ComposePart => ({ text: '', variants: {}, media: [] });

/** Whether a text fits where it goes. */
export type Fits = (text: string) => boolean;

/** Cuts one piece that is too long at word boundaries, then (a single huge word) by characters. */
function cutLong(piece: string, fits: Fits): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of piece.split(/(?<=\s)/u)) {
    if (fits(current + word)) {
      current += word;
      continue;
    }
    if (current.trim() !== '') out.push(current.trim());
    if (fits(word)) {
      current = word;
      continue;
    }
    // A single word over the limit: take characters (by code point) while they fit.
    let chunk = '';
    for (const char of word) {
      if (!fits(chunk + char)) {
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
 * Splits text into thread parts that each fit (`fits`: every chosen network's limit; the
 * first network's where nothing is chosen, see firstPlatform), breaking between sentences
 * (Intl.Segmenter, so "Dr." and "3.5" are not sentence ends in most locales); a sentence
 * longer than a part is cut between words.
 * Text that fits stays one part.
 */
export function splitIntoThread(
  text: string,
  fits: Fits = fitsAll([{ platform: firstPlatform, limit: null }]),
): string[] {
  const trimmed = text.trim();
  if (fits(trimmed)) return [trimmed];
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });
  const sentences = [...segmenter.segment(trimmed)].map((s) => s.segment);
  const parts: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    if (fits((current + sentence).trim())) {
      current += sentence;
      continue;
    }
    if (current.trim() !== '') parts.push(current.trim());
    if (fits(sentence.trim())) {
      current = sentence;
    } else {
      const cut = cutLong(sentence.trim(), fits);
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
export function splitPart(
  parts: readonly ComposePart[],
  index: number,
  fits?: Fits,
): ComposePart[] {
  const part = parts[index];
  if (part === undefined) return [...parts];
  const pieces = splitIntoThread(part.text, fits);
  if (pieces.length <= 1) return [...parts];
  // Media and overrides stay on the first piece: the person placed them there.
  const made = pieces.map((text, i) =>
    i === 0 ? { ...part, text } : { text, variants: {}, media: [] },
  );
  return [...parts.slice(0, index), ...made, ...parts.slice(index + 1)];
}

// ---- What publishing costs.

/** The estimated cost of publishing a post to the accounts that pay for it. */
export interface CostEstimate {
  /** US dollars for publishing the whole thread to every paying account. */
  total: number;
  /** The paying networks' names, in the usual order. */
  networks: string[];
  /** Each kind of request with its count and price: `3 × post $0.015`. */
  lines: string[];
  /** What the networks say about requests counted (a link costs more). */
  notes: string[];
}

/** An account a post goes to: `id` null for one not chosen yet, which takes the shared text. */
export interface CostAccount {
  id: string | null;
  platform: Platform;
}

const dollars = (n: number) => `$${n.toFixed(3)}`;

/**
 * What publishing `parts` to `accounts` costs (each account its own text where it has one),
 * by each network's prices (NetworkRules.cost); null when none of them charges.
 */
export function estimateCost(
  parts: readonly ComposePart[],
  accounts: readonly CostAccount[],
): CostEstimate | null {
  const paying = accounts.filter((a) => networkRules[a.platform].cost !== null);
  if (paying.length === 0) return null;
  const labels = platforms
    .filter((p) => paying.some((a) => a.platform === p))
    .map((p) => networkRules[p].label);
  const counted = new Map<string, { what: string; dollars: number; times: number; at: number }>();
  const notes = new Set<string>();
  let total = 0;
  for (const account of paying) {
    const rules = networkRules[account.platform];
    for (const part of parts) {
      const text = account.id === null ? part.text : (part.variants[account.id] ?? part.text);
      const altTexts = part.media.filter((m) => m.altText.trim() !== '').length;
      for (const [at, request] of (rules.cost?.(text, altTexts) ?? []).entries()) {
        if (request.times === 0) continue;
        // Named by network only where several charge, so one network's lines read plainly.
        const what = labels.length > 1 ? `${rules.label} ${request.what}` : request.what;
        const key = `${what} ${String(request.dollars)}`;
        const line = counted.get(key) ?? { what, dollars: request.dollars, times: 0, at };
        line.times += request.times;
        counted.set(key, line);
        total += request.times * request.dollars;
        if (request.note !== undefined) notes.add(request.note);
      }
    }
  }
  return {
    total: Math.round(total * 1000) / 1000,
    networks: labels,
    // In the order the network lists its requests (NetworkRules.cost).
    lines: [...counted.values()]
      .sort((a, b) => a.at - b.at)
      .map((l) => `${String(l.times)} × ${l.what} ${dollars(l.dollars)}`),
    notes: [...notes],
  };
}

// ---- What stops a post from being scheduled.

export interface ComposeIssue {
  /** Index of the part, or null for the post as a whole. */
  part: number | null;
  severity: 'error' | 'warning';
  message: string;
}

/** A chosen account as the checks see it: its network and its server's own text limit. */
export interface ComposeAccount {
  id: string;
  handle: string;
  platform: Platform;
  /** A Mastodon instance's own limit; null: the network's. */
  textLimit: number | null;
}

/** A network and text limit some text goes to. */
export interface TextTarget {
  platform: Platform;
  limit: number | null;
}

/**
 * Where a part's shared text goes: one target per network and limit among the chosen
 * accounts that have no text of their own (`fallback` while no account is chosen).
 */
export function sharedTextTargets(
  part: Pick<ComposePart, 'variants'>,
  accounts: readonly ComposeAccount[],
  fallback: readonly Platform[] = [firstPlatform],
): TextTarget[] {
  const users =
    accounts.length === 0
      ? fallback.map((platform) => ({ platform, textLimit: null }))
      : accounts.filter((a) => part.variants[a.id] === undefined);
  const targets = new Map<string, TextTarget>();
  for (const { platform, textLimit } of users) {
    targets.set(`${platform}:${String(textLimit)}`, { platform, limit: textLimit });
  }
  // In the networks' usual order (X, Bluesky, Mastodon), whatever order they were chosen in.
  return [...targets.values()].sort(
    (a, b) => platforms.indexOf(a.platform) - platforms.indexOf(b.platform),
  );
}

/** Whether `text` fits every target (for "Split into thread"). */
export const fitsAll =
  (targets: readonly TextTarget[]): Fits =>
  (text) =>
    targets.every((t) => networkRules[t.platform].count(text, t.limit).overFrom === null);

type MediaLookup = (id: string) => Omit<PartMediaItem, 'altText'> | undefined;

/**
 * Everything the chosen accounts' networks or Starling would refuse about a post, and
 * warnings (alt text missing), each saying what to change, in the words the core uses
 * when it checks the same post before scheduling (shared/networks). The shared text is
 * checked once per network and limit it goes to, each account's own text against its
 * network; media against every chosen network. `media` looks up a part's media by id
 * (kind, size, name); unknown ids are reported.
 */
export function composeIssuesFor(
  input: {
    accounts: readonly ComposeAccount[];
    parts: readonly ComposePart[];
    /** Whether the user's media relay is set (networks that fetch media by link need it). */
    relay?: boolean;
  },
  media: MediaLookup,
  fallback: readonly Platform[] = [firstPlatform],
): ComposeIssue[] {
  const { accounts, parts, relay } = input;
  const issues: ComposeIssue[] = [];
  if (accounts.length === 0) {
    issues.push({
      part: null,
      severity: 'error',
      message: 'Choose at least one account to publish to.',
    });
  }
  const chosenPlatforms = platforms.filter((p) =>
    accounts.length === 0 ? fallback.includes(p) : accounts.some((a) => a.platform === p),
  );
  if (parts.length > 1) {
    for (const platform of chosenPlatforms) {
      const rules = networkRules[platform];
      if (!rules.threads) {
        issues.push({ part: null, severity: 'error', message: noThreads(rules.label) });
      }
    }
  }
  for (const [index, part] of parts.entries()) {
    const name = parts.length === 1 ? 'The post' : `Part ${String(index + 1)}`;
    const error = (message: string) => issues.push({ part: index, severity: 'error', message });
    const texts: { label: string; text: string; targets: TextTarget[] }[] = [
      { label: name, text: part.text, targets: sharedTextTargets(part, accounts, fallback) },
    ];
    for (const account of accounts) {
      const text = part.variants[account.id];
      if (text === undefined) continue;
      const targets = [{ platform: account.platform, limit: account.textLimit }];
      texts.push({
        label: `${name} for ${shownHandle(account.platform, account.handle)}`,
        text,
        targets,
      });
    }
    for (const { label, text, targets } of texts) {
      if (text.trim() === '' && part.media.length === 0) {
        error(`${label} is empty: write something or add media.`);
        continue;
      }
      for (const target of targets) {
        textProblems(networkRules[target.platform], text, label, target.limit).forEach(error);
      }
    }
    const items: PartMediaItem[] = [];
    for (const m of part.media) {
      const found = media(m.mediaId);
      if (found === undefined) {
        error(`${name}: a media file is no longer in the library; remove it and add it again.`);
      } else {
        items.push({ ...found, altText: m.altText });
      }
    }
    // Each network names itself in its errors; a missing alt text reads the same on all.
    const warnings = new Set<string>();
    for (const platform of chosenPlatforms) {
      const checked = mediaProblems(networkRules[platform], items, name, relay);
      checked.errors.forEach(error);
      for (const message of checked.warnings) warnings.add(message);
    }
    for (const message of warnings) issues.push({ part: index, severity: 'warning', message });
  }
  return issues;
}
