// "Let the instance hold posts": for an account on a network that can keep scheduled
// posts itself (Mastodon), its posts due later are handed to the server and go out at
// their time while this computer sleeps (see [Note: hand-off] in the core).
import { useState } from 'react';
import type { SocialAccount } from '../../../../shared/accounts.ts';
import { networkRules, shownHandle } from '../../../../shared/networks/index.ts';
import { showError, showToast } from '../../app/toasts/toast-store.ts';
import { useAccounts } from './accounts-store.ts';
import { serverHost } from './networks/network-glyphs.ts';

export function HandOffToggle({ account }: { account: SocialAccount }) {
  const setHandOff = useAccounts((s) => s.setHandOff);
  // The choice shows at once; the account's own value once the core answered.
  const [pending, setPending] = useState<boolean | null>(null);
  if (!networkRules[account.platform].holdsPosts) return null;
  const server = serverHost(account) ?? 'the server';
  const handle = shownHandle(account.platform, account.handle);
  return (
    <label
      className="hand-off-toggle"
      title={`${server} holds single posts due more than 5 minutes ahead and publishes them at their time, even while this computer sleeps. Threads are always published by Starling.`}
    >
      <input
        type="checkbox"
        checked={pending ?? account.handOff}
        disabled={pending !== null}
        onChange={(e) => {
          const on = e.currentTarget.checked;
          setPending(on);
          void setHandOff(account.id, on).then((result) => {
            setPending(null);
            if (!result.ok) {
              showError(result.error.message);
              return;
            }
            showToast(
              on
                ? `${server} now holds ${handle}'s posts until their time.`
                : `Starling publishes ${handle}'s posts itself again.`,
            );
          });
        }}
      />
      Server holds posts
    </label>
  );
}
