// The agenda: the month's days that have posts or free slots, in order, each post on one
// line. The same chips as the grids, so the same click, hover and keyboard move work.
import { useMemo } from 'react';
import type { SocialAccount } from '../../../../shared/accounts.ts';
import type { CalendarItem, FreeSlotView } from '../../../../shared/calendar.ts';
import type { Client } from '../../../../shared/clients.ts';
import { longDay, type DayKey, type Span } from './calendar-time.ts';
import { GhostSlot } from './ghost-slot.tsx';
import { byDay } from './month-view.tsx';
import { PostChip } from './post-chip.tsx';

interface Props {
  span: Span;
  zone: string;
  today: DayKey;
  items: CalendarItem[];
  free: FreeSlotView[];
  clients: ReadonlyMap<string, Client>;
  accounts: ReadonlyMap<string, SocialAccount>;
  onNewPost: (day: DayKey) => void;
}

export function ListView({ span, zone, today, items, free, clients, accounts, onNewPost }: Props) {
  const content = useMemo(
    () => byDay(span.days, zone, items, free),
    [span.days, zone, items, free],
  );
  const days = span.days
    .map((day, i) => ({ day, content: content[i] ?? { items: [], free: [] } }))
    .filter((d) => d.content.items.length > 0 || d.content.free.length > 0);
  if (days.length === 0) {
    return (
      <div className="cal-list-empty panel">
        <p>Nothing planned this month.</p>
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
  return (
    <ol className="cal-list" aria-label="Agenda">
      {days.map(({ day, content: c }) => (
        <li key={day} className={`cal-list-day${day === today ? ' cal-today' : ''}`} data-day={day}>
          <h2 className="cal-list-date">
            {longDay(day)}
            {day === today && <span className="cal-today-badge">Today</span>}
          </h2>
          <div className="cal-list-items">
            {c.items.map(({ item, time }) => (
              <PostChip
                key={item.id}
                item={item}
                time={time}
                clientName={clients.get(item.clientId)?.name ?? ''}
              />
            ))}
            {c.free.map(({ slot, time }) => (
              <GhostSlot
                key={`${slot.accountId}:${String(slot.at)}`}
                slot={slot}
                time={time}
                account={accounts.get(slot.accountId)}
              />
            ))}
          </div>
        </li>
      ))}
    </ol>
  );
}
