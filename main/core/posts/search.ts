// posts:search — posts whose text matches a search, best first, each with a snippet of
// the part that matched, over the FTS5 index of migration 0016 ([Note: post search index]).
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
const wordPattern = /[\p{L}\p{N}_]+/gu;

interface Marked {
  part: number;
  marked: string;
}

/**
 * The window best first: per part, the BM25 term-frequency score of the words it matched
 * (each distinct marked word, case-folded, counted), normalised by its length in words
 * against the window's average; newer first on a tie.
 */
export function rankWindow(rows: readonly Marked[]): { part: number; score: number }[] {
  const measured = rows.map((row) => {
    const counts = new Map<string, number>();
    for (const [, word] of row.marked.matchAll(/\uE000([^\uE001]*)\uE001/gu)) {
      const key = (word ?? '').toLocaleLowerCase();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const length = row.marked.match(wordPattern)?.length ?? 0;
    return { part: row.part, counts, length };
  });
  const average = measured.reduce((sum, m) => sum + m.length, 0) / Math.max(1, measured.length);
  return measured
    .map((m) => {
      const norm = k1 * (1 - b + (b * m.length) / Math.max(1, average));
      let score = 0;
      for (const tf of m.counts.values()) score += (tf * (k1 + 1)) / (tf + norm);
      return { part: m.part, score };
    })
    .sort((x, y) => y.score - x.score || y.part - x.part);
}

const open = '\uE000';
const close = '\uE001';

/** Splits FTS5's marked snippet into pieces; the private-use markers never reach the UI. */
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

interface Candidate {
  part: number;
  score: number;
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
  snippet: string;
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
  const window = await asSearchError(() =>
    input.clientId === undefined
      ? sql<Marked>`
          SELECT rowid AS part, highlight(post_search, 0, ${open}, ${close}) AS marked
          FROM post_search
          WHERE post_search MATCH ${match} ORDER BY rowid DESC LIMIT ${searchWindow}`.execute(db)
      : sql<Marked>`
          SELECT s.rowid AS part, highlight(post_search, 0, ${open}, ${close}) AS marked
          FROM post_search s
          JOIN post_parts pp ON pp.rowid = s.rowid
          JOIN posts p ON p.id = pp.post_id
          WHERE post_search MATCH ${match} AND p.client_id = ${input.clientId}
          ORDER BY s.rowid DESC LIMIT ${searchWindow}`.execute(db),
  );
  // Best first, then one part per post: the parts' posts are looked up a few at a time,
  // as far down as `limit` posts need.
  const ranked: Candidate[] = rankWindow(window.rows);
  const chosen: (Candidate & { postId: string })[] = [];
  const seen = new Set<string>();
  for (let from = 0; from < ranked.length && chosen.length < limit; from += limit * 2) {
    const slice = ranked.slice(from, from + limit * 2);
    const owners = await db
      .selectFrom('post_parts')
      .select([sql<number>`rowid`.as('part'), 'post_id'])
      .where(
        sql<number>`rowid`,
        'in',
        slice.map((c) => c.part),
      )
      .execute();
    const postOf = new Map(owners.map((o) => [o.part, o.post_id]));
    for (const c of slice) {
      const postId = postOf.get(c.part);
      if (postId === undefined || seen.has(postId) || chosen.length >= limit) continue;
      seen.add(postId);
      chosen.push({ ...c, postId });
    }
  }
  if (chosen.length === 0) return { hits: [], more: false };
  const rows = await asSearchError(() =>
    sql<HitRow>`
      SELECT s.rowid AS part, pp.position, p.id AS post_id, p.client_id, p.status,
             p.scheduled_at, p.timezone, p.local_time,
             snippet(post_search, 0, ${open}, ${close}, '…', 12) AS snippet
      FROM post_search s
      JOIN post_parts pp ON pp.rowid = s.rowid
      JOIN posts p ON p.id = pp.post_id
      WHERE post_search MATCH ${match}
        AND s.rowid IN (${sql.join(chosen.map((c) => c.part))})`.execute(db),
  );
  const byPart = new Map(rows.rows.map((r) => [r.part, r]));
  const hits: PostSearchHit[] = [];
  for (const c of chosen) {
    const r = byPart.get(c.part);
    if (r === undefined) continue;
    hits.push({
      postId: r.post_id,
      clientId: r.client_id,
      status: r.status,
      scheduledAt: r.scheduled_at,
      timezone: r.timezone,
      localTime: r.local_time,
      partPosition: r.position,
      snippet: snippetPieces(r.snippet),
    });
  }
  return { hits, more: window.rows.length === searchWindow };
}
