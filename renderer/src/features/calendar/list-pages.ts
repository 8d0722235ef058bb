// The agenda's posts, read a block of days at a time for what is on screen: one
// calendar:range per block, looked for every 50 ms while scrolling (not while sweeping
// past), at most `keptBlocks` kept, so a year of 200,000 posts never sits in memory or
// crosses the bridge at once. A day whose posts are not as many as counted (one moved
// meanwhile) corrects the count.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CalendarItem } from '../../../../shared/calendar.ts';
import { getBridge } from '../../bridge/bridge.ts';
import { useCalendar, type ListQuery } from './calendar-store.ts';
import { dayIndexOf, hhmm, minuteInDay } from './calendar-time.ts';
import { blockDaysOf, type ListModel } from './list-rows.ts';

export interface PostEntry {
  item: CalendarItem;
  time: string;
}

/** Blocks kept (a block is ~400 posts): screenfuls either side of where the user was. */
const keptBlocks = 24;
/** At most one look at what is on screen this often while scrolling. */
const settleMs = 50;
/**
 * A scroll that moved this recently is still going: two 60 Hz frames and then some, yet
 * under `settleMs`, so a single jump (End, a click on the scroll bar) is read at once.
 */
const stillMs = 40;

interface Args {
  model: ListModel;
  /** Start of each day of the span, plus the end of the last (dayBoundaries). */
  bounds: number[];
  zone: string;
  query: ListQuery | null;
  /** The store's load count: a new load (filters, a saved post) drops what was read. */
  loads: number;
}

export function useListPages({ model, bounds, zone, query, loads }: Args) {
  // A new load (or zone) starts afresh: what was read may have changed.
  const cache = useMemo(
    () => ({
      days: new Map<number, PostEntry[]>(),
      /** Block keys (`first:end` in span days) in the order last used, oldest first. */
      kept: new Map<string, [number, number]>(),
      reading: new Set<string>(),
      /** What the cache was made for. */
      made: { loads, zone },
    }),
    [loads, zone],
  );
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  /** What is on screen: its blocks, its first row and how many rows are drawn; when. */
  const wanted = useRef({ firstBlock: 0, lastBlock: 0, firstRow: 0, shown: 0, at: 0 });

  const read = useCallback(
    async (first: number, end: number) => {
      const key = `${String(first)}:${String(end)}`;
      if (cache.reading.has(key) || query === null) return;
      cache.reading.add(key);
      setBusy(true);
      const seenLoads = loads;
      const result = await getBridge().invoke('calendar:range', {
        from: bounds[first] ?? 0,
        to: bounds[end] ?? 0,
        ...query,
      });
      cache.reading.delete(key);
      setBusy(cache.reading.size > 0);
      if (!result.ok || seenLoads !== useCalendar.getState().loads) return;
      const byDay = new Map<number, PostEntry[]>();
      for (let d = first; d < end; d += 1) byDay.set(d, []);
      const local = bounds.slice(first, end + 1);
      for (const item of result.value.items) {
        const i = dayIndexOf(item.at, local);
        if (i === -1) continue;
        const minute = minuteInDay(item.at, local[i] ?? 0, local[i + 1] ?? 0, zone);
        byDay.get(first + i)?.push({ item, time: hhmm(minute) });
      }
      const counts = useCalendar.getState().dayCounts;
      const fixes = new Map<number, number>();
      for (const [d, entries] of byDay) {
        cache.days.set(d, entries);
        if (!result.value.truncated && counts !== null && counts[d] !== entries.length) {
          fixes.set(d, entries.length);
        }
      }
      cache.kept.delete(key);
      cache.kept.set(key, [first, end]);
      while (cache.kept.size > keptBlocks) {
        const [oldest, [a, b]] = cache.kept.entries().next().value as [string, [number, number]];
        cache.kept.delete(oldest);
        for (let d = a; d < b; d += 1) cache.days.delete(d);
      }
      if (fixes.size > 0) useCalendar.getState().correctCounts(fixes);
      // Drawn again only if the block is still on screen; else its rows show the posts
      // when they next come into view, without a render of the rows there now.
      const [shownFirst] = blockDaysOf(model, wanted.current.firstBlock);
      const [, shownEnd] = blockDaysOf(model, wanted.current.lastBlock);
      if (first < shownEnd && end > shownFirst) setVersion((v) => v + 1);
    },
    [model, bounds, zone, query, loads, cache],
  );

  /**
   * Blocks [firstBlock, lastBlock] are on screen: read the missing ones shortly. Throttled,
   * not debounced: a slow steady scroll still fills in. A sweep (more than a screenful
   * since the last look, and still going) reads nothing: its answer would land on rows
   * already gone, and parsing and drawing it would cost the frames that keep the sweep
   * smooth. Its blocks are read once it slows down or stops.
   */
  const lookedFrom = useRef(0);
  const want = useCallback(
    (firstBlock: number, lastBlock: number, firstRow: number, shown: number) => {
      wanted.current = { firstBlock, lastBlock, firstRow, shown, at: performance.now() };
      if (timer.current !== undefined) return;
      const look = () => {
        const w = wanted.current;
        const sweeping =
          Math.abs(w.firstRow - lookedFrom.current) > w.shown && performance.now() - w.at < stillMs;
        lookedFrom.current = w.firstRow;
        if (sweeping) {
          timer.current = setTimeout(look, settleMs);
          return;
        }
        timer.current = undefined;
        for (let b = w.firstBlock; b <= w.lastBlock; b += 1) {
          const [first, end] = blockDaysOf(model, b);
          const key = `${String(first)}:${String(end)}`;
          const known = cache.kept.get(key);
          if (known !== undefined) {
            // Used again: the last to be dropped.
            cache.kept.delete(key);
            cache.kept.set(key, known);
            continue;
          }
          if (cache.days.has(first) && cache.days.has(end - 1)) continue;
          void read(first, end);
        }
      };
      timer.current = setTimeout(look, settleMs);
    },
    [model, read, cache],
  );

  // A pending look belongs to the `want` that set it: its span's model, cache and reads. A
  // new span or load makes a new `want`, whose first call would find that look pending and
  // leave the looking to it; the old look then read the old span's days into the old cache
  // (dropped), and the new span's rows stayed placeholders until something else moved.
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      timer.current = undefined;
    },
    [want],
  );

  const postsOf = useCallback((spanDay: number) => cache.days.get(spanDay), [cache]);
  return { postsOf, want, version, busy };
}
