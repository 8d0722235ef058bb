// [Note: X connect flow] X's own connect store: one attempt at a time, shown by the
// "Connect X account" dialog (x-connect-dialog.tsx, mounted once in the app frame through
// the registry, so Clients and Settings can both start one). X has a store of its own, not
// the shared one (network-connect-store.ts), because its connecting has phases no other
// network has: the setup of the user's own X app and the OAuth 1.0a alternative. The core
// answers accounts:connect-x with a flow, then ends it with account:connected or
// account:connect-failed carrying the flowId (routed here by registry.tsx); an outcome that
// arrives before the call itself has answered is kept until it does. Events for other
// flows (another window, the CLI) only refresh the accounts list (core-sync.ts does that
// for every event). API secrets pass through, never into this store.
import { create } from 'zustand';
import type { ConnectFlow, SocialAccount } from '../../../../../shared/accounts.ts';
import type { AppError, Result } from '../../../../../shared/result.ts';
import { shownHandle } from '../../../../../shared/networks/index.ts';
import { usePreferences } from '../../../app/preferences-store.ts';
import { showToast } from '../../../app/toasts/toast-store.ts';
import { getBridge } from '../../../bridge/bridge.ts';
import { canStoreTokens, useVault } from '../vault-store.ts';

export interface XConnectTarget {
  clientId: string;
  clientName: string;
  /** The account being reconnected, if any. */
  handle: string | null;
}

/** OAuth 2 with PKCE (the user's X app Client ID), or OAuth 1.0a (API key and secret). */
export type XConnectMethod = 'oauth2' | 'oauth1';

export interface OAuth1Keys {
  apiKey: string;
  apiSecret: string;
}

export type XConnectPhase =
  | { name: 'closed' }
  | { name: 'starting'; method: XConnectMethod }
  /** No X Client ID yet: the setup guide and its fields. */
  | { name: 'setup' }
  /** Tokens cannot be stored here until the user fixes that or accepts weaker protection. */
  | { name: 'vault'; method: XConnectMethod }
  /** The API key and secret form; `busy` while the call runs. */
  | { name: 'oauth1'; busy: boolean }
  | { name: 'waiting'; method: XConnectMethod; flow: ConnectFlow }
  | { name: 'failed'; method: XConnectMethod; error: AppError };

interface XConnectState {
  target: XConnectTarget | null;
  phase: XConnectPhase;
  /** Opens the dialog and starts the OAuth 2 sign-in (after the vault and setup checks). */
  connect: (target: XConnectTarget) => Promise<void>;
  /** Opens the dialog on the API key and secret form. */
  openOAuth1: (target: XConnectTarget) => Promise<void>;
  /** Sends the keys; on a validation error the form stays, with the error returned. */
  submitOAuth1: (keys: OAuth1Keys) => Promise<Result<ConnectFlow>>;
  /** Starts the current target's last method again (Try again, after setup, after accepting). */
  retry: (method: XConnectMethod) => Promise<void>;
  /** Closes the dialog, stopping a flow that is still waiting. */
  close: () => void;
  expired: (flowId: string) => void;
  connected: (flowId: string, account: SocialAccount) => void;
  failed: (flowId: string, error: AppError) => void;
}

type Outcome = { ok: true; account: SocialAccount } | { ok: false; error: AppError };

const expiredError: AppError = {
  code: 'AUTH_EXPIRED',
  message: 'X was not approved in time. Try again, and approve Starling in your browser.',
};

/** Whether a refused connect means the X app's Client ID is missing or wrong. */
function needsXClientId(error: AppError): boolean {
  if (error.code !== 'VALIDATION') return false;
  if (error.details?.issues?.some((issue) => issue.path.includes('xClientId')) === true) {
    return true;
  }
  return (
    usePreferences.getState().preferences.xClientId === null || /client id/i.test(error.message)
  );
}

function cancelFlow(flowId: string) {
  void getBridge().invoke('accounts:cancel-connect', { flowId });
}

export const useXConnect = create<XConnectState>()((set, get) => {
  // Bumped whenever the dialog starts over or closes: answers to older calls are stale.
  let attempt = 0;
  const early = new Map<string, Outcome>();

  /** Resolves to false when connecting must wait for the user (the vault phase is shown). */
  async function vaultAllows(mine: number, method: XConnectMethod): Promise<boolean> {
    const vault = await useVault.getState().load();
    if (mine !== attempt) return false;
    // If the status cannot be read, let the core decide: it refuses with
    // ENCRYPTION_UNAVAILABLE, which leads to the same phase.
    if (vault.ok && !canStoreTokens(vault.value)) {
      set({ phase: { name: 'vault', method } });
      return false;
    }
    return true;
  }

  function finish(outcome: Outcome) {
    const target = get().target;
    if (outcome.ok) {
      attempt += 1;
      set({ target: null, phase: { name: 'closed' } });
      const to = target === null ? '' : ` to ${target.clientName}`;
      showToast(`Connected ${shownHandle(outcome.account.platform, outcome.account.handle)}${to}.`);
      return;
    }
    const phase = get().phase;
    const method = phase.name === 'waiting' ? phase.method : 'oauth2';
    set({ phase: { name: 'failed', method, error: outcome.error } });
  }

  function settle(mine: number, method: XConnectMethod, result: Result<ConnectFlow>) {
    if (mine !== attempt) {
      // Closed or restarted meanwhile: stop the flow nobody is waiting for.
      if (result.ok) cancelFlow(result.value.flowId);
      return;
    }
    if (!result.ok) {
      const { error } = result;
      if (error.code === 'ENCRYPTION_UNAVAILABLE') {
        void useVault.getState().load();
        set({ phase: { name: 'vault', method } });
      } else if (method === 'oauth2' && needsXClientId(error)) {
        set({ phase: { name: 'setup' } });
      } else {
        set({ phase: { name: 'failed', method, error } });
      }
      return;
    }
    const flow = result.value;
    // The browser host cannot open the system browser; a new tab does the same job.
    if (!flow.browserOpened) window.open(flow.authorizeUrl, '_blank', 'noopener,noreferrer');
    set({ phase: { name: 'waiting', method, flow } });
    const outcome = early.get(flow.flowId);
    early.clear();
    if (outcome !== undefined) finish(outcome);
  }

  function receive(flowId: string, outcome: Outcome) {
    const phase = get().phase;
    if (phase.name === 'waiting' && phase.flow.flowId === flowId) finish(outcome);
    else if (phase.name === 'starting' || (phase.name === 'oauth1' && phase.busy)) {
      early.set(flowId, outcome);
    }
  }

  async function startOAuth2(target: XConnectTarget) {
    const mine = ++attempt;
    early.clear();
    set({ target, phase: { name: 'starting', method: 'oauth2' } });
    if (!(await vaultAllows(mine, 'oauth2'))) return;
    const prefs = usePreferences.getState();
    if (prefs.loaded && prefs.preferences.xClientId === null) {
      set({ phase: { name: 'setup' } });
      return;
    }
    const result = await getBridge().invoke('accounts:connect-x', { clientId: target.clientId });
    settle(mine, 'oauth2', result);
  }

  async function showOAuth1Form(target: XConnectTarget) {
    const mine = ++attempt;
    set({ target, phase: { name: 'starting', method: 'oauth1' } });
    if (!(await vaultAllows(mine, 'oauth1'))) return;
    set({ phase: { name: 'oauth1', busy: false } });
  }

  return {
    target: null,
    phase: { name: 'closed' },

    connect: startOAuth2,
    openOAuth1: showOAuth1Form,

    async submitOAuth1(keys) {
      const target = get().target;
      if (target === null) {
        return { ok: false, error: { code: 'INTERNAL', message: 'No client was chosen.' } };
      }
      const mine = ++attempt;
      early.clear();
      set({ phase: { name: 'oauth1', busy: true } });
      const result = await getBridge().invoke('accounts:connect-x-oauth1', {
        clientId: target.clientId,
        apiKey: keys.apiKey,
        apiSecret: keys.apiSecret,
      });
      if (!result.ok && result.error.code === 'VALIDATION' && mine === attempt) {
        set({ phase: { name: 'oauth1', busy: false } });
        return result;
      }
      settle(mine, 'oauth1', result);
      return result;
    },

    async retry(method) {
      const target = get().target;
      if (target === null) return;
      if (method === 'oauth2') await startOAuth2(target);
      else await showOAuth1Form(target);
    },

    close() {
      const phase = get().phase;
      if (phase.name === 'waiting') cancelFlow(phase.flow.flowId);
      attempt += 1;
      early.clear();
      set({ target: null, phase: { name: 'closed' } });
    },

    expired(flowId) {
      const phase = get().phase;
      if (phase.name !== 'waiting' || phase.flow.flowId !== flowId) return;
      cancelFlow(flowId);
      set({ phase: { name: 'failed', method: phase.method, error: expiredError } });
    },

    connected(flowId, account) {
      receive(flowId, { ok: true, account });
    },

    failed(flowId, error) {
      receive(flowId, { ok: false, error });
    },
  };
});
