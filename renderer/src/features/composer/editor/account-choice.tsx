// The composer's accounts: a checkbox for each of the client's accounts (any network),
// with its network named for screen readers and, in words, its status when not active or
// when its sign-in ends soon (account-notice.ts: the same words as the account list).
import type { SocialAccount } from '../../../../../shared/accounts.ts';
import { shownHandle } from '../../../../../shared/networks/index.ts';
import { useNow } from '../../../app/use-now.ts';
import { accountNotice, shownLabels } from '../../accounts/account-notice.ts';
import { NetworkIcon } from '../../accounts/networks/network-icon.tsx';
import { networkNames } from '../../accounts/networks/network-glyphs.ts';

interface Props {
  clientName: string;
  accounts: SocialAccount[];
  chosenIds: string[];
  onToggle: (accountId: string, on: boolean) => void;
}

export function AccountChoice({ clientName, accounts, chosenIds, onToggle }: Props) {
  const now = useNow(60_000);
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
          {accounts.map((a) => {
            const { status } = accountNotice(a, now);
            return (
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
                  <span className="composer-account-handle">
                    {shownHandle(a.platform, a.handle)}
                  </span>
                  <span className="visually-hidden"> ({networkNames[a.platform]})</span>
                  {status !== 'active' && (
                    <span className="muted"> ({shownLabels[status].toLowerCase()})</span>
                  )}
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
