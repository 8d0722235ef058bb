// While X asks the user to approve Starling: what to do in the browser, the link again
// (with Copy) in case no page opened, and the time left before the flow gives up.
import { useEffect } from 'react';
import type { ConnectFlow } from '../../../../shared/accounts.ts';
import { useNow } from '../../app/use-now.ts';
import { CopyValue } from '../../app/ui/copy-value.tsx';
import { useConnect } from './connect-store.ts';

function formatRemaining(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

export function ConnectWaiting({ flow }: { flow: ConnectFlow }) {
  const now = useNow(1000);
  const expired = useConnect((s) => s.expired);
  const remaining = Math.max(0, flow.expiresAt - now);
  const over = remaining === 0;

  useEffect(() => {
    if (over) expired(flow.flowId);
  }, [over, expired, flow.flowId]);

  return (
    <div className="connect-waiting">
      <p className="connect-progress" role="status">
        <span className="spinner" aria-hidden="true" />
        Waiting for X… approve Starling in your browser
      </p>
      <p className="muted">
        {flow.browserOpened
          ? 'Starling opened X in your browser.'
          : 'X opened in a new tab of this browser.'}{' '}
        Sign in as the account you want to connect, then choose <strong>Authorize app</strong>. This
        dialog updates by itself.
      </p>
      <div className="connect-link">
        <p className="connect-link-label">
          No page opened?{' '}
          <a href={flow.authorizeUrl} target="_blank" rel="noopener noreferrer">
            Open X’s authorization page
          </a>{' '}
          or copy the link into the browser where you’re signed in to X:
        </p>
        <CopyValue label="authorization link" value={flow.authorizeUrl} clamp />
      </div>
      <p className="countdown" role="timer">
        Expires in <span className="countdown-value">{formatRemaining(remaining)}</span>
      </p>
    </div>
  );
}
