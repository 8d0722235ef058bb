// Picks the transport once at start: the Electron preload when it is there, otherwise the
// browser host's socket. The rest of the renderer only sees the `Bridge` interface.
import type { Bridge, PreloadApi } from '../../../shared/ipc/bridge.ts';
import { useConnection } from './connection-store.ts';
import { createElectronBridge } from './electron-bridge.ts';
import { createSocketBridge, probeServer } from './socket-bridge.ts';
import { takeSocketToken } from './socket-token.ts';
import { transportFailure } from './results.ts';

declare global {
  interface Window {
    starling?: PreloadApi;
  }
}

let current: Bridge | null = null;

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** A bridge for a page that cannot reach the core at all: every call fails plainly. */
function disconnectedBridge(message: string): Bridge {
  return {
    invoke: () => Promise.resolve(transportFailure('UNAUTHORIZED', message)),
    on: () => () => undefined,
  };
}

export function startBridge(): Bridge {
  if (current !== null) return current;
  const { setStatus } = useConnection.getState();
  if (window.starling !== undefined) {
    current = createElectronBridge(window.starling);
    setStatus('open');
    return current;
  }
  const token = takeSocketToken({
    location: window.location,
    history: window.history,
    storage: safeSessionStorage(),
  });
  if (token === null) {
    current = disconnectedBridge('This page was opened without its access token.');
    setStatus('no-token');
    return current;
  }
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  current = createSocketBridge({
    url: `${scheme}://${window.location.host}/ipc?token=${encodeURIComponent(token)}`,
    probe: () => probeServer(window.location.origin),
    onStatus: setStatus,
  });
  return current;
}

/** The bridge chosen by startBridge(); the app calls that before the first render. */
export function getBridge(): Bridge {
  if (current === null) throw new Error('startBridge() must run before the UI uses the bridge.');
  return current;
}
