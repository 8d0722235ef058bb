// The accounts feature's handlers (see ../feature.ts): listing, X's own sign-ins, the
// sign-ins of every other network through its ConnectPort, and removal with revocation.
// Network-free: a network is reached only through the registry. In the publishing hosts
// it also tries queued revocations again (services/revocations.ts).
import { defaultServiceUrls, type Platform } from '../../../shared/accounts.ts';
import type { accountsChannels } from '../../../shared/ipc/channels/accounts.ts';
import { failure } from '../../../shared/result.ts';
import type { EventBus } from '../events.ts';
import type { CoreFeature } from '../feature.ts';
import type { Platforms } from '../platforms/registry.ts';
import type { Ports } from '../ports.ts';
import type { AccountsService } from '../services/accounts.ts';
import type { ConnectFlows } from '../services/accounts-connect.ts';
import type { Revocations } from '../services/revocations.ts';
import { realTimers } from '../scheduler/timers.ts';

/** How often queued revocations are looked at (each waits its own time, see revocations.ts). */
const retryEveryMs = 60_000;

export interface AccountsFeatureDeps {
  accounts: AccountsService;
  connect: ConnectFlows;
  platforms: Platforms;
  revocations: Revocations;
  events: EventBus;
  ports: Pick<Ports, 'cipher' | 'logger' | 'timers'>;
  /** The loopback port when a connect names none (the X callback port preference). */
  defaultPort: () => number;
}

export function createAccountsFeature(
  deps: AccountsFeatureDeps,
): CoreFeature<keyof typeof accountsChannels> {
  const { accounts, connect, platforms, revocations, events } = deps;
  const timers = deps.ports.timers ?? realTimers;
  let retryTimer: unknown = null;
  const retryRevocations = () => {
    retryTimer = null;
    void revocations
      .retryDue()
      .catch((error: unknown) => {
        deps.ports.logger.warn('revocation retry failed', { error: String(error) });
      })
      .finally(() => {
        if (retryTimer === null && !stopped)
          retryTimer = timers.set(retryRevocations, retryEveryMs);
      });
  };
  let stopped = true;

  const connectPort = (platform: Platform) => {
    const module = platforms.get(platform);
    return { module, port: module.connect };
  };

  /** A browser sign-in at `platform` through its ConnectPort (see accounts-connect.ts). */
  const startLoopback = (
    platform: Platform,
    input: { clientId: string; port?: number | undefined; serviceUrl: string | null },
    options: Record<string, unknown>,
  ) => {
    const { module, port } = connectPort(platform);
    if (port.kind !== 'loopback') {
      return Promise.reject(
        failure('VALIDATION', `${module.label} accounts are connected with a password.`),
      );
    }
    return connect.startLoopback(
      input.clientId,
      input.port ?? deps.defaultPort(),
      module.label,
      (redirectUri) => port.begin({ serviceUrl: input.serviceUrl, redirectUri, options }),
    );
  };

  return {
    handlers: {
      'accounts:list': (input) => accounts.list(input.clientId),
      // X's two sign-ins keep channels of their own (the CLI's connect-x and the X
      // dialog); they are the X ConnectPort's two options, nothing more.
      'accounts:connect-x': (input) =>
        startLoopback(
          'x',
          { ...input, serviceUrl: null },
          {
            method: 'oauth2',
            ...(input.xClientId !== undefined && { xClientId: input.xClientId }),
          },
        ),
      'accounts:connect-x-oauth1': (input) =>
        startLoopback(
          'x',
          { ...input, serviceUrl: null },
          { method: 'oauth1', apiKey: input.apiKey, apiSecret: input.apiSecret },
        ),

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
        const account = await accounts
          .saveConnected({ clientId: input.clientId, ...signedIn })
          .catch(async (error: unknown) => {
            await revocations.revokeUnkept(signedIn.profile, signedIn.credentials);
            throw error;
          });
        events.emit('account:saved', { account });
        return account;
      },

      'accounts:connect': (input) => startLoopback(input.platform, input, {}),

      'accounts:set-hand-off': async (input) => {
        const account = await accounts.get(input.id);
        const module = platforms.get(account.platform);
        if (input.on && module.publish.hold === undefined) {
          throw failure('VALIDATION', `${module.label} cannot hold posts until their time.`);
        }
        const changed = await accounts.setHandOff(input.id, input.on);
        events.emit('account:saved', { account: changed });
        return changed;
      },

      'accounts:cancel-connect': (input) => Promise.resolve(connect.cancel(input.flowId)),

      'accounts:remove': async (input) => {
        const removed = await accounts.remove(input.id);
        events.emit('account:removed', { id: input.id });
        if (removed.credentials !== null) {
          const { id, clientId, platform, platformUserId, handle, serviceUrl } = removed.account;
          // After the removal: a network that cannot be reached never keeps an account the
          // user removed; its revocation waits to be tried again instead.
          await revocations.revoke(
            { id, clientId, platform, platformUserId, handle, serviceUrl, settings: {} },
            removed.credentials,
          );
        }
        return { id: input.id };
      },
    },
    start: () => {
      stopped = false;
      retryRevocations();
    },
    stop: () => {
      stopped = true;
      if (retryTimer !== null) timers.clear(retryTimer);
      retryTimer = null;
    },
  };
}
