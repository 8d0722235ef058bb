// The one "are you sure?" dialog: a question as its title, what will happen in its body, a
// way out that has the focus (so Enter never confirms by accident) and the action named
// for what it does. Archive, remove an account, publish a past drop now and delete from
// networks all ask through it, so they look, read and behave alike.
import { useId, type ReactNode } from 'react';
import { BusyButton } from './busy-button.tsx';
import { Modal } from './modal.tsx';

interface ConfirmDialogProps {
  title: ReactNode;
  /** What happens, in sentences; every paragraph is read out with the dialog. */
  children: ReactNode;
  confirmLabel: ReactNode;
  /** Danger for what cannot be taken back or hides something; primary otherwise. */
  tone: 'danger' | 'primary';
  cancelLabel?: string;
  /** The action is running: the button says so and ignores clicks. */
  busy?: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  tone,
  cancelLabel = 'Cancel',
  busy = false,
  onCancel,
  onConfirm,
}: ConfirmDialogProps) {
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
        <h2 id={`${uid}-title`}>{title}</h2>
      </header>
      <div className="modal-body modal-stack" id={`${uid}-text`}>
        {children}
      </div>
      <footer className="modal-footer">
        <button type="button" className="button button-secondary" data-autofocus onClick={onCancel}>
          {cancelLabel}
        </button>
        <BusyButton variant={tone} busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </BusyButton>
      </footer>
    </Modal>
  );
}
