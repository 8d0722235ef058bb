// The active clients list (each row with its accounts and a Connect button per network)
// and the archived one, each row with its own actions.
import { useMemo } from 'react';
import type { Client } from '../../../../shared/clients.ts';
import { ClientAccounts, ConnectButtons } from '../accounts/client-accounts.tsx';
import { ClientApproval } from '../review/client-approval.tsx';
import { ClientRow } from './client-row.tsx';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

interface ActiveListProps {
  clients: Client[];
  onEdit: (client: Client) => void;
  onArchive: (client: Client) => void;
}

export function ActiveClientList({ clients, onEdit, onArchive }: ActiveListProps) {
  const today = useMemo(() => new Date(), []);
  return (
    <ul className="client-list panel" aria-label="Clients">
      {clients.map((client) => (
        <ClientRow
          key={client.id}
          client={client}
          today={today}
          details={
            <>
              <ClientAccounts client={client} />
              <ClientApproval client={client} />
              <ConnectButtons client={client} />
            </>
          }
          actions={
            <>
              <button
                type="button"
                className="button button-ghost"
                aria-label={`Edit ${client.name}`}
                onClick={() => {
                  onEdit(client);
                }}
              >
                Edit
              </button>
              <button
                type="button"
                className="button button-ghost"
                aria-label={`Archive ${client.name}`}
                onClick={() => {
                  onArchive(client);
                }}
              >
                Archive
              </button>
            </>
          }
        />
      ))}
    </ul>
  );
}

interface ArchivedListProps {
  clients: Client[];
  busyIds: ReadonlySet<string>;
  onUnarchive: (client: Client) => void;
}

export function ArchivedClientList({ clients, busyIds, onUnarchive }: ArchivedListProps) {
  const today = useMemo(() => new Date(), []);
  if (clients.length === 0) {
    return <p className="archived-empty">No archived clients.</p>;
  }
  return (
    // Named "Archived" (not "Archived clients") so it never matches the name "Clients".
    <ul className="client-list client-list-archived panel" aria-label="Archived">
      {clients.map((client) => (
        <ClientRow
          key={client.id}
          client={client}
          today={today}
          status={
            client.archivedAt === null ? null : (
              <span>Archived {dateFormat.format(client.archivedAt)}</span>
            )
          }
          actions={
            <button
              type="button"
              className="button button-secondary button-small"
              aria-label={`Unarchive ${client.name}`}
              aria-disabled={busyIds.has(client.id)}
              onClick={() => {
                if (!busyIds.has(client.id)) onUnarchive(client);
              }}
            >
              Unarchive
            </button>
          }
        />
      ))}
    </ul>
  );
}
