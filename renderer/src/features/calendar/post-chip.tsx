// One post on the calendar: client colour, account picture (or monogram), time, status,
// first line and the mark of each network it goes to.
// Click (or Enter) opens it in the composer; drag it, or press Space and use the arrows,
// to move it. Published and in-flight posts cannot be moved and say so.
import { useDraggable } from '@dnd-kit/core';
import { memo } from 'react';
import { platforms } from '../../../../shared/accounts.ts';
import type { CalendarItem } from '../../../../shared/calendar.ts';
import type { PostStatus } from '../../../../shared/posts.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';
import { networkNames } from '../accounts/networks/network-glyphs.ts';
import { useAccountNetworks } from './chip-networks.ts';
import { hidePreview, showPreview } from './preview-store.ts';
import { statusLabel } from './status-label.ts';

/** Only posts still waiting can move; the core refuses the rest with CONFLICT anyway. */
export const movable = (status: PostStatus) =>
  status === 'scheduled' ||
  status === 'draft' ||
  status === 'failed' ||
  status === 'missed' ||
  status === 'needs_review';

/** "X, Bluesky and Mastodon": messages are English, written without the serial comma. */
const andList = new Intl.ListFormat('en-GB', { type: 'conjunction' });

export const openPost = (id: string) => {
  window.location.hash = `#/composer?post=${encodeURIComponent(id)}`;
};

interface ChipProps {
  item: CalendarItem;
  /** `09:30`, already formatted in the zone shown. */
  time: string;
  clientName: string;
  /** Week view places the chip itself; month and list views let it flow. */
  style?: React.CSSProperties;
}

export const PostChip = memo(function PostChip({ item, time, clientName, style }: ChipProps) {
  const canMove = movable(item.status);
  const { attributes, listeners, setNodeRef, isDragging, transform } = useDraggable({
    id: item.id,
    data: { item },
    disabled: !canMove,
  });
  const first = item.accounts[0];
  const monogram = (first?.handle[0] ?? '?').toUpperCase();
  const more = item.accounts.length > 1 ? `+${String(item.accounts.length - 1)}` : '';
  const networks = useAccountNetworks(item.accounts);
  const handles = item.accounts.map((a, i) => shownHandle(networks[i], a.handle)).join(', ');
  // Drawn by CSS from the marks avatar-sheet.ts defines, one per network, in a fixed order;
  // said in words by the chip's description.
  const marks = platforms.filter((p) => networks.includes(p));
  const on =
    marks.length === 0 ? undefined : `On ${andList.format(marks.map((p) => networkNames[p]))}`;
  const thread = item.parts > 1 ? `, thread of ${String(item.parts)}` : '';
  const held = item.held ? ', held by its server until its time' : '';
  const waiting = item.waiting === null ? '' : `, ${item.waiting}`;
  const approval = item.needsApproval ? ', needs approval' : '';
  // Starts with the visible text ("09:30 First line") so speech matches what is seen.
  const label = `${time} ${item.firstLine} (${clientName} ${handles}, ${statusLabel[item.status]}${thread}${held}${waiting}${approval})${canMove ? '' : ', cannot be moved'}`;
  return (
    <button
      ref={setNodeRef}
      type="button"
      className={`cal-chip cal-status-${item.status}${isDragging ? ' cal-chip-dragging' : ''}`}
      style={{
        ...style,
        ['--client' as string]: item.color,
        ...(marks.length > 0 && {
          ['--nets' as string]: marks.map((p) => `var(--net-${p})`).join(', '),
          ['--net-n' as string]: String(marks.length),
        }),
        ...(transform !== null && {
          transform: `translate3d(${String(transform.x)}px, ${String(transform.y)}px, 0)`,
        }),
      }}
      data-post-id={item.id}
      // Monogram, extra accounts and thread length are drawn by CSS from these, so a chip
      // is one element: a month can hold 2,000 of them.
      data-m={monogram}
      // Its picture, where the account has one (avatar-sheet.ts); else the monogram shows.
      data-a={first?.id}
      data-more={more === '' ? undefined : more}
      data-parts={item.parts > 1 ? String(item.parts) : undefined}
      data-nets={marks.length > 0 ? marks.join(' ') : undefined}
      data-held={item.held ? '' : undefined}
      data-waiting={item.waiting === null ? undefined : ''}
      data-approval={item.needsApproval ? 'needed' : undefined}
      aria-label={label}
      aria-description={on}
      {...attributes}
      {...listeners}
      aria-roledescription={canMove ? 'movable post' : 'post'}
      onClick={() => {
        openPost(item.id);
      }}
      onMouseEnter={(e) => {
        showPreview(item, e.currentTarget);
      }}
      onMouseLeave={hidePreview}
      onFocus={(e) => {
        showPreview(item, e.currentTarget);
      }}
      onBlur={hidePreview}
    >
      {time} {item.firstLine}
    </button>
  );
});
