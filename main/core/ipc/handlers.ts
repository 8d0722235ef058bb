// The handler map: one entry per contract channel. `satisfies Handlers` makes a channel
// without a handler (or with the wrong types) a compile error.
import type { Handlers } from './dispatch.ts';
import type { AppInfo, HostKind } from '../../../shared/app.ts';
import type { ClientsService } from '../services/clients.ts';
import type { PreferencesService } from '../services/preferences.ts';
import type { EventBus } from '../events.ts';

export interface HandlerDeps {
  info: Omit<AppInfo, 'host'>;
  host: HostKind;
  clients: ClientsService;
  preferences: PreferencesService;
  events: EventBus;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { clients, preferences, events } = deps;
  const saved = <T extends Awaited<ReturnType<ClientsService['get']>>>(client: T): T => {
    events.emit('client:saved', { client });
    return client;
  };
  return {
    'app:get-info': () => Promise.resolve({ ...deps.info, host: deps.host }),
    'settings:get-preferences': () => Promise.resolve(preferences.get()),
    'settings:update-preferences': (input) => {
      const next = preferences.update(input);
      events.emit('preferences:changed', { preferences: next });
      return Promise.resolve(next);
    },
    'clients:list': (input) => clients.list(input),
    'clients:get': (input) => clients.get(input.id),
    'clients:create': async (input) => saved(await clients.create(input)),
    'clients:update': async (input) => saved(await clients.update(input)),
    'clients:archive': async (input) => saved(await clients.archive(input.id)),
    'clients:unarchive': async (input) => saved(await clients.unarchive(input.id)),
  } satisfies Handlers;
}
