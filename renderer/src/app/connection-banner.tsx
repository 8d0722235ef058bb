// A thin, non-blocking banner while the browser host's socket is reconnecting.
import { useConnection } from '../bridge/connection-store.ts';

export function ConnectionBanner() {
  const reconnecting = useConnection((s) => s.status === 'reconnecting');
  return (
    <div className="connection-banner" role="status" data-visible={reconnecting}>
      {reconnecting && (
        <>
          <span className="spinner" aria-hidden="true" />
          <span>Reconnecting…</span>
          <span className="connection-banner-detail">Starling is not reachable right now.</span>
        </>
      )}
    </div>
  );
}
