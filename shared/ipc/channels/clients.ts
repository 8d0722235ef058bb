// Clients: the people and businesses whose accounts are managed here.
// Spread into the contract (../contract.ts) and the push events (../events.ts).
import { z } from 'zod';
import { clientCreateInput, clientId, clientUpdateInput, type Client } from '../../clients.ts';
import { channel, event, type PayloadsOf } from '../channel.ts';

export const clientsChannels = {
  /** Clients, active first, by name; archived ones only when asked. */
  'clients:list': channel<Client[]>()(() =>
    z.strictObject({ includeArchived: z.boolean().optional() }),
  ),
  /** One client by id; NOT_FOUND if there is none. */
  'clients:get': channel<Client>()(() => z.strictObject({ id: clientId })),
  /** Create a client; defaults: the machine's time zone, the next palette colour. */
  'clients:create': channel<Client>()(() => clientCreateInput),
  /** Change some fields of a client. */
  'clients:update': channel<Client>()(() => clientUpdateInput),
  /** Archive a client: hidden from lists and calendars, nothing deleted. */
  'clients:archive': channel<Client>()(() => z.strictObject({ id: clientId })),
  /** Bring an archived client back. */
  'clients:unarchive': channel<Client>()(() => z.strictObject({ id: clientId })),
} as const;

export const clientsEventList = {
  /** A client was created, edited, archived or unarchived. */
  'client:saved': event<{ client: Client }>(),
} as const;

export type ClientsEvents = PayloadsOf<typeof clientsEventList>;
