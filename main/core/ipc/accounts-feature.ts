// The accounts feature's handlers (see ../feature.ts): listing, X's own sign-ins, the
// sign-ins of every other network through its ConnectPort, and removal with revocation.
// Network-free: a network is reached only through the registry.
import { defaultServiceUrls } from '../../../shared/accounts.ts';
import type { accountsChannels } from '../../../shared/ipc/channels/accounts.ts';
import { failure } from '../../../shared/result.ts';
import type { EventBus } from '../events.ts';
import type { CoreFeature } from '../feature.ts';
import type { Platforms } from '../platforms/registry.ts';
import type { Ports } from '../ports.ts';
import type { AccountsService } from '../services/accounts.ts';
import type { ConnectFlows } from '../services/accounts-connect.ts';

export interface AccountsFeatureDeps {
  accounts: AccountsService;
  connect: ConnectFlows;
  platforms: Platforms;
  events: EventBus;
  ports: Pick<Ports, 'cipher'>;
  /** The loopback port when a connect names none (the X callback port preference). */
  defaultPort: () => number;
}

export function createAccountsFeature(
  deps: AccountsFeatureDeps,
): CoreFeature<keyof typeof accountsChannels> {
  const { accounts, connect, platforms, events } = deps;

  const connectPort = (platform: Parameters<Platforms['get']>[0]) => {
    const module = platforms.get(platform);
    if (module.connect === undefined) {
      throw failure('VALIDATION', `${module.label} accounts are connected with their own sign-in.`);
    }
    return { module, port: module.connect };
  };

  return {
    handlers: {
      'accounts:list': (input) => accounts.list(input.clientId),
      'accounts:connect-x': (input) => connect.startOAuth2(input),
      'accounts:connect-x-oauth1': (input) => connect.startOAuth1(input),

      'accounts:sign-in': async (input) => {
        const { module, port } = connectPort(input.platform);
        if (port.kind !== 'password') {
          throw failure('VALIDATION', `${module.label} accounts are connected in the browser.`);
        }
        await connect.ensureCanConnect(input.clientId);
        const serviceUrl = input.serviceUrl ?? defaultServiceUrls[input.platform];
        if (serviceUrl === undefined) {
          throw failure('VALIDATION', `Name the ${module.label} server to sign in at.`);
        }
        const signedIn = await port.signIn({
          handle: input.handle,
          password: input.password,
          serviceUrl,
        });
        const account = await accounts.saveConnected({ clientId: input.clientId, ...signedIn });
        events.emit('account:saved', { account });
        return account;
      },

      'accounts:connect': (input) => {
        const { module, port } = connectPort(input.platform);
        if (port.kind !== 'loopback') {
          return Promise.reject(
            failure('VALIDATION', `${module.label} accounts are connected with a password.`),
          );
        }
        return connect.startLoopback(
          input.clientId,
          input.port ?? deps.defaultPort(),
          module.label,
          (redirectUri) => port.begin({ serviceUrl: input.serviceUrl, redirectUri }),
        );
      },

      'accounts:cancel-connect': (input) => Promise.resolve(connect.cancel(input.flowId)),

      'accounts:remove': async (input) => {
        const removed = await accounts.remove(input.id);
        events.emit('account:removed', { id: input.id });
        if (removed.credentials !== null) {
          const { id, clientId, platform, platformUserId, handle, serviceUrl } = removed.account;
          // Best effort and after the removal: a network that cannot be reached never
          // keeps an account the user removed.
          await platforms
            .get(platform)
            .revoke(
              { id, clientId, platform, platformUserId, handle, serviceUrl, settings: {} },
              removed.credentials,
            );
        }
        return { id: input.id };
      },
    },
  };
}
