// Shown when tokens cannot be stored securely: the core's reason, and, only in the desktop
// app, the explicit choice to accept weaker protection (Linux without a keyring).
import { useId, useState } from 'react';
import type { VaultStatus } from '../../../../shared/accounts.ts';
import { usePreferences } from '../../app/preferences-store.ts';
import { showError } from '../../app/toasts/toast-store.ts';
import { useVault } from './vault-store.ts';

interface VaultWarningProps {
  status: VaultStatus;
  /** Called once the user has accepted weaker protection. */
  onAccepted?: () => void;
}

export function VaultWarning({ status, onAccepted }: VaultWarningProps) {
  const uid = useId();
  const desktop = usePreferences((s) => s.info?.host === 'electron');
  const accept = useVault((s) => s.acceptWeakProtection);
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    if (!understood || busy) return;
    setBusy(true);
    const result = await accept();
    setBusy(false);
    if (result.ok) onAccepted?.();
    else showError(result.error.message);
  }

  return (
    <div className="vault-warning" aria-labelledby={`${uid}-title`} role="group">
      <h3 id={`${uid}-title`} className="vault-warning-title">
        <WarningIcon />
        Tokens can’t be stored securely here
      </h3>
      <p>
        {status.reason ??
          'Starling has no safe place on this computer to keep the keys to your clients’ accounts.'}
      </p>
      {desktop && status.canAcceptWeakProtection && !status.weakProtectionAccepted && (
        <div className="weak-protection">
          <p>
            You can still connect accounts. Starling then encrypts the tokens with a key that is
            stored without your system keychain’s protection: another program running as you, or
            anyone with a copy of your data folder, could recover the tokens and post as your
            clients’ accounts.
          </p>
          <label className="toggle toggle-wrap">
            <input
              type="checkbox"
              className="checkbox"
              data-autofocus
              checked={understood}
              onChange={(e) => {
                setUnderstood(e.target.checked);
              }}
            />
            I understand, and accept weaker protection on this computer
          </label>
          <div>
            <button
              type="button"
              className="button button-secondary"
              disabled={!understood}
              data-busy={busy}
              onClick={() => {
                void confirm();
              }}
            >
              Use weaker protection
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

export function WarningIcon() {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" className="warning-icon">
      <path
        d="M10 2.5 18.5 17h-17L10 2.5Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinejoin="round"
      />
      <path d="M10 8v4.2" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
      <circle cx="10" cy="14.6" r="1" fill="currentColor" />
    </svg>
  );
}
