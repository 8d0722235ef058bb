// Token protection: whether the keys to the X accounts can be stored securely here, and
// the warning (with the desktop app's explicit opt-in to weaker protection) when not.
import { useEffect } from 'react';
import { canStoreTokens, useVault, weaklyProtected } from '../accounts/vault-store.ts';
import { VaultWarning } from '../accounts/vault-warning.tsx';

export function VaultSection() {
  const status = useVault((s) => s.status);
  const loadError = useVault((s) => s.loadError);
  const load = useVault((s) => s.load);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="settings-section panel" aria-labelledby="vault-heading">
      <div className="settings-section-text">
        <h2 id="vault-heading">Token protection</h2>
        <p>
          The tokens that let Starling post as your accounts are stored encrypted in the data
          folder, and are never shown or sent anywhere but the network each one belongs to.
        </p>
      </div>
      {status === null ? (
        <p className={loadError === null ? 'muted' : 'about-error'} role="status">
          {loadError ?? 'Checking…'}
        </p>
      ) : weaklyProtected(status) ? (
        <div className="vault-accepted">
          <p className="vault-accepted-title">Weaker protection accepted</p>
          <p className="muted">
            {status.reason ?? 'Your system offers no keychain.'} You chose to store tokens anyway;
            keep this computer and its backups to yourself.
          </p>
        </div>
      ) : canStoreTokens(status) ? (
        <p className="vault-ok">
          <CheckIcon />
          Tokens are stored securely on this computer.
        </p>
      ) : (
        <VaultWarning status={status} />
      )}
    </section>
  );
}

function CheckIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path d="M3 8.5l3 3 7-7" stroke="currentColor" strokeWidth="1.9" fill="none" />
    </svg>
  );
}
