// The agenda: a year of days that have posts or free slots, in order, each post on one
// line, drawn a screenful at a time (@tanstack/react-virtual) so 200,000 posts scroll as
// lightly as 20. The same chips as the grids (same click, hover and Enter); the arrow keys,
// Page Up/Down, Home and End move the focus through the whole year, not only what is drawn.
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SocialAccount } from '../../../../shared/accounts.ts';
import type { FreeSlotView } from '../../../../shared/calendar.ts';
import type { Client } from '../../../../shared/clients.ts';
import { plural } from '../../../../shared/plural.ts';
import { useCalendar } from './calendar-store.ts';
import { dayBoundaries, longDay, type DayKey, type Span } from './calendar-time.ts';
import { GhostSlot } from './ghost-slot.tsx';
import { useListPages, type PostEntry } from './list-pages.ts';
import {
  blockOf,
  buildModel,
  isLastOfDay,
  rowAt,
  rowSize,
  rowSizes,
  shownDayOf,
  type FreeEntry,
} from './list-rows.ts';
import { byDay } from './month-view.tsx';
import { PostChip } from './post-chip.tsx';

interface Props {
  span: Span;
  zone: string;
  today: DayKey;
  free: FreeSlotView[];
  clients: ReadonlyMap<string, Client>;
  accounts: ReadonlyMap<string, SocialAccount>;
  onNewPost: (day: DayKey) => void;
}

const noCounts: number[] = [];
/** .cal-list-sticky's height in calendar.css. */
const stickyHeight = 32;

export function ListView({ span, zone, today, free, clients, accounts, onNewPost }: Props) {
  const dayCounts = useCalendar((s) => s.dayCounts);
  const countsFor = useCalendar((s) => s.countsFor);
  const listQuery = useCalendar((s) => s.listQuery);
  const loads = useCalendar((s) => s.loads);
  // Counts of another span (the month just left) are never drawn against this one's days.
  const counts =
    dayCounts !== null && countsFor === `${String(span.from)}:${String(span.to)}`
      ? dayCounts
      : null;
  const bounds = useMemo(() => dayBoundaries(span.days, zone), [span.days, zone]);
  const freeByDay = useMemo<FreeEntry[][]>(
    () => byDay(span.days, zone, [], free).map((c) => c.free),
    [span.days, zone, free],
  );
  const model = useMemo(() => buildModel(counts ?? noCounts, freeByDay), [counts, freeByDay]);
  const pages = useListPages({ model, bounds, zone, query: listQuery, loads });

  const scroller = useRef<HTMLDivElement>(null);
  /** The row that has (or is to get) the focus; kept drawn however far the list scrolls. */
  const focusRow = useRef<number | null>(null);
  const [focusWanted, setFocusWanted] = useState<number | null>(null);
  const rangeExtractor = useCallback((range: Range) => {
    const rows = defaultRangeExtractor(range);
    const f = focusRow.current;
    if (f !== null && f < range.count && !rows.includes(f)) {
      rows.push(f);
      rows.sort((a, b) => a - b);
    }
    return rows;
  }, []);
  // [Note: virtualiser and the compiler] The virtualiser's object changes under React's
  // feet, so the compiler leaves this component unmemoised; nothing here relies on it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: model.total,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => rowSize(model, i),
    overscan: 8,
    // Rows scrolled to (by the keyboard) land below the sticky day header.
    scrollPaddingStart: stickyHeight,
    rangeExtractor,
  });
  const items = virtualizer.getVirtualItems();
  // Sizes come from the model alone: new counts, new sizes (none is measured from the DOM).
  useLayoutEffect(() => {
    virtualizer.measure();
  }, [model, virtualizer]);

  // The posts of the blocks on screen are read as they come into view (list-pages.ts).
  const firstRow = items[0]?.index ?? 0;
  const lastRow = items[items.length - 1]?.index ?? 0;
  const { want } = pages;
  useEffect(() => {
    if (model.total === 0) return;
    want(
      blockOf(model, shownDayOf(model, firstRow)),
      blockOf(model, shownDayOf(model, lastRow)),
      firstRow,
      lastRow - firstRow + 1,
    );
  }, [model, firstRow, lastRow, want]);

  // A new span or new filters start at the top.
  useEffect(() => {
    focusRow.current = null;
    scroller.current?.scrollTo({ top: 0 });
  }, [span.from, span.to]);

  // Move the focus to a row once it is drawn (it may need scrolling to first), and give it
  // back when its row is drawn anew (a placeholder replaced by its post).
  const focusInside = useRef(false);
  useLayoutEffect(() => {
    const lost = focusInside.current && document.activeElement === document.body;
    const index = focusWanted ?? (lost ? focusRow.current : null);
    if (index === null) return;
    const target = scroller.current?.querySelector<HTMLElement>(
      `[data-index="${String(index)}"] :is(button, a, [tabindex])`,
    );
    if (target === null || target === undefined) return;
    target.focus({ preventScroll: true });
    if (focusWanted !== null) setFocusWanted(null);
  }, [focusWanted, items, pages.version]);

  const moveFocus = (to: number) => {
    const start = Math.max(0, Math.min(model.total - 1, to));
    // Headers are not stops: past one, on the way the key points (else the other way).
    const step = to >= (focusRow.current ?? 0) ? 1 : -1;
    const stop = (dir: number) => {
      for (let i = start; i >= 0 && i < model.total; i += dir) {
        if (rowAt(model, i).kind !== 'day') return i;
      }
      return null;
    };
    const index = stop(step) ?? stop(-step);
    if (index === null) return;
    focusRow.current = index;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    setFocusWanted(index);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const from = focusRow.current;
    if (from === null) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / rowSizes.row));
    const moves: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: model.total - 1,
    };
    const to = moves[e.key];
    if (to === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    moveFocus(to);
  };

  if (counts === null) {
    return (
      <p className="view-loading" role="status">
        <span className="spinner" aria-hidden="true" />
        Counting the year’s posts…
      </p>
    );
  }
  if (model.total === 0) {
    return (
      <div className="cal-list-empty panel">
        <p>Nothing planned in these twelve months.</p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            onNewPost(today >= (span.days[0] ?? today) ? today : (span.days[0] ?? today));
          }}
        >
          New post
        </button>
      </div>
    );
  }
  const posts = counts.reduce((a, b) => a + b, 0);
  const offset = virtualizer.scrollOffset ?? 0;
  const top = offset > 0 ? virtualizer.getVirtualItemForOffset(offset) : undefined;
  const stickyDay =
    top === undefined ? undefined : span.days[model.days[shownDayOf(model, top.index)] ?? 0];
  return (
    <div
      ref={scroller}
      className="cal-list-scroll"
      data-rows={model.total}
      aria-busy={pages.busy}
      onFocus={(e) => {
        focusInside.current = true;
        const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
        if (row !== null) focusRow.current = Number(row.dataset.index);
      }}
      onBlur={(e) => {
        // Focus moved elsewhere on purpose; a row merely redrawn leaves no related target.
        if (e.relatedTarget !== null && !e.currentTarget.contains(e.relatedTarget)) {
          focusInside.current = false;
        }
      }}
    >
      {stickyDay !== undefined && (
        // Which day the rows at the top belong to, while its own header is scrolled away.
        <div className="cal-list-sticky" aria-hidden="true">
          {longDay(stickyDay)}
          {stickyDay === today && <span className="cal-today-badge">Today</span>}
        </div>
      )}
      <div
        role="list"
        aria-label="Agenda"
        aria-description={`${plural(posts, 'post')} on ${plural(model.days.length, 'day')}; the arrow keys, Page Up, Page Down, Home and End move through them`}
        className="cal-list"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
      >
        {items.map((v) => {
          const row = rowAt(model, v.index);
          const spanDay = model.days[row.day] ?? 0;
          const day = span.days[spanDay] ?? '';
          const last = isLastOfDay(model, v.index);
          const className = `cal-list-row cal-list-${row.kind}${last ? ' cal-list-last' : ''}${day === today ? ' cal-today' : ''}`;
          return (
            <div
              key={v.key}
              role="listitem"
              aria-setsize={model.total}
              aria-posinset={v.index + 1}
              data-index={v.index}
              data-day={day}
              className={className}
              style={{
                transform: `translateY(${String(v.start)}px)`,
                height: v.size - (last ? rowSizes.gap : 0),
              }}
            >
              {row.kind === 'day' && (
                <h2 className="cal-list-date">
                  {longDay(day)}
                  {day === today && <span className="cal-today-badge">Today</span>}
                  <span className="cal-list-count">
                    {plural(model.posts[row.day] ?? 0, 'post')}
                  </span>
                </h2>
              )}
              {row.kind === 'post' && (
                <PostRow entry={pages.postsOf(spanDay)?.[row.index]} clients={clients} />
              )}
              {row.kind === 'free' &&
                (() => {
                  const f = model.free[row.day]?.[row.index];
                  return f === undefined ? null : (
                    <GhostSlot
                      slot={f.slot}
                      time={f.time}
                      account={accounts.get(f.slot.accountId)}
                    />
                  );
                })()}
            </div>
          );
        })}
      </div>
    </div>
  );
}

interface PostRowProps {
  entry: PostEntry | undefined;
  clients: ReadonlyMap<string, Client>;
}

function PostRow({ entry, clients }: PostRowProps) {
  if (entry === undefined) {
    // Not read yet (scrolling fast): a placeholder that holds the row and its focus.
    return (
      <div className="cal-list-placeholder" tabIndex={-1} aria-label="Loading post">
        <span aria-hidden="true" />
      </div>
    );
  }
  return (
    <PostChip
      item={entry.item}
      time={entry.time}
      clientName={clients.get(entry.item.clientId)?.name ?? ''}
    />
  );
}
