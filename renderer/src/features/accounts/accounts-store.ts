// Social accounts as the UI knows them: every client's, by handle. Refreshed on load, on
// reconnect and focus (the CLI sends no events), and kept current by the account events.
import { create } from 'zustand';
import type { SocialAccount } from '../../../../shared/accounts.ts';
import type { Result } from '../../../../shared/result.ts';
import { getBridge } from '../../bridge/bridge.ts';

interface AccountsState {
  accounts: SocialAccount[];
  status: 'loading' | 'ready' | 'error';
  loadError: string | null;
  load: () => Promise<void>;
  /** An account was connected or changed (e.g. now needs reconnecting): show it, then refetch. */
  saved: (account: SocialAccount) => void;
  removed: (id: string) => void;
  remove: (id: string) => Promise<Result<{ id: string }>>;
  /** Lets the account's network hold its posts until their time, or not. */
  setHandOff: (id: string, on: boolean) => Promise<Result<SocialAccount>>;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byHandle = (a: SocialAccount, b: SocialAccount) => collator.compare(a.handle, b.handle);

// Loads overlap (start, events, focus, reconnect); only the newest may write.
let loadSeq = 0;

export const useAccounts = create<AccountsState>()((set, get) => ({
  accounts: [],
  status: 'loading',
  loadError: null,

  async load() {
    const seq = ++loadSeq;
    const result = await getBridge().invoke('accounts:list', {});
    if (seq !== loadSeq) return;
    if (result.ok) {
      set({ accounts: [...result.value].sort(byHandle), status: 'ready', loadError: null });
    } else if (get().status !== 'ready') {
      set({ status: 'error', loadError: result.error.message });
    }
  },

  saved(account) {
    const others = get().accounts.filter((a) => a.id !== account.id);
    set({ accounts: [...others, account].sort(byHandle) });
    void get().load();
  },

  removed(id) {
    set({ accounts: get().accounts.filter((a) => a.id !== id) });
  },

  async setHandOff(id, on) {
    const result = await getBridge().invoke('accounts:set-hand-off', { id, on });
    if (result.ok) get().saved(result.value);
    return result;
  },

  async remove(id) {
    const result = await getBridge().invoke('accounts:remove', { id });
    if (result.ok) get().removed(id);
    return result;
  },
}));

/** One client's accounts; a stable empty list when it has none. */
const none: SocialAccount[] = [];
export function accountsOf(accounts: SocialAccount[], clientId: string): SocialAccount[] {
  const own = accounts.filter((a) => a.clientId === clientId);
  return own.length === 0 ? none : own;
}
