// How much of its network's own posting limit each chosen account has used, as the network
// counts it (accounts:posting-quota, [Note: posting quota]), under the cost: asked when
// the accounts or the number of parts change, never per keystroke (the core keeps each
// answer a minute), with a warning where this post would not fit in what is left.
import { useEffect, useState } from 'react';
import type { PostingQuotaNote, SocialAccount } from '../../../../../shared/accounts.ts';
import { getBridge } from '../../../bridge/bridge.ts';
import { AccountLabel } from './account-label.tsx';

export function PostingQuota({ accounts, parts }: { accounts: SocialAccount[]; parts: number }) {
  // Notes with what they were read for, so a changed choice shows none stale.
  const [read, setRead] = useState<{ key: string; notes: PostingQuotaNote[] }>({
    key: '',
    notes: [],
  });
  const ids = accounts.map((a) => a.id).join(',');
  const key = `${ids}/${String(parts)}`;
  useEffect(() => {
    if (ids === '') return;
    let live = true;
    void getBridge()
      .invoke('accounts:posting-quota', { accountIds: ids.split(','), parts })
      .then((result) => {
        if (live) setRead({ key, notes: result.ok ? result.value : [] });
      });
    return () => {
      live = false;
    };
  }, [ids, parts, key]);
  const notes = read.key === key ? read.notes : [];
  if (notes.length === 0) return null;
  return (
    <ul className="composer-cost composer-rate-limits" aria-label="Posting limits">
      {notes.map((note) => (
        <li key={note.accountId} className="composer-quota">
          <AccountLabel accounts={accounts} accountId={note.accountId}>
            <span className={note.used === null ? 'muted' : undefined}>{note.words}</span>
            {note.warning !== null && (
              <span className="composer-quota-warning">{note.warning}</span>
            )}
          </AccountLabel>
        </li>
      ))}
    </ul>
  );
}
