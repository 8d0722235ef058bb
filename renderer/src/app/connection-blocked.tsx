// Full page shown when this browser tab cannot talk to Starling at all: opened without the
// token, or with a token the running server does not accept (e.g. after a restart).
import './styles/blocked.css';

interface ConnectionBlockedProps {
  reason: 'refused' | 'no-token';
}

export function ConnectionBlocked({ reason }: ConnectionBlockedProps) {
  return (
    <main className="blocked">
      <div className="blocked-card panel" role="alert">
        <h1>
          {reason === 'no-token'
            ? 'Open Starling from the address it printed'
            : 'This address is no longer valid'}
        </h1>
        <p>
          {reason === 'no-token'
            ? 'This page was opened without its access token, so it cannot reach your data.'
            : 'Starling is running but refused this page. Each start of Starling uses a new access token, so an address from an earlier start no longer works.'}
        </p>
        <ol>
          <li>
            Go to the terminal where you ran <code>starling serve</code> (start it if it is not
            running).
          </li>
          <li>
            Open the exact address it printed, the one ending in <code>#token=…</code>.
          </li>
        </ol>
        <p className="blocked-note">
          The token keeps other websites and other people on this computer away from your data.
        </p>
      </div>
    </main>
  );
}
