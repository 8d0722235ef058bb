// A client's connected accounts inside its row: who, on which network (and server), whether
// it can post (and when a sign-in that cannot renew itself ends), and the Reconnect and
// Remove actions; below them, a Connect button per network. Which dialog connects or
// reconnects an account is the network registry's business (networks/registry.tsx).
import { useMemo, useState } from 'react';
import type { SocialAccount } from '../../../../shared/accounts.ts';
import type { Client } from '../../../../shared/clients.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';
import { showError, showToast } from '../../app/toasts/toast-store.ts';
import { useNow } from '../../app/use-now.ts';
import { AccountAvatar } from './account-avatar.tsx';
import { accountNotice } from './account-notice.ts';
import { AccountStatusBadge } from './account-status.tsx';
import { accountsOf, useAccounts } from './accounts-store.ts';
import { NetworkBadge, NetworkIcon } from './networks/network-icon.tsx';
import { networkNames, serverHost } from './networks/network-glyphs.ts';
import { connectablePlatforms, startConnect } from './networks/registry.tsx';
import { QueueSlotsDialog } from './queue-slots-dialog.tsx';
import { HandOffToggle } from './hand-off-toggle.tsx';
import { RemoveAccountDialog } from './remove-account-dialog.tsx';
import './accounts.css';

export function ClientAccounts({ client }: { client: Client }) {
  const all = useAccounts((s) => s.accounts);
  const loaded = useAccounts((s) => s.status === 'ready');
  const remove = useAccounts((s) => s.remove);
  const accounts = useMemo(() => accountsOf(all, client.id), [all, client.id]);
  const [removing, setRemoving] = useState<SocialAccount | null>(null);
  const [busy, setBusy] = useState(false);
  const [slotsOf, setSlotsOf] = useState<SocialAccount | null>(null);
  // Sign-ins end by the clock, not by an event: look again every minute.
  const now = useNow(60_000);

  function reconnect(account: SocialAccount) {
    const { handle, serviceUrl, platformUserId } = account;
    startConnect({
      clientId: client.id,
      clientName: client.name,
      platform: account.platform,
      reconnect: { handle, serviceUrl, platformUserId },
    });
  }

  async function confirmRemove(account: SocialAccount) {
    setBusy(true);
    const result = await remove(account.id);
    setBusy(false);
    setRemoving(null);
    if (result.ok)
      showToast(`Removed ${shownHandle(account.platform, account.handle)} and its tokens.`);
    else showError(result.error.message);
  }

  if (accounts.length === 0) {
    return loaded ? <p className="accounts-empty">No account connected yet.</p> : null;
  }

  return (
    <>
      <ul className="account-list" aria-label={`Accounts of ${client.name}`}>
        {accounts.map((account) => {
          const handle = shownHandle(account.platform, account.handle);
          const notice = accountNotice(account, now);
          return (
            <li key={account.id} className="account-item" data-status={notice.status}>
              <AccountAvatar account={account} />
              <p className="account-text">
                {/* A Page's or a LinkedIn member's handle is its name: said once. */}
                {account.displayName.trim() === '' || account.displayName.trim() === handle ? (
                  <span className="account-name" title={handle}>
                    {handle}
                  </span>
                ) : (
                  <>
                    <span className="account-name" title={account.displayName}>
                      {account.displayName}
                    </span>
                    <span className="account-handle" title={handle}>
                      {handle}
                    </span>
                  </>
                )}
                <NetworkBadge platform={account.platform} server={serverHost(account)} />
                {/* Under the server it is about, not among the actions: an action column
                    that wide would cut every row's handle short. */}
                <HandOffToggle account={account} />
              </p>
              <AccountStatusBadge status={notice.status} />
              <div className="account-actions">
                {notice.reconnect && (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={`Reconnect ${handle}`}
                    onClick={() => {
                      reconnect(account);
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
              {notice.note !== null && <p className="account-note">{notice.note}</p>}
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

/**
 * Under the client's accounts, one button per network to connect another (below the list
 * rather than among the row's actions, so the client's name keeps its room).
 */
export function ConnectButtons({ client }: { client: Client }) {
  return (
    <div className="connect-buttons" role="group" aria-label={`Connect accounts to ${client.name}`}>
      {connectablePlatforms.map((platform) => (
        <button
          key={platform}
          type="button"
          className="button button-ghost connect-network-button"
          aria-label={`Connect ${networkNames[platform]} account to ${client.name}`}
          onClick={() => {
            startConnect({
              clientId: client.id,
              clientName: client.name,
              platform,
              reconnect: null,
            });
          }}
        >
          <NetworkIcon platform={platform} size={14} />
          Connect {networkNames[platform]}
        </button>
      ))}
    </div>
  );
}
