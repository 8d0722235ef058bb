// Keeps the stores in step with the core: first load, push events from this or another
// window, and a full refetch after the socket reconnects (events may have been missed).
import { useEffect } from 'react';
import { getBridge } from '../bridge/bridge.ts';
import { useConnection } from '../bridge/connection-store.ts';
import { useClients } from '../features/clients/clients-store.ts';
import { usePreferences } from './preferences-store.ts';

function loadAll() {
  void usePreferences.getState().load();
  void usePreferences.getState().loadInfo();
  void useClients.getState().load();
}

function listen(target: EventTarget, type: string, handler: () => void): () => void {
  target.addEventListener(type, handler);
  return () => {
    target.removeEventListener(type, handler);
  };
}

export function useCoreSync(): void {
  useEffect(() => {
    const bridge = getBridge();
    loadAll();
    const stops = [
      bridge.on('preferences:changed', ({ preferences }) => {
        usePreferences.getState().receive(preferences);
      }),
      bridge.on('client:saved', ({ client }) => {
        useClients.getState().saved(client);
      }),
      useConnection.subscribe((state, previous) => {
        if (state.reconnects !== previous.reconnects) loadAll();
      }),
      // Coming back to the window after using the CLI, which sends no push events.
      listen(window, 'focus', () => {
        void useClients.getState().load();
      }),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, []);
}
