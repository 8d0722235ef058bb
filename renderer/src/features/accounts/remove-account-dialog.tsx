// Asks before removing an account: unlike archiving a client, this cannot be undone
// (the tokens are deleted), so the dialog says what goes and what stays, on the account's
// own network and in Starling. An account with posts still to go out is refused by the
// core (accounts.ts remove), and the dialog shows why.
import type { SocialAccount } from '../../../../shared/accounts.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';
import { ConfirmDialog } from '../../app/ui/confirm-dialog.tsx';
import { networkNames } from './networks/network-glyphs.ts';

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
  const handle = shownHandle(account.platform, account.handle);
  const network = networkNames[account.platform];
  return (
    <ConfirmDialog
      title={`Remove ${handle}?`}
      confirmLabel="Remove account"
      tone="danger"
      busy={busy}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>
        Starling deletes the access tokens it keeps for {handle} on this computer and revokes them
        at {network} where it can. {clientName} can no longer post as {handle} until you connect it
        again.
      </p>
      <p>
        Nothing already on {network} is deleted. In Starling, the record of which posts went out as{' '}
        {handle}, and their figures, go with the account; drafts keep their text.
      </p>
    </ConfirmDialog>
  );
}
