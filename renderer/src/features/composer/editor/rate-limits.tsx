// How much of their networks' rate limits the chosen accounts have spent, where the
// network says (Meta's usage headers, through accounts:rate-limits), beside the cost: a
// post to a Page near its limit waits, and the user sees why before scheduling.
import { useEffect, useState } from 'react';
import type { RateLimitNote, SocialAccount } from '../../../../../shared/accounts.ts';
import { getBridge } from '../../../bridge/bridge.ts';
import { AccountLabel } from './account-label.tsx';

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
      {notes.map((note, index) => (
        <li key={`${note.accountId}-${String(index)}`} className="composer-quota">
          <AccountLabel accounts={accounts} accountId={note.accountId}>
            {note.words}
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
          </AccountLabel>
        </li>
      ))}
    </ul>
  );
}
