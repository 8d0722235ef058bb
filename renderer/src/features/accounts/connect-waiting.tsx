// While a network asks the user to approve Starling in the browser (X, a Mastodon
// instance): what to do there, the link again (with Copy) in case no page opened, where to
// paste the address the browser lands on (paste-address.tsx), and the time left before the
// flow gives up.
import { useEffect } from 'react';
import type { ConnectFlow } from '../../../../shared/accounts.ts';
import { useNow } from '../../app/use-now.ts';
import { CopyValue } from '../../app/ui/copy-value.tsx';
import { PasteAddress } from './paste-address.tsx';

function formatRemaining(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

interface Props {
  flow: ConnectFlow;
  /** The network waited for: "X", "Mastodon". */
  network: string;
  /** Where the user approves: "X", or the instance's host. */
  site: string;
  /** The button the user presses there. */
  approveLabel: string;
  /** The flow ran out of time while shown. */
  onExpired: (flowId: string) => void;
}

export function ConnectWaiting({ flow, network, site, approveLabel, onExpired }: Props) {
  const now = useNow(1000);
  const remaining = Math.max(0, flow.expiresAt - now);
  const over = remaining === 0;

  useEffect(() => {
    if (over) onExpired(flow.flowId);
  }, [over, onExpired, flow.flowId]);

  return (
    <div className="connect-waiting">
      <p className="connect-progress" role="status">
        <span className="spinner" aria-hidden="true" />
        Waiting for {network}… approve Starling in your browser
      </p>
      <p className="muted">
        {flow.browserOpened
          ? `Starling opened ${site} in your browser.`
          : `${site} opened in a new tab of this browser.`}{' '}
        Sign in as the account you want to connect, then choose <strong>{approveLabel}</strong>.
        {flow.awaitsPaste
          ? ' Then paste the address your browser shows below.'
          : ' This dialog updates by itself.'}
      </p>
      {flow.awaitsPaste && <PasteAddress flow={flow} site={site} />}
      <div className="connect-link">
        <p className="connect-link-label">
          No page opened?{' '}
          <a href={flow.authorizeUrl} target="_blank" rel="noopener noreferrer">
            Open {site}’s authorization page
          </a>{' '}
          or copy the link into the browser where you’re signed in to {site}:
        </p>
        <CopyValue label="authorization link" value={flow.authorizeUrl} clamp />
      </div>
      {!flow.awaitsPaste && (
        <details className="connect-elsewhere">
          <summary>Signing in on another computer?</summary>
          <PasteAddress flow={flow} site={site} />
        </details>
      )}
      <p className="countdown" role="timer">
        Expires in <span className="countdown-value">{formatRemaining(remaining)}</span>
      </p>
    </div>
  );
}
