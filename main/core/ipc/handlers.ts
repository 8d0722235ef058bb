// The handler map of the foundation's channels. create-core.ts joins it with the
// features' maps under `satisfies Handlers`, so a channel without a handler (or with the
// wrong types) is a compile error.
import type { Handlers } from './dispatch.ts';
import type { coreChannels } from '../../../shared/ipc/contract.ts';
import type { VaultStatus } from '../../../shared/accounts.ts';
import type { AppInfo, HostKind } from '../../../shared/app.ts';
import type { ClientsService } from '../services/clients.ts';
import type { PreferencesService } from '../services/preferences.ts';
import type { PostsService } from '../services/posts.ts';
import type { EventBus } from '../events.ts';
import type { Cipher, CipherStatus } from '../ports.ts';

export interface HandlerDeps {
  info: Omit<AppInfo, 'host'>;
  host: HostKind;
  clients: ClientsService;
  preferences: PreferencesService;
  posts: PostsService;
  cipher: Cipher;
  events: EventBus;
}

const vaultStatus = (s: CipherStatus): VaultStatus => ({
  available: s.available,
  reason: s.reason,
  weakProtectionAccepted: s.weakProtectionAccepted,
  canAcceptWeakProtection: s.canAcceptWeakProtection,
});

/** The foundation's handlers; the features' are added in create-core.ts. */
export function createHandlers(deps: HandlerDeps): Pick<Handlers, keyof typeof coreChannels> {
  const { clients, preferences, posts, cipher, events } = deps;
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
    'posts:schedule': (input) => posts.schedule(input),
    'posts:list': (input) => posts.list(input),
    'posts:get': (input) => posts.get(input.id),
    'posts:cancel': (input) => posts.cancel(input.id),
    'posts:reschedule': (input) => posts.reschedule(input),
    'posts:retry': (input) => posts.retry(input.id),
    'vault:get-status': () => Promise.resolve(vaultStatus(cipher.status())),
    'vault:accept-weak-protection': () =>
      Promise.resolve(vaultStatus(cipher.acceptWeakProtection())),
  };
}
