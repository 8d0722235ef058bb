// The agenda's rows without drawing them: a header per day that has posts or free slots,
// then one row per post and per free slot. Built from the day counts alone, so a year of
// 200,000 posts is sized (and its scroll bar true) before a single post is read; the posts
// arrive a block of days at a time (list-pages.ts).
import type { FreeSlotView } from '../../../../shared/calendar.ts';

export type ListRow =
  | { kind: 'day'; day: number }
  | { kind: 'post'; day: number; index: number }
  | { kind: 'free'; day: number; index: number };

export interface FreeEntry {
  slot: FreeSlotView;
  time: string;
}

export interface ListModel {
  /** Index in the span of each day shown (one with posts or free slots), in order. */
  days: number[];
  /** Row index of each shown day's header. */
  starts: number[];
  /** Posts counted on each shown day. */
  posts: number[];
  /** Free slots of each shown day. */
  free: FreeEntry[][];
  /** First shown day of each block (blocks are read with one calendar:range). */
  blocks: number[];
  total: number;
}

/** Row heights in px (see .cal-list-row in calendar.css); the last row of a day adds the gap. */
export const rowSizes = { day: 40, row: 28, pad: 8, gap: 12 } as const;

/**
 * A block holds about this many posts: one calendar:range of ~100 KB, read in a few ms,
 * and a screenful is one or two blocks. A day with more is a block of its own.
 */
const blockPosts = 400;
/** calendar:range takes at most 62 days. */
const blockDays = 60;

export function buildModel(counts: number[], freeByDay: FreeEntry[][]): ListModel {
  const model: ListModel = { days: [], starts: [], posts: [], free: [], blocks: [], total: 0 };
  let inBlock = Infinity;
  let blockFirstDay = 0;
  for (let d = 0; d < counts.length; d += 1) {
    const posts = counts[d] ?? 0;
    const free = freeByDay[d] ?? [];
    if (posts === 0 && free.length === 0) continue;
    if (inBlock + posts > blockPosts || d - blockFirstDay >= blockDays) {
      model.blocks.push(model.days.length);
      inBlock = 0;
      blockFirstDay = d;
    }
    inBlock += posts;
    model.days.push(d);
    model.starts.push(model.total);
    model.posts.push(posts);
    model.free.push(free);
    model.total += 1 + posts + free.length;
  }
  return model;
}

/** The shown day (index into model.days) holding row `index`. */
export function shownDayOf(model: ListModel, index: number): number {
  let lo = 0;
  let hi = model.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((model.starts[mid] ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function rowAt(model: ListModel, index: number): ListRow {
  const day = shownDayOf(model, index);
  const offset = index - (model.starts[day] ?? 0);
  if (offset === 0) return { kind: 'day', day };
  const posts = model.posts[day] ?? 0;
  if (offset <= posts) return { kind: 'post', day, index: offset - 1 };
  return { kind: 'free', day, index: offset - 1 - posts };
}

/** Whether row `index` is the last of its day (it carries the gap below the day). */
export function isLastOfDay(model: ListModel, index: number): boolean {
  const day = shownDayOf(model, index);
  const next = model.starts[day + 1] ?? model.total;
  return index === next - 1;
}

export function rowSize(model: ListModel, index: number): number {
  const row = rowAt(model, index);
  const base = row.kind === 'day' ? rowSizes.day : rowSizes.row;
  return isLastOfDay(model, index) ? base + rowSizes.pad + rowSizes.gap : base;
}

/** The block (index into model.blocks) holding a shown day. */
export function blockOf(model: ListModel, shownDay: number): number {
  let lo = 0;
  let hi = model.blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((model.blocks[mid] ?? 0) <= shownDay) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Span-day indexes [first, end) a block covers: its first shown day to its last. Days
 * after its last and before the next block's first have no rows, so nothing is read for
 * them; reaching on to the next block's first day would ask calendar:range for up to 60
 * days plus a gap, past its 62 (a post on the 1st of January, February, March and April
 * made a first block of 90 days, refused, its rows left as placeholders).
 */
export function blockDaysOf(model: ListModel, block: number): [number, number] {
  const start = model.blocks[block] ?? 0;
  const next = model.blocks[block + 1] ?? model.days.length;
  const first = model.days[start] ?? 0;
  return [first, (model.days[next - 1] ?? first) + 1];
}
