// Keeps the stores in step with the core: first load, push events from this or another
// window, and a full refetch after the socket reconnects (events may have been missed).
import { useEffect } from 'react';
import { getBridge } from '../bridge/bridge.ts';
import { useConnection } from '../bridge/connection-store.ts';
import { useAccounts } from '../features/accounts/accounts-store.ts';
import { connectFlows } from '../features/accounts/networks/registry.tsx';
import { useClients } from '../features/clients/clients-store.ts';
import { useEditor } from '../features/composer/editor/editor-store.ts';
import { useReview } from '../features/review/review-store.ts';
import { usePreferences } from './preferences-store.ts';

function loadAll() {
  void usePreferences.getState().load();
  void usePreferences.getState().loadInfo();
  void useClients.getState().load();
  void useAccounts.getState().load();
  void useReview.getState().load();
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
      // A window open while the core starts learns here what a restore changed.
      bridge.on('data:restore-reconciled', ({ summary }) => {
        usePreferences.getState().receiveRestored(summary);
      }),
      bridge.on('app:restore-notice-dismissed', () => {
        usePreferences.getState().receiveRestored(null);
      }),
      bridge.on('client:saved', ({ client }) => {
        useClients.getState().saved(client);
      }),
      bridge.on('account:connected', ({ flowId, account }) => {
        useAccounts.getState().saved(account);
        // To every network's connect flow: the one waiting for this flowId ends it.
        connectFlows.connected(flowId, account);
      }),
      bridge.on('account:connect-failed', ({ flowId, error }) => {
        connectFlows.failed(flowId, error);
      }),
      bridge.on('account:saved', ({ account }) => {
        useAccounts.getState().saved(account);
      }),
      bridge.on('review:saved', () => {
        void useReview.getState().load();
      }),
      bridge.on('account:removed', ({ id }) => {
        useAccounts.getState().removed(id);
      }),
      // The desktop shell's notifications and tray lines open one post.
      bridge.on('post:open-requested', ({ postId }) => {
        window.location.hash = `#/composer?post=${encodeURIComponent(postId)}`;
      }),
      // A post being written never keeps an account that is gone: its saves would fail.
      useAccounts.subscribe((state) => {
        if (state.status === 'ready') {
          useEditor.getState().keepAccounts(new Set(state.accounts.map((a) => a.id)));
        }
      }),
      useConnection.subscribe((state, previous) => {
        if (state.reconnects !== previous.reconnects) loadAll();
      }),
      // Coming back to the window after using the CLI, which sends no push events.
      listen(window, 'focus', () => {
        void useClients.getState().load();
        void useAccounts.getState().load();
      }),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, []);
}
