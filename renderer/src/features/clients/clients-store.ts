// Clients as the UI knows them: one list with the archived ones included (the view splits
// it), refreshed on load, after each change and on `client:saved` from any window.
import { create } from 'zustand';
import type { Client, ClientCreateInput, ClientUpdateInput } from '../../../../shared/clients.ts';
import type { Result } from '../../../../shared/result.ts';
import { getBridge } from '../../bridge/bridge.ts';

interface ClientsState {
  /** Every client, archived ones too, by name. */
  clients: Client[];
  status: 'loading' | 'ready' | 'error';
  loadError: string | null;
  load: () => Promise<void>;
  /** A client changed somewhere (this window or another): show it now, then refetch. */
  saved: (client: Client) => void;
  create: (input: ClientCreateInput) => Promise<Result<Client>>;
  update: (input: ClientUpdateInput) => Promise<Result<Client>>;
  archive: (id: string) => Promise<Result<Client>>;
  unarchive: (id: string) => Promise<Result<Client>>;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byName = (a: Client, b: Client) => collator.compare(a.name, b.name);

function upsert(clients: Client[], client: Client): Client[] {
  const others = clients.filter((c) => c.id !== client.id);
  return [...others, client].sort(byName);
}

// Several loads can overlap (start, events, reconnect); only the newest may write.
let loadSeq = 0;

export const useClients = create<ClientsState>()((set, get) => {
  const apply = (result: Result<Client>): Result<Client> => {
    if (result.ok) set({ clients: upsert(get().clients, result.value) });
    return result;
  };
  return {
    clients: [],
    status: 'loading',
    loadError: null,

    async load() {
      const seq = ++loadSeq;
      const result = await getBridge().invoke('clients:list', { includeArchived: true });
      if (seq !== loadSeq) return;
      if (result.ok) {
        set({ clients: [...result.value].sort(byName), status: 'ready', loadError: null });
      } else if (get().status !== 'ready') {
        set({ status: 'error', loadError: result.error.message });
      }
    },

    saved(client) {
      set({ clients: upsert(get().clients, client) });
      void get().load();
    },

    async create(input) {
      return apply(await getBridge().invoke('clients:create', input));
    },
    async update(input) {
      return apply(await getBridge().invoke('clients:update', input));
    },
    async archive(id) {
      return apply(await getBridge().invoke('clients:archive', { id }));
    },
    async unarchive(id) {
      return apply(await getBridge().invoke('clients:unarchive', { id }));
    },
  };
});
