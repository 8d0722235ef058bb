// [Note: mentions in text] A mention the user picked from a network (a LinkedIn company
// page) is kept in the post's own text as `@[Name](ref)`: the name as the network spells
// it and the network's reference for it (`urn:li:organization:2414183`). Kept in the text,
// a mention travels wherever the text does (drafts, duplicates, archives, CSV, approval
// hashes) with no table of its own. Every network counts and shows the name alone; the
// network whose rules claim the reference (NetworkRules.mentions) links it when it
// publishes, and every other network gets the plain name. Only a reference some network
// claims makes a token a mention (`Claimed`): text that merely looks like one stays text.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { accountId } from './accounts.ts';

export const findMentionsInput = lazySchema(() =>
  z.strictObject({
    accountId,
    query: z.string().trim().min(1, 'Type a page’s address or name to look up.').max(300),
  }),
);

/** A page (or person) a post may mention, as the composer's picker shows it. */
export interface MentionCandidate {
  name: string;
  /** The network's short name for it (a LinkedIn vanity name). */
  handle: string;
  ref: string;
  /** One of the pages the account's member administers. */
  own: boolean;
}

/** One mention: `start`/`end` are UTF-16 indexes of the whole token in the text. */
export interface MentionToken {
  start: number;
  end: number;
  name: string;
  ref: string;
}

/** A name may hold anything but brackets and line breaks; a ref is `scheme:rest`. */
const token = /@\[([^[\]\r\n]{1,200})\]\(([a-z][a-z0-9]*:[A-Za-z0-9:._-]{1,200})\)/gu;

/** Whether a network links mentions with this reference (see shared/networks/index.ts). */
export type Claimed = (ref: string) => boolean;

export function mentionsIn(text: string, claimed: Claimed): MentionToken[] {
  // Most texts hold no token: every count and preview asks, so they skip the search.
  if (!text.includes('@[')) return [];
  return [...text.matchAll(token)]
    .map((m) => ({ start: m.index, end: m.index + m[0].length, name: m[1] ?? '', ref: m[2] ?? '' }))
    .filter((m) => claimed(m.ref));
}

/** The token for a picked mention; brackets and line breaks in the name become single spaces. */
export function mentionToken(name: string, ref: string): string {
  const clean = name
    .replace(/[[\]\r\n]+/gu, ' ')
    .replace(/\s{2,}/gu, ' ')
    .trim();
  return `@[${clean}](${ref})`;
}

/** Pieces of a text in order: plain runs and mentions. */
export type TextPiece = { text: string } | MentionToken;

export function piecesOf(text: string, claimed: Claimed): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const m of mentionsIn(text, claimed)) {
    if (m.start > at) pieces.push({ text: text.slice(at, m.start) });
    pieces.push(m);
    at = m.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

/**
 * The text as readers see it (each mention its name), and where an index of that text
 * lies in the original: an index inside a name maps to the token's start, so a limit
 * that falls in a mention marks the whole mention as over.
 */
export function plainText(
  text: string,
  claimed: Claimed,
): { text: string; rawIndex(plain: number): number } {
  const found = mentionsIn(text, claimed);
  if (found.length === 0) return { text, rawIndex: (i) => i };
  let plain = '';
  let at = 0;
  // Per mention: where its name starts and ends in the plain text, and its raw bounds.
  const spans: { from: number; to: number; start: number; end: number }[] = [];
  for (const m of found) {
    plain += text.slice(at, m.start);
    const from = plain.length;
    plain += m.name;
    spans.push({ from, to: plain.length, start: m.start, end: m.end });
    at = m.end;
  }
  plain += text.slice(at);
  return {
    text: plain,
    rawIndex(i) {
      let shift = 0;
      for (const s of spans) {
        if (i < s.from) break;
        if (i < s.to) return s.start;
        shift = s.end - s.to;
      }
      return i + shift;
    },
  };
}

/** The text with every mention `keep` refuses replaced by its name. */
export function keepMentions(text: string, claimed: Claimed, keep: Claimed): string {
  return piecesOf(text, claimed)
    .map((p) => ('ref' in p ? (keep(p.ref) ? text.slice(p.start, p.end) : p.name) : p.text))
    .join('');
}
