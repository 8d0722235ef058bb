// A client's connected accounts inside its row: who, whether it can post, and the
// Reconnect and Remove actions. Connect X itself sits with the row's other actions.
import { useMemo, useState } from 'react';
import type { SocialAccount } from '../../../../shared/accounts.ts';
import type { Client } from '../../../../shared/clients.ts';
import { showError, showToast } from '../../app/toasts/toast-store.ts';
import { AccountAvatar } from './account-avatar.tsx';
import { AccountStatusBadge } from './account-status.tsx';
import { accountsOf, useAccounts } from './accounts-store.ts';
import { useConnect } from './connect-store.ts';
import { QueueSlotsDialog } from './queue-slots-dialog.tsx';
import { RemoveAccountDialog } from './remove-account-dialog.tsx';
import './accounts.css';

export function ClientAccounts({ client }: { client: Client }) {
  const all = useAccounts((s) => s.accounts);
  const loaded = useAccounts((s) => s.status === 'ready');
  const remove = useAccounts((s) => s.remove);
  const connect = useConnect((s) => s.connect);
  const accounts = useMemo(() => accountsOf(all, client.id), [all, client.id]);
  const [removing, setRemoving] = useState<SocialAccount | null>(null);
  const [busy, setBusy] = useState(false);
  const [slotsOf, setSlotsOf] = useState<SocialAccount | null>(null);

  async function confirmRemove(account: SocialAccount) {
    setBusy(true);
    const result = await remove(account.id);
    setBusy(false);
    setRemoving(null);
    if (result.ok) showToast(`Removed @${account.handle} and its tokens.`);
    else showError(result.error.message);
  }

  if (accounts.length === 0) {
    return loaded ? <p className="accounts-empty">No X account connected yet.</p> : null;
  }

  return (
    <>
      <ul className="account-list" aria-label={`Accounts of ${client.name}`}>
        {accounts.map((account) => {
          const handle = `@${account.handle}`;
          return (
            <li key={account.id} className="account-item" data-status={account.status}>
              <AccountAvatar account={account} />
              <p className="account-text">
                {account.displayName.trim() === '' ? (
                  <span className="account-name">{handle}</span>
                ) : (
                  <>
                    <span className="account-name">{account.displayName}</span>
                    <span className="account-handle">{handle}</span>
                  </>
                )}
              </p>
              <AccountStatusBadge status={account.status} />
              <div className="account-actions">
                {account.status !== 'active' && (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={`Reconnect ${handle}`}
                    onClick={() => {
                      void connect({
                        clientId: client.id,
                        clientName: client.name,
                        handle: account.handle,
                      });
                    }}
                  >
                    Reconnect
                  </button>
                )}
                <button
                  type="button"
                  className="button button-ghost"
                  aria-label={`Queue slots of ${handle}`}
                  onClick={() => {
                    setSlotsOf(account);
                  }}
                >
                  Queue slots
                </button>
                <button
                  type="button"
                  className="button button-ghost"
                  aria-label={`Remove ${handle}`}
                  onClick={() => {
                    setRemoving(account);
                  }}
                >
                  Remove
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {slotsOf !== null && (
        <QueueSlotsDialog
          account={slotsOf}
          timezone={client.timezone}
          onClose={() => {
            setSlotsOf(null);
          }}
        />
      )}
      {removing !== null && (
        <RemoveAccountDialog
          account={removing}
          clientName={client.name}
          busy={busy}
          onCancel={() => {
            setRemoving(null);
          }}
          onConfirm={() => {
            void confirmRemove(removing);
          }}
        />
      )}
    </>
  );
}

/** The row action that starts connecting a new X account to the client. */
export function ConnectXButton({ client }: { client: Client }) {
  const connect = useConnect((s) => s.connect);
  return (
    <button
      type="button"
      className="button button-ghost connect-x-button"
      aria-label={`Connect X account to ${client.name}`}
      onClick={() => {
        void connect({ clientId: client.id, clientName: client.name, handle: null });
      }}
    >
      <XLogo />
      Connect X
    </button>
  );
}

export function XLogo() {
  return (
    <svg className="x-logo" viewBox="0 0 24 24" width="13" height="13" aria-hidden="true">
      <path
        fill="currentColor"
        d="M18.9 2H22l-6.8 7.8L23.2 22h-6.3l-4.9-6.4L6.4 22H3.3l7.3-8.3L2.8 2h6.4l4.4 5.9L18.9 2Zm-1.1 18.1h1.7L7.9 3.8H6.1l11.7 16.3Z"
      />
    </svg>
  );
}
