// One client in a list: colour, name, zone, the start of the notes, its actions, and
// optional details below (the active list shows the client's accounts there).
import type { ReactNode } from 'react';
import type { Client } from '../../../../shared/clients.ts';
import { zoneOffsetLabel } from '../../app/machine-time-zone.ts';

interface ClientRowProps {
  client: Client;
  today: Date;
  /** Extra line under the name, e.g. when it was archived. */
  status?: ReactNode;
  actions: ReactNode;
  /** Shown under the name and actions, e.g. the client's accounts. */
  details?: ReactNode;
}

const excerpt = (notes: string) => notes.replace(/\s+/g, ' ').trim().slice(0, 200);

export function ClientRow({ client, today, status, actions, details }: ClientRowProps) {
  const offset = zoneOffsetLabel(client.timezone, today);
  const notes = excerpt(client.notes);
  return (
    <li className="client-row">
      <span
        className="swatch swatch-lg"
        style={{ backgroundColor: client.color }}
        aria-hidden="true"
      />
      <div className="client-text">
        <p className="client-name">{client.name}</p>
        <p className="client-meta">
          <span>{client.timezone.replaceAll('_', ' ')}</span>
          {offset !== '' && <span className="client-offset">{offset}</span>}
          {status}
        </p>
        {notes !== '' && (
          <p className="client-notes" title={notes}>
            {notes}
          </p>
        )}
      </div>
      <div className="client-actions">{actions}</div>
      {details !== undefined && <div className="client-details">{details}</div>}
    </li>
  );
}
