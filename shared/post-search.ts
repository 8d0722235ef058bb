// Post search by text (issue 19): the input, the answer, and the small query language a
// person types — words (all must appear), "a phrase", word* (a prefix), OR between two
// terms, -word (must not appear) — turned into an FTS5 expression that cannot fail on
// SQLite's own syntax: every word is quoted, so FTS5 operators inside words mean nothing.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import type { PostStatus } from './post-statuses.ts';
import { clientId } from './clients.ts';
import { failure } from './result.ts';

export const postSearchLimits = { queryMax: 200, limitMax: 100, limitDefault: 20 } as const;

export const postSearchInput = lazySchema(() =>
  z.strictObject({
    query: z
      .string({ error: 'The search must be text.' })
      .trim()
      .min(1, { error: 'Type something to search for.' })
      .max(postSearchLimits.queryMax, {
        error: `A search is at most ${String(postSearchLimits.queryMax)} characters.`,
      }),
    clientId: clientId.optional(),
    limit: z.number().int().min(1).max(postSearchLimits.limitMax).optional(),
  }),
);

export type PostSearchInput = z.input<typeof postSearchInput>;

/** A piece of a snippet: `match` pieces are the words the search found. */
export interface SnippetPiece {
  text: string;
  match: boolean;
}

export interface PostSearchHit {
  postId: string;
  clientId: string;
  status: PostStatus;
  scheduledAt: number | null;
  timezone: string;
  /** The wall time it was scheduled for in `timezone` ("2026-03-30T09:00"), if any. */
  localTime: string | null;
  /** The thread part the snippet is from (0 = the first). */
  partPosition: number;
  /** About a dozen words around the best match, the matched words marked. */
  snippet: SnippetPiece[];
}

export interface PostSearchResult {
  hits: PostSearchHit[];
  /**
   * True when more parts matched than are ranked ([Note: search window]): the best of the
   * newest matches were returned, and a narrower search finds older ones.
   */
  more: boolean;
}

type Term = { kind: 'word' | 'prefix' | 'phrase'; text: string; negated: boolean };

const searchable = /[\p{L}\p{N}]/u;

/**
 * The shortest prefix searched (`lau*`): the index keeps posting lists for three-letter
 * prefixes (migrations/0032-lean-calendar-and-search.ts), so these are one list each, and
 * a longer prefix begins few words. Two letters begin hundreds of words, whose lists a
 * search would merge before its first answer (0.4–0.7 s at a million posts). Scripts
 * written without spaces (Chinese, Japanese, Korean) make a whole phrase one word, and a
 * prefix of any length is how a word inside it is found, so they are not held to this.
 */
const prefixMin = 3;
const unspacedScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** FTS5 applies the * to the last word of the term only (`e-ma*` is `e` and `ma*`). */
const tooShortPrefix = (text: string) => {
  const last = text.match(/[\p{L}\p{N}\p{M}]+(?=[^\p{L}\p{N}\p{M}]*$)/u)?.[0] ?? '';
  return (last.match(/[\p{L}\p{N}]/gu)?.length ?? 0) < prefixMin && !unspacedScript.test(last);
};

/** Splits what was typed into terms and ORs; throws VALIDATION with a reason a person reads. */
function lex(query: string): (Term | 'OR')[] {
  const out: (Term | 'OR')[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] ?? '';
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const negated = ch === '-' && i + 1 < query.length && !/\s/.test(query[i + 1] ?? '');
    if (negated) i += 1;
    if (query[i] === '"') {
      const close = query.indexOf('"', i + 1);
      if (close === -1) {
        throw failure('VALIDATION', 'A quote in the search is not closed: add the closing ".');
      }
      const text = query.slice(i + 1, close);
      if (searchable.test(text)) out.push({ kind: 'phrase', text, negated });
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < query.length && !/[\s"]/.test(query[end] ?? '')) end += 1;
    const raw = query.slice(i, end);
    i = end;
    if (raw === 'OR' && !negated) {
      out.push('OR');
      continue;
    }
    const prefix = raw.endsWith('*');
    const text = prefix ? raw.replace(/\*+$/, '') : raw;
    if (!searchable.test(text)) continue;
    if (prefix && tooShortPrefix(text)) {
      throw failure(
        'VALIDATION',
        `A word start needs at least ${String(prefixMin)} letters before the *, as in: lau*.`,
      );
    }
    out.push({ kind: prefix ? 'prefix' : 'word', text, negated });
  }
  return out;
}

const quoted = (t: Term) => {
  const q = `"${t.text.replaceAll('"', '""')}"`;
  return t.kind === 'prefix' ? `${q}*` : q;
};

/** The FTS5 MATCH expression for what a person typed. */
export function searchExpression(query: string): string {
  const tokens = lex(query);
  const groups: Term[][] = [];
  const negatives: Term[] = [];
  let joinNext = false;
  for (const [index, token] of tokens.entries()) {
    if (token === 'OR') {
      const before = tokens[index - 1];
      const after = tokens[index + 1];
      if (
        before === undefined ||
        after === undefined ||
        before === 'OR' ||
        after === 'OR' ||
        before.negated ||
        after.negated
      ) {
        throw failure(
          'VALIDATION',
          'OR goes between two words or phrases, as in: launch OR opening.',
        );
      }
      joinNext = true;
      continue;
    }
    if (token.negated) negatives.push(token);
    else if (joinNext) groups.at(-1)?.push(token);
    else groups.push([token]);
    joinNext = false;
  }
  if (groups.length === 0) {
    throw failure(
      'VALIDATION',
      negatives.length > 0
        ? 'Say what to find, not only what to leave out (-word needs a word to search for).'
        : 'Type a word or a number to search for.',
    );
  }
  const positive = groups
    .map((g) => (g.length === 1 ? quoted(g[0] as Term) : `(${g.map(quoted).join(' OR ')})`))
    .join(' AND ');
  if (negatives.length === 0) return positive;
  return `(${positive}) NOT (${negatives.map(quoted).join(' OR ')})`;
}
