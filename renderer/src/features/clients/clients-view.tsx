// Clients: list (with each client's accounts), create, edit, archive (with Undo) and
// unarchive.
import { useEffect, useMemo, useState } from 'react';
import { clientPalette, type Client } from '../../../../shared/clients.ts';
import { showError, showToast } from '../../app/toasts/toast-store.ts';
import { useAccounts } from '../accounts/accounts-store.ts';
import { ArchiveDialog } from './archive-dialog.tsx';
import { ClientFormDialog } from './client-form-dialog.tsx';
import { ActiveClientList, ArchivedClientList } from './client-lists.tsx';
import { useClients } from './clients-store.ts';
import { ClientsEmpty, ClientsLoadError, ClientsLoading } from './clients-states.tsx';
import './clients.css';

type Editing = { client: Client | null } | null;

export function ClientsView() {
  const clients = useClients((s) => s.clients);
  const status = useClients((s) => s.status);
  const loadError = useClients((s) => s.loadError);
  const load = useClients((s) => s.load);
  const archive = useClients((s) => s.archive);
  const unarchive = useClients((s) => s.unarchive);
  const accountsError = useAccounts((s) => (s.status === 'error' ? s.loadError : null));
  const loadAccounts = useAccounts((s) => s.load);

  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [archiving, setArchiving] = useState<Client | null>(null);
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());

  // Refetch on opening the view: the CLI may have changed the database meanwhile, and it
  // sends no push events.
  useEffect(() => {
    void load();
    void loadAccounts();
  }, [load, loadAccounts]);

  const active = useMemo(() => clients.filter((c) => c.archivedAt === null), [clients]);
  const archived = useMemo(() => clients.filter((c) => c.archivedAt !== null), [clients]);
  // Same rule as the core: new clients take the palette colours in turn.
  const suggestedColor = clientPalette[clients.length % clientPalette.length] ?? clientPalette[0];

  const setBusy = (id: string, busy: boolean) => {
    setBusyIds((ids) => {
      const next = new Set(ids);
      if (busy) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  async function restore(client: Client, message: string) {
    setBusy(client.id, true);
    const result = await unarchive(client.id);
    setBusy(client.id, false);
    if (result.ok) showToast(message);
    else showError(result.error.message);
  }

  async function confirmArchive(client: Client) {
    setArchiving(null);
    const result = await archive(client.id);
    if (!result.ok) {
      showError(result.error.message);
      return;
    }
    showToast(`Archived ${client.name}.`, {
      action: {
        label: 'Undo',
        run: () => {
          void restore(client, `${client.name} is back in your clients.`);
        },
      },
    });
  }

  return (
    <>
      <header className="view-header">
        <div>
          <h1 tabIndex={-1}>Clients</h1>
          <p className="view-subtitle">The brands and people you post for.</p>
        </div>
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            setEditing({ client: null });
          }}
        >
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.8" fill="none" />
          </svg>
          New client
        </button>
      </header>

      {accountsError !== null && status !== 'error' && (
        <div className="form-alert accounts-load-error" role="alert">
          <span>Connected accounts could not be loaded. {accountsError}</span>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              void loadAccounts();
            }}
          >
            Try again
          </button>
        </div>
      )}

      {status === 'loading' && clients.length === 0 ? (
        <ClientsLoading />
      ) : status === 'error' ? (
        <ClientsLoadError
          message={loadError}
          onRetry={() => {
            void load();
          }}
        />
      ) : active.length === 0 ? (
        <ClientsEmpty
          hasArchived={archived.length > 0}
          onCreate={() => {
            setEditing({ client: null });
          }}
        />
      ) : (
        <ActiveClientList
          clients={active}
          onEdit={(client) => {
            setEditing({ client });
          }}
          onArchive={setArchiving}
        />
      )}

      {status !== 'error' && (
        <section className="archived-section" aria-labelledby="archived-heading">
          <div className="archived-header">
            <h2 id="archived-heading" className="section-title">
              Archived
              {archived.length > 0 && <span className="count-badge">{archived.length}</span>}
            </h2>
            <label className="toggle">
              <input
                type="checkbox"
                className="checkbox"
                checked={showArchived}
                onChange={(e) => {
                  setShowArchived(e.target.checked);
                }}
              />
              Show archived
            </label>
          </div>
          {showArchived && (
            <ArchivedClientList
              clients={archived}
              busyIds={busyIds}
              onUnarchive={(client) => {
                void restore(client, `${client.name} is active again.`);
              }}
            />
          )}
        </section>
      )}

      {editing !== null && (
        <ClientFormDialog
          client={editing.client}
          suggestedColor={suggestedColor}
          onClose={() => {
            setEditing(null);
          }}
          onSaved={(client, created) => {
            setEditing(null);
            showToast(created ? `Added ${client.name}.` : `Saved ${client.name}.`);
          }}
        />
      )}

      {archiving !== null && (
        <ArchiveDialog
          client={archiving}
          onCancel={() => {
            setArchiving(null);
          }}
          onConfirm={() => {
            void confirmArchive(archiving);
          }}
        />
      )}
    </>
  );
}
