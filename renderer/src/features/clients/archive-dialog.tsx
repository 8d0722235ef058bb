// Asks before archiving; archiving is reversible, and the toast after it offers Undo.
import { useId } from 'react';
import type { Client } from '../../../../shared/clients.ts';
import { Modal } from '../../app/ui/modal.tsx';

interface ArchiveDialogProps {
  client: Client;
  onCancel: () => void;
  onConfirm: () => void;
}

export function ArchiveDialog({ client, onCancel, onConfirm }: ArchiveDialogProps) {
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
        <h2 id={`${uid}-title`}>Archive {client.name}?</h2>
      </header>
      <div className="modal-body">
        <p id={`${uid}-text`}>
          {client.name} will be hidden from your client list and calendar. Nothing is deleted, and
          you can unarchive it at any time.
        </p>
      </div>
      <footer className="modal-footer">
        <button type="button" className="button button-secondary" data-autofocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm}>
          Archive
        </button>
      </footer>
    </Modal>
  );
}
