// The start of a per-account line under the composer's cost (rate limits, posting
// limits): the network's mark and the account as its network names it (an Instagram
// account has no display name; a Page's name takes no "@"), then what is said of it.
import type { ReactNode } from 'react';
import type { SocialAccount } from '../../../../../shared/accounts.ts';
import { shownHandle } from '../../../../../shared/networks/index.ts';
import { NetworkIcon } from '../../accounts/networks/network-icon.tsx';

export function AccountLabel({
  accounts,
  accountId,
  children,
}: {
  accounts: SocialAccount[];
  accountId: string;
  children: ReactNode;
}) {
  // The notes are read for these accounts; the id is only a fallback should one not be.
  const account = accounts.find((a) => a.id === accountId);
  return (
    <>
      {account !== undefined && <NetworkIcon platform={account.platform} size={14} />}
      <span>
        <strong>
          {account === undefined ? accountId : shownHandle(account.platform, account.handle)}
        </strong>
        : {children}
      </span>
    </>
  );
}
