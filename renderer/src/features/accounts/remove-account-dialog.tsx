// Asks before removing an account: unlike archiving a client, this cannot be undone
// (the tokens are deleted), so the dialog says what goes and what stays.
import { useId } from 'react';
import type { SocialAccount } from '../../../../shared/accounts.ts';
import { Modal } from '../../app/ui/modal.tsx';
import { BusyButton } from '../../app/ui/busy-button.tsx';

interface RemoveAccountDialogProps {
  account: SocialAccount;
  clientName: string;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}

export function RemoveAccountDialog({
  account,
  clientName,
  busy,
  onCancel,
  onConfirm,
}: RemoveAccountDialogProps) {
  const uid = useId();
  const handle = `@${account.handle}`;
  return (
    <Modal
      role="alertdialog"
      size="small"
      labelledBy={`${uid}-title`}
      describedBy={`${uid}-text`}
      onClose={onCancel}
    >
      <header className="modal-header">
        <h2 id={`${uid}-title`}>Remove {handle}?</h2>
      </header>
      <div className="modal-body modal-stack" id={`${uid}-text`}>
        <p>
          Starling deletes the access tokens it keeps for {handle} on this computer and revokes them
          at X where it can. {clientName} can no longer post as {handle} until you connect it again.
        </p>
        <p>Nothing already on X is deleted.</p>
      </div>
      <footer className="modal-footer">
        <button type="button" className="button button-secondary" data-autofocus onClick={onCancel}>
          Cancel
        </button>
        <BusyButton variant="danger" busy={busy} onClick={onConfirm}>
          Remove account
        </BusyButton>
      </footer>
    </Modal>
  );
}
