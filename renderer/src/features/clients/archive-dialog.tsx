// Asks before archiving; archiving is reversible, and the toast after it offers Undo.
import type { Client } from '../../../../shared/clients.ts';
import { ConfirmDialog } from '../../app/ui/confirm-dialog.tsx';

interface ArchiveDialogProps {
  client: Client;
  onCancel: () => void;
  onConfirm: () => void;
}

export function ArchiveDialog({ client, onCancel, onConfirm }: ArchiveDialogProps) {
  return (
    <ConfirmDialog
      title={`Archive ${client.name}?`}
      confirmLabel="Archive"
      tone="danger"
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>
        {client.name} will be hidden from your client list and calendar. Nothing is deleted, and you
        can unarchive it at any time.
      </p>
    </ConfirmDialog>
  );
}
