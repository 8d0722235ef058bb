// How the renderer is connected to the core. Electron is always "open"; the browser host's
// socket moves between the other states and the app frame shows them.
import { create } from 'zustand';

export type ConnectionStatus =
  /** First attempt in progress. */
  | 'connecting'
  | 'open'
  /** The socket dropped (or the server is down); retrying with backoff. */
  | 'reconnecting'
  /** The server is up but refused this page's token: a stale or wrong address. */
  | 'refused'
  /** Opened without `#token=…` and nothing saved in this tab. */
  | 'no-token';

interface ConnectionState {
  status: ConnectionStatus;
  /** Bumped each time the connection opens again after a drop, so views can refetch. */
  reconnects: number;
  setStatus: (status: ConnectionStatus) => void;
}

export const useConnection = create<ConnectionState>()((set, get) => ({
  status: 'connecting',
  reconnects: 0,
  setStatus(status) {
    const previous = get().status;
    if (previous === status) return;
    const reopened = status === 'open' && previous === 'reconnecting';
    set({ status, reconnects: get().reconnects + (reopened ? 1 : 0) });
  },
}));
