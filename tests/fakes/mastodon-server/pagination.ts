// Mastodon's id pagination (max_id, since_id, min_id, limit) and the Link header that
// clients such as masto follow: `next` only when the page is full, `prev` when not empty.
import type { FakeRequest } from '../http-kit/request.ts';
import { compareIds } from './ids.ts';

export interface Page<T> {
  items: T[];
  link: string | null;
}

function limitOf(query: URLSearchParams, fallback: number, max: number): number {
  const n = Number.parseInt(query.get('limit') ?? '', 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, max) : fallback;
}

/** `items` newest first; answers newest first too, as Mastodon does even for min_id. */
export function paginate<T extends { id: string }>(
  req: FakeRequest,
  origin: string,
  items: readonly T[],
  opts: { fallback?: number; max?: number } = {},
): Page<T> {
  const q = req.query;
  const limit = limitOf(q, opts.fallback ?? 20, opts.max ?? 40);
  const maxId = q.get('max_id');
  const sinceId = q.get('since_id');
  const minId = q.get('min_id');
  let chosen = items.filter(
    (item) =>
      (maxId === null || compareIds(item.id, maxId) < 0) &&
      (sinceId === null || compareIds(item.id, sinceId) > 0) &&
      (minId === null || compareIds(item.id, minId) > 0),
  );
  // min_id pages forward: the `limit` items just above it, not the newest ones.
  chosen = minId === null ? chosen.slice(0, limit) : chosen.slice(-limit);
  const first = chosen[0];
  const last = chosen[chosen.length - 1];
  if (first === undefined || last === undefined) return { items: chosen, link: null };
  const kept = new URLSearchParams(q);
  for (const key of ['max_id', 'since_id', 'min_id']) kept.delete(key);
  const url = (key: string, id: string) => {
    const params = new URLSearchParams(kept);
    params.set(key, id);
    return `<${origin}${req.path}?${params.toString()}>`;
  };
  const links = [`${url('min_id', first.id)}; rel="prev"`];
  if (chosen.length === limit) links.unshift(`${url('max_id', last.id)}; rel="next"`);
  return { items: chosen, link: links.join(', ') };
}
