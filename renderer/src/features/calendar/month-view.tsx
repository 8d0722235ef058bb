// The month grid: whole weeks, Monday first; the month's own days hold their first posts
// (with "+N more" from the day's count), free queue slots and campaign stripes. Each day
// is a drop target (a post keeps its time of day); an empty day invites a new post.
import { useDroppable } from '@dnd-kit/core';
import { memo, useEffect, useMemo, useState } from 'react';
import {
  monthChipsPerDay,
  type CalendarItem,
  type Campaign,
  type FreeSlotView,
} from '../../../../shared/calendar.ts';
import type { Client } from '../../../../shared/clients.ts';
import type { SocialAccount } from '../../../../shared/accounts.ts';
import { plural } from '../../../../shared/plural.ts';
import {
  campaignDates,
  dayBoundaries,
  dayIndexOf,
  hhmm,
  longDay,
  minuteInDay,
  weekdays,
  type DayKey,
  type Span,
} from './calendar-time.ts';
import { showError } from '../../app/toasts/toast-store.ts';
import { useCalendar } from './calendar-store.ts';
import { PostChip } from './post-chip.tsx';
import { GhostSlot } from './ghost-slot.tsx';

export interface DayContent {
  items: { item: CalendarItem; time: string; minute: number }[];
  free: { slot: FreeSlotView; time: string; minute: number }[];
}

/** Sorts a range's posts and free slots into the days shown, with their wall times. */
export function byDay(
  days: DayKey[],
  zone: string,
  items: CalendarItem[],
  free: FreeSlotView[],
): DayContent[] {
  const bounds = dayBoundaries(days, zone);
  const out: DayContent[] = days.map(() => ({ items: [], free: [] }));
  const place = (at: number) => {
    const index = dayIndexOf(at, bounds);
    if (index === -1) return null;
    const minute = minuteInDay(at, bounds[index] ?? 0, bounds[index + 1] ?? 0, zone);
    return { index, minute, time: hhmm(minute) };
  };
  for (const item of items) {
    const p = place(item.at);
    if (p !== null) out[p.index]?.items.push({ item, time: p.time, minute: p.minute });
  }
  for (const slot of free) {
    const p = place(slot.at);
    if (p !== null) out[p.index]?.free.push({ slot, time: p.time, minute: p.minute });
  }
  return out;
}

interface Props {
  span: Span;
  zone: string;
  today: DayKey;
  /** Each day's first posts (calendar:days). */
  items: CalendarItem[];
  /** How many posts each of the month's days holds. */
  totals: ReadonlyMap<DayKey, number> | null;
  /** The store's load count: an opened day reads its posts again after each load. */
  loads: number;
  free: FreeSlotView[];
  campaigns: Campaign[];
  clients: ReadonlyMap<string, Client>;
  accounts: ReadonlyMap<string, SocialAccount>;
  onNewPost: (day: DayKey) => void;
}

/**
 * Chips drawn per day before "+N more"; the day's other posts are read and drawn when it
 * is opened. A cell shows about this many at once, and a month at 1,000,000 posts then
 * reads and draws ~250 chips instead of 16,000 (the render budget: 150 ms in Chromium).
 */
const chipsPerDay = monthChipsPerDay;
const freePerDay = 3;

export function MonthView({
  span,
  zone,
  today,
  items,
  totals,
  loads,
  free,
  campaigns,
  clients,
  accounts,
  onNewPost,
}: Props) {
  const content = useMemo(
    () => byDay(span.days, zone, items, free),
    [span.days, zone, items, free],
  );
  return (
    <div className="cal-month" role="region" aria-label="Month" data-cal-grid="month">
      <div className="cal-month-head" aria-hidden="true">
        {weekdays.map((d) => (
          <div key={d} className="cal-weekday">
            {d}
          </div>
        ))}
      </div>
      <div className="cal-month-body">
        {span.days.map((day, i) => (
          <MonthDay
            key={i}
            index={i}
            day={day}
            inMonth={day.startsWith(span.month ?? '')}
            today={day === today}
            past={day < today}
            content={content[i] ?? { items: [], free: [] }}
            total={totals?.get(day)}
            zone={zone}
            loads={loads}
            campaigns={campaigns}
            clients={clients}
            accounts={accounts}
            onNewPost={onNewPost}
          />
        ))}
      </div>
    </div>
  );
}

interface DayProps {
  index: number;
  day: DayKey;
  inMonth: boolean;
  today: boolean;
  past: boolean;
  content: DayContent;
  /** How many posts the day holds; undefined: as many as it was given. */
  total: number | undefined;
  zone: string;
  loads: number;
  campaigns: Campaign[];
  clients: ReadonlyMap<string, Client>;
  accounts: ReadonlyMap<string, SocialAccount>;
  onNewPost: (day: DayKey) => void;
}

/**
 * A day's posts once the cell is opened: the first chips are on hand, the rest are read
 * with calendar:range for that day (again after each load, so a move or an edit shows).
 */
function useOpenedDay(open: boolean, day: DayKey, zone: string, loads: number) {
  const [read, setRead] = useState<{ key: string; items: DayContent['items'] } | null>(null);
  const key = `${day}|${zone}|${String(loads)}`;
  useEffect(() => {
    if (!open) return;
    let current = true;
    void useCalendar
      .getState()
      .readDay(day, zone)
      .then((result) => {
        if (!current) return;
        if (!result.ok) {
          showError(result.error.message);
          return;
        }
        setRead({ key, items: byDay([day], zone, result.value, [])[0]?.items ?? [] });
      });
    return () => {
      current = false;
    };
  }, [open, day, zone, key]);
  return open && read?.key === key ? read.items : null;
}

const MonthDay = memo(function MonthDay({
  index,
  day,
  inMonth,
  today,
  past,
  content,
  total,
  zone,
  loads,
  campaigns,
  clients,
  accounts,
  onNewPost,
}: DayProps) {
  // Keyed by position, not date, so moving to another month re-registers nothing.
  const { setNodeRef, isOver } = useDroppable({
    id: `cell:${String(index)}`,
    data: { day: inMonth ? day : null },
  });
  const running = campaigns.filter(
    (c) => (c.startsOn === null || c.startsOn <= day) && (c.endsOn === null || c.endsOn >= day),
  );
  const count = Math.max(total ?? 0, content.items.length);
  const empty = count === 0;
  const label = longDay(day);
  const [expanded, setExpanded] = useState(false);
  // A new month resets the cell (the component is reused by position).
  const [expandedDay, setExpandedDay] = useState(day);
  if (expandedDay !== day) {
    setExpandedDay(day);
    setExpanded(false);
  }
  const opened = useOpenedDay(expanded && count > content.items.length, day, zone, loads);
  // Opened: every post once read (the first ones meanwhile, and "+N more" says so).
  const shown = opened ?? (expanded ? content.items : content.items.slice(0, chipsPerDay));
  const hiddenCount = Math.max(count - shown.length, 0);
  // Free slots of many accounts would crowd a day: a few, the rest with the posts.
  const shownFree = expanded ? content.free : content.free.slice(0, freePerDay);
  const hiddenFree = content.free.length - shownFree.length;
  return (
    <div
      ref={setNodeRef}
      role="group"
      className={`cal-day${inMonth ? '' : ' cal-day-outside'}${today ? ' cal-today' : ''}${isOver ? ' cal-over' : ''}`}
      data-day={day}
      aria-label={`${label}${today ? ', today' : ''}: ${plural(count, 'post')}`}
    >
      <div className="cal-day-head">
        <span className="cal-day-number">{Number(day.slice(8))}</span>
        {today && <span className="cal-today-badge">Today</span>}
        {inMonth && !past && !empty && (
          <button
            type="button"
            className="cal-new icon-button"
            aria-label={`New post on ${label}`}
            onClick={() => {
              onNewPost(day);
            }}
          >
            +
          </button>
        )}
      </div>
      {inMonth &&
        running.map((c) => (
          <div
            key={c.id}
            className="cal-campaign"
            style={{ ['--campaign' as string]: c.color }}
            title={`${c.name} (${campaignDates(c.startsOn, c.endsOn)})`}
          >
            {c.startsOn === day || day.endsWith('-01') || day === weekStartOf(day) ? c.name : ''}
          </div>
        ))}
      {inMonth && (
        <div className="cal-day-items">
          {shown.map(({ item, time }) => (
            <PostChip
              key={item.id}
              item={item}
              time={time}
              clientName={clients.get(item.clientId)?.name ?? ''}
            />
          ))}
          {shownFree.map(({ slot, time }) => (
            <GhostSlot
              key={`${slot.accountId}:${String(slot.at)}`}
              slot={slot}
              time={time}
              account={accounts.get(slot.accountId)}
            />
          ))}
          {empty && !past && (
            <button
              type="button"
              className="cal-invite"
              onClick={() => {
                onNewPost(day);
              }}
            >
              <span aria-hidden="true">+ </span>New post
              <span className="visually-hidden"> on {label}</span>
            </button>
          )}
        </div>
      )}
      {/* Below the list, not in it: a busy day's list scrolls within the cell's height, and
          "+N more" stays in sight however many chips and campaigns are above it. */}
      {inMonth && (hiddenCount > 0 || hiddenFree > 0) && (
        <button
          type="button"
          className="cal-more"
          aria-label={`Show ${plural(hiddenCount, 'more post')} and ${plural(hiddenFree, 'more free slot')} on ${label}`}
          onClick={() => {
            setExpanded(true);
          }}
        >
          {hiddenCount > 0 ? `+${String(hiddenCount)} more` : `+${String(hiddenFree)} free slots`}
        </button>
      )}
    </div>
  );
});

/** Monday of a day's week, for labelling a campaign stripe at the start of each row. */
function weekStartOf(day: DayKey): DayKey {
  const date = new Date(`${day}T12:00:00Z`);
  const back = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}
