// One quarter hour of a week column. A column is ~100 px wide, so posts at the same time
// side by side would each be a sliver reading "0…": the first is drawn at full width and
// the rest sit behind a "+N more" disclosure that opens them stacked over the column.
import { useState } from 'react';
import type { SocialAccount } from '../../../../shared/accounts.ts';
import type { Client } from '../../../../shared/clients.ts';
import { plural, pluralWord } from '../../../../shared/plural.ts';
import { longDay, type DayKey } from './calendar-time.ts';
import { GhostSlot } from './ghost-slot.tsx';
import type { DayContent } from './month-view.tsx';
import { PostChip } from './post-chip.tsx';

interface Props {
  day: DayKey;
  top: number;
  items: DayContent['items'];
  free: DayContent['free'];
  /** The next quarter hour is empty: "+N more" gets a line of its own under the first. */
  roomBelow: boolean;
  clients: ReadonlyMap<string, Client>;
  accounts: ReadonlyMap<string, SocialAccount>;
}

/** What "+N more" holds, for the button's name: "posts at 09:00 on Monday, 14 June". */
function hiddenLabel(posts: number, free: number, time: string, day: DayKey): string {
  const when = `at ${time} on ${longDay(day)}`;
  if (free === 0) return `${pluralWord(posts, 'post')} ${when}`;
  if (posts === 0) return `free ${pluralWord(free, 'slot')} ${when}`;
  return `${when}: ${plural(posts, 'post')} and ${plural(free, 'free slot')}`;
}

export function WeekRow({ day, top, items, free, roomBelow, clients, accounts }: Props) {
  const [open, setOpen] = useState(false);
  const entries = [
    ...items.map(({ item, time }) => (
      <PostChip
        key={item.id}
        item={item}
        time={time}
        clientName={clients.get(item.clientId)?.name ?? ''}
      />
    )),
    ...free.map(({ slot, time }) => (
      <GhostSlot
        key={`${slot.accountId}:${String(slot.at)}`}
        slot={slot}
        time={time}
        account={accounts.get(slot.accountId)}
      />
    )),
  ];
  const hidden = entries.length - 1;
  if (hidden === 0) {
    return (
      <div className="cal-week-row" style={{ top }}>
        {entries}
      </div>
    );
  }
  const time = items[0]?.time ?? free[0]?.time ?? '';
  const hiddenPosts = items.length - (items.length > 0 ? 1 : 0);
  const hiddenFree = free.length - (items.length > 0 ? 0 : 1);
  const layout = open ? ' cal-week-row-open' : roomBelow ? ' cal-week-row-stack' : '';
  return (
    <div
      className={`cal-week-row${layout}`}
      style={{ top }}
      onKeyDown={(e) => {
        if (open && e.key === 'Escape') {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      {open ? entries : entries[0]}
      {/* The same element open or closed, so focus stays on it when it toggles. */}
      <button
        type="button"
        className="cal-week-more"
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
        }}
      >
        <span className="cal-week-more-count">
          {open ? 'Show fewer' : roomBelow ? `+${String(hidden)} more` : `+${String(hidden)}`}
        </span>
        <span className="visually-hidden">
          {!open && !roomBelow && ' more'} {hiddenLabel(hiddenPosts, hiddenFree, time, day)}
        </span>
      </button>
    </div>
  );
}
