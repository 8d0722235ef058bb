// posts:search — posts whose text matches a search, best first, each with a snippet of
// the part that matched, over the FTS5 index of migrations 0016 and 0025 ([Note: post
// search index], [Note: client in the search index]).
import { sql, type Kysely } from 'kysely';
import type { ParsedInput } from '../../../shared/ipc/contract.ts';
import type { PostStatus } from '../../../shared/post-statuses.ts';
import {
  postSearchLimits,
  searchExpression,
  type PostSearchHit,
  type PostSearchResult,
  type SnippetPiece,
} from '../../../shared/post-search.ts';
import { failure } from '../../../shared/result.ts';
import type { Schema } from '../db/schema.ts';

/**
 * [Note: search window] Ranking every match of a common word takes far longer than a
 * person waits, and FTS5's bm25() does so even for a few rows: before its first answer it
 * counts every row each term appears in (its IDF), which for "the" over a million posts
 * is a walk of the whole posting list. So the search takes the newest `searchWindow`
 * matching parts (FTS5 walks its index newest first and stops there, about a millisecond)
 * with their text marked by highlight(), and ranks those itself by BM25's term-frequency
 * part (rankWindow): every match of a specific search, and for a broad one the best of its
 * recent posts, with `more` set so the UI can say a narrower search finds older ones.
 * Left out is IDF, which weighs the words of a several-word search by how rare each is
 * over the whole archive; inside the window each part holds every word anyway.
 */
export const searchWindow = 2_000;

/** BM25's usual constants: how fast repeats stop counting, how much length matters. */
const k1 = 1.2;
const b = 0.75;
/** Words a snippet shows around the first match, as FTS5's snippet() did. */
const snippetWords = 12;

const open = '\uE000';
const close = '\uE001';

interface Marked {
  part: number;
  marked: string;
}

/** Splits a marked text into pieces; the private-use markers never reach the UI. */
export function snippetPieces(marked: string): SnippetPiece[] {
  const pieces: SnippetPiece[] = [];
  let match = false;
  for (const chunk of marked.split(/([\uE000\uE001])/u)) {
    if (chunk === open) match = true;
    else if (chunk === close) match = false;
    else if (chunk !== '') pieces.push({ text: chunk, match });
  }
  return pieces;
}

/** Words (runs of non-space) in a text: the length BM25 normalises by. */
function wordCount(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
    if (!space && !inWord) words += 1;
    inWord = !space;
  }
  return words;
}

/** How often each marked word (case-folded) appears. */
function markedCounts(marked: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let at = marked.indexOf(open); at !== -1; at = marked.indexOf(open, at + 1)) {
    const end = marked.indexOf(close, at);
    if (end === -1) break;
    const key = marked.slice(at + 1, end).toLocaleLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * The window best first: per part, the BM25 term-frequency score of the words it matched
 * (each distinct marked word, case-folded, counted), normalised by its length in words
 * against the window's average; newer first on a tie.
 */
export function rankWindow(rows: readonly Marked[]): (Marked & { score: number })[] {
  const lengths = rows.map((row) => wordCount(row.marked));
  const average = lengths.reduce((sum, n) => sum + n, 0) / Math.max(1, rows.length);
  return rows
    .map((row, i) => {
      const norm = k1 * (1 - b + (b * (lengths[i] ?? 0)) / Math.max(1, average));
      let score = 0;
      for (const tf of markedCounts(row.marked).values()) score += (tf * (k1 + 1)) / (tf + norm);
      return { ...row, score };
    })
    .sort((x, y) => y.score - x.score || y.part - x.part);
}

/**
 * About `snippetWords` words of a marked text around its first match, "…" where cut, a
 * match cut into keeping its marker.
 */
export function snippetOf(marked: string): SnippetPiece[] {
  const words = marked.split(/\s+/u).filter((w) => w !== '');
  const first = Math.max(
    0,
    words.findIndex((w) => w.includes(open)),
  );
  const from = Math.max(0, Math.min(first - 3, words.length - snippetWords));
  const to = Math.min(words.length, from + snippetWords);
  const before = words.slice(0, from).join(' ');
  const inside = before.lastIndexOf(open) > before.lastIndexOf(close);
  const shown = words.slice(from, to).join(' ');
  return snippetPieces(
    `${from > 0 ? '…' : ''}${inside ? open : ''}${shown}${to < words.length ? '…' : ''}`,
  );
}

/**
 * The word a client's parts carry in post_search's search_client column: the client's
 * number ([Note: accounts and clients by number] in migration 0040, whose trigger writes
 * the same with CAST; the bulk writer, bulk-rows.ts, with this).
 */
export function searchClientWord(clientSeq: number): string {
  return String(clientSeq);
}

interface HitRow {
  part: number;
  position: number;
  post_id: string;
  client_id: string;
  status: PostStatus;
  scheduled_at: number | null;
  timezone: string;
  local_time: string | null;
}

/** FTS5's own complaints (should our quoting ever let one through) read as VALIDATION. */
async function asSearchError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/fts5|MATCH/i.test(message)) {
      throw failure('VALIDATION', `The search could not be read (${message}).`);
    }
    throw error;
  }
}

export async function searchPosts(
  db: Kysely<Schema>,
  input: ParsedInput<'posts:search'>,
): Promise<PostSearchResult> {
  const match = searchExpression(input.query);
  const limit = input.limit ?? postSearchLimits.limitDefault;
  // Only the text column holds what people wrote; the client is a word of its own column
  // ([Note: client in the search index]), so one client's matches are an intersection
  // FTS5 walks newest first like any other.
  const words = `text : (${match})`;
  let expression = words;
  if (input.clientId !== undefined) {
    const client = await db
      .selectFrom('clients')
      .select('seq')
      .where('id', '=', input.clientId)
      .executeTakeFirst();
    // A client that does not exist has no posts to find.
    if (client === undefined) return { hits: [], more: false };
    expression = `${words} AND search_client : "${searchClientWord(client.seq)}"`;
  }
  const window = await asSearchError(() =>
    sql<Marked>`
      SELECT rowid AS part, highlight(post_search, 0, ${open}, ${close}) AS marked
      FROM post_search
      WHERE post_search MATCH ${expression} ORDER BY rowid DESC LIMIT ${searchWindow}`.execute(db),
  );
  // Best first, then one part per post: the parts' posts are looked up a few at a time,
  // as far down as `limit` posts need.
  const ranked = rankWindow(window.rows);
  const hits: PostSearchHit[] = [];
  const seen = new Set<string>();
  for (let from = 0; from < ranked.length && hits.length < limit; from += limit * 2) {
    const slice = ranked.slice(from, from + limit * 2);
    const found = await db
      .selectFrom('post_parts as pp')
      .innerJoin('posts as p', 'p.seq', 'pp.post_seq')
      .innerJoin('clients as c', 'c.seq', 'p.client_seq')
      .select([
        sql<number>`pp.rowid`.as('part'),
        'pp.position',
        'p.id as post_id',
        'c.id as client_id',
        'p.status',
        'p.scheduled_at',
        'p.timezone',
        'p.local_time',
      ])
      .where(
        sql<number>`pp.rowid`,
        'in',
        slice.map((c) => c.part),
      )
      .execute();
    const byPart = new Map<number, HitRow>(found.map((r) => [r.part, r]));
    for (const c of slice) {
      const r = byPart.get(c.part);
      if (r === undefined || seen.has(r.post_id) || hits.length >= limit) continue;
      seen.add(r.post_id);
      hits.push({
        postId: r.post_id,
        clientId: r.client_id,
        status: r.status,
        scheduledAt: r.scheduled_at,
        timezone: r.timezone,
        localTime: r.local_time,
        partPosition: r.position,
        snippet: snippetOf(c.marked),
      });
    }
  }
  return { hits, more: window.rows.length === searchWindow };
}
