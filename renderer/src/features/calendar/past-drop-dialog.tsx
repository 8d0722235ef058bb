// Asks before a post dropped on a time already past is moved: the core cannot schedule
// into the past, so the choice offered is to publish it now instead.
import type { CalendarItem } from '../../../../shared/calendar.ts';
import { ConfirmDialog } from '../../app/ui/confirm-dialog.tsx';
import { dateTimeIn } from './calendar-time.ts';

export interface PendingDrop {
  item: CalendarItem;
  at: number;
}

interface Props {
  pending: PendingDrop;
  zone: string;
  onCancel: () => void;
  onConfirm: () => void;
}

export function PastDropDialog({ pending, zone, onCancel, onConfirm }: Props) {
  return (
    <ConfirmDialog
      title="That time has passed"
      confirmLabel="Publish now"
      tone="primary"
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>
        {dateTimeIn(pending.at, zone)} is in the past. Publish “{pending.item.firstLine}” now
        instead? It stays where it was if you cancel.
      </p>
    </ConfirmDialog>
  );
}
