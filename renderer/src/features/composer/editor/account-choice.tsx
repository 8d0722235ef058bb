// The composer's accounts: a checkbox for each of the client's accounts (any network),
// with its network named for screen readers and its status when not active.
import type { SocialAccount } from '../../../../../shared/accounts.ts';
import { NetworkIcon } from '../../accounts/networks/network-icon.tsx';
import { networkNames } from '../../accounts/networks/network-glyphs.ts';

interface Props {
  clientName: string;
  accounts: SocialAccount[];
  chosenIds: string[];
  onToggle: (accountId: string, on: boolean) => void;
}

export function AccountChoice({ clientName, accounts, chosenIds, onToggle }: Props) {
  return (
    <fieldset className="composer-accounts">
      <legend className="field-label">Accounts</legend>
      {accounts.length === 0 ? (
        <p className="muted">
          {clientName} has no connected accounts yet. Connect one in <a href="#/clients">Clients</a>
          . Drafts are saved without one.
        </p>
      ) : (
        <ul className="composer-account-list">
          {accounts.map((a) => (
            <li key={a.id}>
              <label className="composer-account">
                <input
                  type="checkbox"
                  className="checkbox"
                  checked={chosenIds.includes(a.id)}
                  onChange={(e) => {
                    onToggle(a.id, e.target.checked);
                  }}
                />
                <NetworkIcon platform={a.platform} size={14} />
                <span className="composer-account-handle">@{a.handle}</span>
                <span className="visually-hidden"> ({networkNames[a.platform]})</span>
                {a.status !== 'active' && <span className="muted"> ({a.status})</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
