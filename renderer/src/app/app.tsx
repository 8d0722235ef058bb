// The top of the UI: a full-page explanation when this page cannot reach the core,
// otherwise the app frame.
import { useConnection } from '../bridge/connection-store.ts';
import { AppFrame } from './app-frame.tsx';
import { ConnectionBlocked } from './connection-blocked.tsx';

export function App() {
  const status = useConnection((s) => s.status);
  if (status === 'refused' || status === 'no-token') return <ConnectionBlocked reason={status} />;
  return <AppFrame />;
}
