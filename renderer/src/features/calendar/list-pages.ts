// The agenda's posts, read a block of days at a time for what is on screen: one
// calendar:range per block, looked for every 50 ms while scrolling, at most `keptBlocks` kept, so a year
// of 200,000 posts never sits in memory or crosses the bridge at once. A day whose posts
// are not as many as counted (one moved meanwhile) corrects the count.
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
      setVersion((v) => v + 1);
    },
    [bounds, zone, query, loads, cache],
  );

  /**
   * Blocks [firstBlock, lastBlock] are on screen: read the missing ones shortly. Throttled,
   * not debounced: a slow steady scroll still fills in, a fling reads a few blocks a second.
   */
  const wanted = useRef<[number, number]>([0, 0]);
  const want = useCallback(
    (firstBlock: number, lastBlock: number) => {
      wanted.current = [firstBlock, lastBlock];
      if (timer.current !== undefined) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        const [from, to] = wanted.current;
        for (let b = from; b <= to; b += 1) {
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
      }, settleMs);
    },
    [model, read, cache],
  );

  useEffect(
    () => () => {
      clearTimeout(timer.current);
    },
    [],
  );

  const postsOf = useCallback((spanDay: number) => cache.days.get(spanDay), [cache]);
  return { postsOf, want, version, busy };
}
