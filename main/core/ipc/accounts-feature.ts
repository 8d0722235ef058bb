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
import { createPostingQuotas } from '../services/posting-quota.ts';
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
  ports: Pick<Ports, 'cipher' | 'clock' | 'logger' | 'timers'>;
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
  const quotas = createPostingQuotas({ clock: deps.ports.clock });

  const connectPort = (platform: Platform) => {
    const module = platforms.get(platform);
    return { module, port: module.connect };
  };

  /** The network's AppPort, where its sign-ins use an app the user registers. */
  const appPort = (platform: Platform) => {
    const module = platforms.get(platform);
    if (module.app === undefined) {
      throw failure('VALIDATION', `${module.label} signs in without an app of your own.`);
    }
    return module.app;
  };

  /** An account whose network connects its pages as accounts of their own. */
  const pagesOf = async (accountId: string) => {
    const account = await accounts.platformAccount(accountId);
    const module = platforms.get(account.platform);
    if (module.pages === undefined) {
      throw failure('VALIDATION', `${module.label} accounts have no pages to connect.`);
    }
    return { account, port: module.pages };
  };

  /**
   * A browser sign-in at `platform` through its ConnectPort (see accounts-connect.ts): to a
   * loopback listener, or to the https address registered with the user's app.
   */
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
    const begin = (redirectUri: string) =>
      port.begin({ serviceUrl: input.serviceUrl, redirectUri, options });
    if (port.registeredRedirect === undefined) {
      return connect.startLoopback(
        input.clientId,
        input.port ?? deps.defaultPort(),
        module.label,
        begin,
      );
    }
    return port
      .registeredRedirect(options)
      .then((uri) =>
        connect.start(
          input.clientId,
          uri === null
            ? { kind: 'loopback', port: input.port ?? deps.defaultPort() }
            : { kind: 'registered', uri },
          module.label,
          begin,
        ),
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

      'accounts:connect': (input) =>
        startLoopback(
          input.platform,
          { clientId: input.clientId, port: input.port, serviceUrl: input.serviceUrl ?? null },
          input.pages === undefined ? {} : { pages: input.pages },
        ),

      'accounts:get-app': (input) => appPort(input.platform).describe(),

      'accounts:save-app': (input) =>
        appPort(input.platform).save({
          clientId: input.clientId,
          clientSecret: input.clientSecret,
          redirectUri: input.redirectUri,
        }),

      'accounts:list-pages': async (input) => {
        const { account, port } = await pagesOf(input.accountId);
        const pages = await port.list(account);
        const connected = await accounts.list(account.clientId);
        return pages.map(({ platformUserId, ...page }) => ({
          ...page,
          accountId:
            connected.find(
              (a) => a.platform === account.platform && a.platformUserId === platformUserId,
            )?.id ?? null,
        }));
      },

      'accounts:add-pages': async (input) => {
        const { account, port } = await pagesOf(input.accountId);
        await connect.ensureCanConnect(account.clientId);
        // Read (and refused) in full before anything is kept.
        const kept = await port.connect(account, input.pageIds);
        const saved = await accounts.saveAll(account.clientId, kept);
        for (const page of saved) events.emit('account:saved', { account: page });
        return saved;
      },

      'accounts:find-mentions': async (input) => {
        const account = await accounts.platformAccount(input.accountId);
        const module = platforms.get(account.platform);
        if (module.mentions === undefined) {
          throw failure('VALIDATION', `${module.label} posts cannot mention pages.`);
        }
        return module.mentions.find(account, input.query);
      },

      'accounts:rate-limits': async (input) => {
        const notes = [];
        for (const id of new Set(input.accountIds)) {
          const account = await accounts.platformAccount(id);
          const module = platforms.get(account.platform);
          for (const note of module.rateLimits?.(account) ?? [])
            notes.push({ accountId: id, ...note });
        }
        return notes;
      },

      'accounts:posting-quota': async (input) => {
        const chosen = [];
        for (const id of new Set(input.accountIds)) {
          const account = await accounts.platformAccount(id);
          chosen.push({ account, module: platforms.get(account.platform) });
        }
        // Asked together: one slow network does not hold the others' lines back.
        const notes = await Promise.all(
          chosen.map(({ account, module }) => quotas.note(module, account, input.parts)),
        );
        return notes.filter((note) => note !== null);
      },

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

      'accounts:paste-address': (input) => connect.paste(input.flowId, input.address),

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
