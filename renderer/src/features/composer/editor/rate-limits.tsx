// How much of their networks' rate limits the chosen accounts have spent, where the
// network says (Meta's usage headers, through accounts:rate-limits), beside the cost: a
// post to a Page near its limit waits, and the user sees why before scheduling.
import { useEffect, useState } from 'react';
import type { RateLimitNote, SocialAccount } from '../../../../../shared/accounts.ts';
import { shownHandle } from '../../../../../shared/networks/index.ts';
import { getBridge } from '../../../bridge/bridge.ts';
import { NetworkIcon } from '../../accounts/networks/network-icon.tsx';

export function RateLimits({ accounts }: { accounts: SocialAccount[] }) {
  // Notes with the accounts they were read for, so a changed choice shows none stale.
  const [read, setRead] = useState<{ ids: string; notes: RateLimitNote[] }>({ ids: '', notes: [] });
  const ids = accounts.map((a) => a.id).join(',');
  useEffect(() => {
    if (ids === '') return;
    let live = true;
    void getBridge()
      .invoke('accounts:rate-limits', { accountIds: ids.split(',') })
      .then((result) => {
        if (live) setRead({ ids, notes: result.ok ? result.value : [] });
      });
    return () => {
      live = false;
    };
  }, [ids]);
  const notes = read.ids === ids ? read.notes : [];
  if (notes.length === 0) return null;
  return (
    <ul className="composer-cost composer-rate-limits" aria-label="Rate limits">
      {notes.map((note, index) => {
        // Named as the posting limits below name it: an Instagram account has no display name.
        const account = accounts.find((a) => a.id === note.accountId);
        return (
          <li key={`${note.accountId}-${String(index)}`} className="composer-quota">
            {account !== undefined && <NetworkIcon platform={account.platform} size={14} />}
            <span>
              <strong>
                {account === undefined
                  ? note.accountId
                  : shownHandle(account.platform, account.handle)}
              </strong>
              : {note.words}
              {note.until !== null && (
                <span className="muted">
                  {' '}
                  Posts wait until{' '}
                  {new Date(note.until).toLocaleTimeString([], {
                    hour: '2-digit',
                    minute: '2-digit',
                  })}
                  .
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
