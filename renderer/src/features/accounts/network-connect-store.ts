// [Note: network connect] Connecting an account of any network without a flow of its own
// (networks/registry.tsx says which those are and routes each connect to its store); the
// connect dialogs never show at once. Bluesky signs in at once with a handle and an app
// password (accounts:sign-in); the others start a browser sign-in (accounts:connect) that
// ends with account:connected or account:connect-failed for its flowId (routed here by
// the registry) — an outcome that arrives before the call has answered is kept until it
// does. A sign-in that asked for pages goes on to the pages picker (accounts:list-pages,
// accounts:add-pages) with the account it connected. The password passes through to the
// core, never into this store.
import { create } from 'zustand';
import type { ConnectFlow, NetworkPage, SocialAccount } from '../../../../shared/accounts.ts';
import { plural } from '../../../../shared/plural.ts';
import type { AppError, Result } from '../../../../shared/result.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';
import { showToast } from '../../app/toasts/toast-store.ts';
import { getBridge } from '../../bridge/bridge.ts';
import { useAccounts } from './accounts-store.ts';
import { networkNames } from './networks/network-glyphs.ts';
import type { OpenPlatform } from './networks/registry.tsx';
import { useVault } from './vault-store.ts';

const andList = new Intl.ListFormat('en-GB', { type: 'conjunction' });

export interface NetworkTarget {
  clientId: string;
  clientName: string;
  platform: OpenPlatform;
  /** The account being reconnected: its handle and server fill the form. */
  reconnect: { handle: string; serviceUrl: string | null; platformUserId: string } | null;
}

export type NetworkPhase =
  | { name: 'closed' }
  /** The guide and form; `error` is the core's last refusal, shown in place. */
  | { name: 'form'; busy: boolean; error: AppError | null }
  /** `pages`: the sign-in asked for the pages the account administers. */
  | { name: 'waiting'; flow: ConnectFlow; site: string; pages: boolean }
  /**
   * The account is connected; its pages to choose from (null while they load). `error` is
   * why they could not be listed or added.
   */
  | {
      name: 'pages';
      account: SocialAccount;
      pages: NetworkPage[] | null;
      busy: boolean;
      error: AppError | null;
    };

export interface BrowserSignIn {
  /** The instance (Mastodon); left out where the network has one place to sign in. */
  serviceUrl?: string;
  /** Also ask for the pages the account administers (LinkedIn). */
  pages?: boolean;
}

export interface SignInFields {
  handle: string;
  password: string;
  /** Left out for the network's default server. */
  serviceUrl?: string;
}

interface NetworkConnectState {
  target: NetworkTarget | null;
  phase: NetworkPhase;
  /** The instance typed last, so the form keeps it after a failed browser sign-in. */
  serviceUrl: string;
  /** Whether the last browser sign-in asked for pages; null before the first. */
  pages: boolean | null;
  open: (target: NetworkTarget) => void;
  signIn: (fields: SignInFields) => Promise<Result<SocialAccount>>;
  startBrowser: (input: BrowserSignIn) => Promise<void>;
  /** Lists the connected account's pages again (after a refusal). */
  loadPages: () => Promise<void>;
  /** Connects the chosen pages as accounts of their own, then closes. */
  addPages: (pageIds: string[]) => Promise<void>;
  close: () => void;
  expired: (flowId: string) => void;
  connected: (flowId: string, account: SocialAccount) => void;
  failed: (flowId: string, error: AppError) => void;
}

type PagesPhase = Extract<NetworkPhase, { name: 'pages' }>;

type Outcome = { ok: true; account: SocialAccount } | { ok: false; error: AppError };

function cancelFlow(flowId: string) {
  void getBridge().invoke('accounts:cancel-connect', { flowId });
}

const hostOf = (url: string) => {
  try {
    return new URL(url.includes('://') ? url : `https://${url}`).host;
  } catch {
    return url;
  }
};

export const useNetworkConnect = create<NetworkConnectState>()((set, get) => {
  // Bumped whenever the dialog starts over or closes: answers to older calls are stale.
  let attempt = 0;
  const early = new Map<string, Outcome>();

  function refused(error: AppError) {
    // The core says why in words; the vault's own state explains how to fix it.
    if (error.code === 'ENCRYPTION_UNAVAILABLE') void useVault.getState().load();
    set({ phase: { name: 'form', busy: false, error } });
  }

  function succeeded(account: SocialAccount) {
    const { target, phase } = get();
    attempt += 1;
    early.clear();
    useAccounts.getState().saved(account);
    const to = target === null ? '' : ` to ${target.clientName}`;
    showToast(`Connected ${shownHandle(account.platform, account.handle)}${to}.`);
    if (phase.name === 'waiting' && phase.pages) {
      set({ phase: { name: 'pages', account, pages: null, busy: false, error: null } });
      void get().loadPages();
      return;
    }
    set({ target: null, phase: { name: 'closed' } });
  }

  /** The pages phase with `patch`, if the dialog is still on it for `account`. */
  function pagesPatch(accountId: string, mine: number, patch: Partial<PagesPhase>) {
    const phase = get().phase;
    if (mine !== attempt || phase.name !== 'pages' || phase.account.id !== accountId) return;
    set({ phase: { ...phase, ...patch } });
  }

  function finish(outcome: Outcome) {
    if (outcome.ok) succeeded(outcome.account);
    else refused(outcome.error);
  }

  function receive(flowId: string, outcome: Outcome) {
    const phase = get().phase;
    if (phase.name === 'waiting' && phase.flow.flowId === flowId) finish(outcome);
    else if (phase.name === 'form' && phase.busy) early.set(flowId, outcome);
  }

  return {
    target: null,
    phase: { name: 'closed' },
    serviceUrl: '',
    pages: null,

    open(target) {
      attempt += 1;
      early.clear();
      set({
        target,
        phase: { name: 'form', busy: false, error: null },
        serviceUrl: target.reconnect?.serviceUrl ?? '',
        pages: null,
      });
    },

    async signIn(fields) {
      const target = get().target;
      if (target === null) {
        return { ok: false, error: { code: 'INTERNAL', message: 'No client was chosen.' } };
      }
      const mine = ++attempt;
      set({ phase: { name: 'form', busy: true, error: null } });
      const result = await getBridge().invoke('accounts:sign-in', {
        clientId: target.clientId,
        platform: target.platform,
        handle: fields.handle,
        password: fields.password,
        ...(fields.serviceUrl === undefined ? {} : { serviceUrl: fields.serviceUrl }),
      });
      if (mine !== attempt) return result;
      if (result.ok) succeeded(result.value);
      else refused(result.error);
      return result;
    },

    async startBrowser({ serviceUrl, pages }) {
      const target = get().target;
      if (target === null) return;
      const mine = ++attempt;
      early.clear();
      set({
        ...(serviceUrl === undefined ? {} : { serviceUrl }),
        ...(pages === undefined ? {} : { pages }),
        phase: { name: 'form', busy: true, error: null },
      });
      const result = await getBridge().invoke('accounts:connect', {
        clientId: target.clientId,
        platform: target.platform,
        ...(serviceUrl === undefined ? {} : { serviceUrl }),
        ...(pages === undefined ? {} : { pages }),
      });
      if (mine !== attempt) {
        // Closed or restarted meanwhile: stop the flow nobody is waiting for.
        if (result.ok) cancelFlow(result.value.flowId);
        return;
      }
      if (!result.ok) {
        refused(result.error);
        return;
      }
      const flow = result.value;
      // The browser host cannot open the system browser; a new tab does the same job.
      if (!flow.browserOpened) window.open(flow.authorizeUrl, '_blank', 'noopener,noreferrer');
      const site = serviceUrl === undefined ? networkNames[target.platform] : hostOf(serviceUrl);
      set({ phase: { name: 'waiting', flow, site, pages: pages === true } });
      const outcome = early.get(flow.flowId);
      early.clear();
      if (outcome !== undefined) finish(outcome);
    },

    async loadPages() {
      const phase = get().phase;
      if (phase.name !== 'pages') return;
      const { account } = phase;
      const mine = attempt;
      set({ phase: { ...phase, pages: null, busy: false, error: null } });
      const result = await getBridge().invoke('accounts:list-pages', { accountId: account.id });
      pagesPatch(
        account.id,
        mine,
        result.ok ? { pages: result.value } : { pages: [], error: result.error },
      );
    },

    async addPages(pageIds) {
      const { phase, target } = get();
      if (phase.name !== 'pages' || phase.busy) return;
      const { account } = phase;
      const mine = attempt;
      set({ phase: { ...phase, busy: true, error: null } });
      const result = await getBridge().invoke('accounts:add-pages', {
        accountId: account.id,
        pageIds,
      });
      if (!result.ok) {
        if (result.error.code === 'ENCRYPTION_UNAVAILABLE') void useVault.getState().load();
        pagesPatch(account.id, mine, { busy: false, error: result.error });
        return;
      }
      for (const page of result.value) useAccounts.getState().saved(page);
      if (mine !== attempt) return;
      attempt += 1;
      set({ target: null, phase: { name: 'closed' } });
      const to = target === null ? '' : ` to ${target.clientName}`;
      // A Page may bring an account of another network along (Facebook: its Instagram
      // account): named beside the pages, not counted as one.
      const pages = result.value.filter((a) => a.platform === account.platform);
      const brought = result.value
        .filter((a) => a.platform !== account.platform)
        .map((a) => `${shownHandle(a.platform, a.handle)} (${networkNames[a.platform]})`);
      const what =
        pages.length === 1
          ? `the page ${pages[0]?.displayName ?? ''}`
          : plural(pages.length, 'page');
      const also = brought.length === 0 ? '' : ` with ${andList.format(brought)}`;
      showToast(`Connected ${what}${also}${to}.`);
    },

    close() {
      const phase = get().phase;
      if (phase.name === 'waiting') cancelFlow(phase.flow.flowId);
      attempt += 1;
      early.clear();
      set({ target: null, phase: { name: 'closed' } });
    },

    expired(flowId) {
      const { phase, target } = get();
      if (phase.name !== 'waiting' || phase.flow.flowId !== flowId) return;
      cancelFlow(flowId);
      const network = target === null ? 'The network' : networkNames[target.platform];
      refused({
        code: 'AUTH_EXPIRED',
        message: `${network} was not approved in time. Try again, and approve Starling in your browser.`,
      });
    },

    connected(flowId, account) {
      receive(flowId, { ok: true, account });
    },

    failed(flowId, error) {
      receive(flowId, { ok: false, error });
    },
  };
});
