// The clients feature's handlers (see ../feature.ts): every change is pushed as
// client:saved so open windows redraw.
import type { Client } from '../../../shared/clients.ts';
import type { clientsChannels } from '../../../shared/ipc/channels/clients.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';
import { createClientsService } from '../services/clients.ts';

export function createClientsFeature(
  context: Pick<CoreContext, 'database' | 'ports' | 'events'>,
): CoreFeature<keyof typeof clientsChannels> {
  const clients = createClientsService(context.database.db, context.ports);
  const saved = (client: Client): Client => {
    context.events.emit('client:saved', { client });
    return client;
  };
  return {
    handlers: {
      'clients:list': (input) => clients.list(input),
      'clients:get': (input) => clients.get(input.id),
      'clients:create': async (input) => saved(await clients.create(input)),
      'clients:update': async (input) => saved(await clients.update(input)),
      'clients:archive': async (input) => saved(await clients.archive(input.id)),
      'clients:unarchive': async (input) => saved(await clients.unarchive(input.id)),
    },
  };
}
