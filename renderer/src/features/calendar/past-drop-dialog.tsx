// Asks before a post dropped on a time already past is moved: the core cannot schedule
// into the past, so the choice offered is to publish it now instead.
import { useId } from 'react';
import type { CalendarItem } from '../../../../shared/calendar.ts';
import { Modal } from '../../app/ui/modal.tsx';
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
  const uid = useId();
  return (
    <Modal
      role="alertdialog"
      size="small"
      labelledBy={`${uid}-title`}
      describedBy={`${uid}-text`}
      onClose={onCancel}
    >
      <header className="modal-header">
        <h2 id={`${uid}-title`}>That time has passed</h2>
      </header>
      <div className="modal-body">
        <p id={`${uid}-text`}>
          {dateTimeIn(pending.at, zone)} is in the past. Publish “{pending.item.firstLine}” now
          instead? It stays where it was if you cancel.
        </p>
      </div>
      <footer className="modal-footer">
        <button type="button" className="button button-secondary" data-autofocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-primary" onClick={onConfirm}>
          Publish now
        </button>
      </footer>
    </Modal>
  );
}
