// The week: seven day columns on a 24-hour scale in the zone shown. Posts and free slots
// sit at their wall time, grouped per 15-minute row (week-row.tsx); a post dragged here lands on the
// quarter hour nearest where it is dropped (see calendar-page's drop rule).
import { useDroppable } from '@dnd-kit/core';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { SocialAccount } from '../../../../shared/accounts.ts';
import type { CalendarItem, FreeSlotView } from '../../../../shared/calendar.ts';
import type { Client } from '../../../../shared/clients.ts';
import { hhmm, minutesPerSlot, shortDay, type DayKey, type Span } from './calendar-time.ts';
import { byDay, type DayContent } from './month-view.tsx';
import { WeekRow } from './week-row.tsx';

/** Pixels per hour on the week's time scale; a 15-minute row is a quarter of it. */
export const hourHeight = 80;
export const slotHeight = (hourHeight * minutesPerSlot) / 60;

interface Props {
  span: Span;
  zone: string;
  today: DayKey;
  now: number;
  nowMinute: number;
  items: CalendarItem[];
  free: FreeSlotView[];
  clients: ReadonlyMap<string, Client>;
  accounts: ReadonlyMap<string, SocialAccount>;
  onNewPost: (day: DayKey, minute: number) => void;
}

const hours = Array.from({ length: 24 }, (_, h) => h);

export function WeekView({
  span,
  zone,
  today,
  nowMinute,
  items,
  free,
  clients,
  accounts,
  onNewPost,
}: Props) {
  const content = useMemo(
    () => byDay(span.days, zone, items, free),
    [span.days, zone, items, free],
  );
  const scroller = useRef<HTMLDivElement>(null);
  // Open on the working day, not on midnight; a little above 07:00 so its label, centred
  // on the hour's line, is not cut in half by the top edge.
  useEffect(() => {
    if (scroller.current !== null) scroller.current.scrollTop = 7 * hourHeight - 12;
  }, []);
  return (
    <div className="cal-week" data-cal-grid="week">
      <div className="cal-week-head">
        <div className="cal-week-gutter" />
        {span.days.map((day) => (
          <div key={day} className={`cal-week-dayhead${day === today ? ' cal-today' : ''}`}>
            {shortDay(day)}
            {day === today && <span className="cal-today-badge">Today</span>}
          </div>
        ))}
      </div>
      <div className="cal-week-scroll" ref={scroller}>
        <div className="cal-week-body" style={{ height: 24 * hourHeight }}>
          <div className="cal-week-gutter">
            {hours.map((h) => (
              <div key={h} className="cal-hour-label" style={{ top: h * hourHeight }}>
                {hhmm(h * 60)}
              </div>
            ))}
          </div>
          {span.days.map((day, i) => (
            <WeekColumn
              key={day}
              day={day}
              today={day === today}
              past={day < today}
              nowMinute={day === today ? nowMinute : null}
              content={content[i] ?? { items: [], free: [] }}
              clients={clients}
              accounts={accounts}
              onNewPost={onNewPost}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

interface ColumnProps {
  day: DayKey;
  today: boolean;
  past: boolean;
  nowMinute: number | null;
  content: DayContent;
  clients: ReadonlyMap<string, Client>;
  accounts: ReadonlyMap<string, SocialAccount>;
  onNewPost: (day: DayKey, minute: number) => void;
}

const WeekColumn = memo(function WeekColumn({
  day,
  today,
  past,
  nowMinute,
  content,
  clients,
  accounts,
  onNewPost,
}: ColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: `col:${day}`, data: { day } });
  // One row per quarter hour that has something in it.
  const rows = new Map<number, { items: DayContent['items']; free: DayContent['free'] }>();
  const row = (minute: number) => {
    const key = Math.floor(minute / minutesPerSlot);
    let r = rows.get(key);
    if (r === undefined) {
      r = { items: [], free: [] };
      rows.set(key, r);
    }
    return r;
  };
  for (const entry of content.items) row(entry.minute).items.push(entry);
  for (const entry of content.free) row(entry.minute).free.push(entry);
  return (
    <div
      ref={setNodeRef}
      className={`cal-week-col${today ? ' cal-today' : ''}${isOver ? ' cal-over' : ''}${past ? ' cal-past' : ''}`}
      data-day={day}
      onDoubleClick={(e) => {
        if (e.target !== e.currentTarget) return;
        const y = e.nativeEvent.offsetY;
        onNewPost(day, Math.floor(y / slotHeight) * minutesPerSlot);
      }}
    >
      {hours.map((h) => (
        <div key={h} className="cal-hour-line" style={{ top: h * hourHeight }} />
      ))}
      {nowMinute !== null && (
        <div
          className="cal-now-line"
          style={{ top: (nowMinute / 60) * hourHeight }}
          aria-hidden="true"
        />
      )}
      {[...rows.entries()].map(([key, r]) => (
        <WeekRow
          key={key}
          day={day}
          top={key * slotHeight}
          items={r.items}
          free={r.free}
          roomBelow={!rows.has(key + 1)}
          clients={clients}
          accounts={accounts}
        />
      ))}
      {!past && (
        <button
          type="button"
          className="cal-new cal-week-new icon-button"
          aria-label={`New post on ${day}`}
          onClick={() => {
            onNewPost(day, 9 * 60);
          }}
        >
          +
        </button>
      )}
    </div>
  );
});
