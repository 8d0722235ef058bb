// Connect flows: one browser sign-in at a network from start to stored account. A flow owns the loopback
// listener on its port until it ends: with account:connected, or account:connect-failed
// when the user declines, the sign-in fails, it times out, or it is cancelled. Callbacks
// that are not the flow's (wrong or missing state) are refused and the flow keeps waiting.
import type { ConnectFlow } from '../../../shared/accounts.ts';
import { AppFailure, failure, type AppError } from '../../../shared/result.ts';
import type { EventBus } from '../events.ts';
import type { Signin } from '../platforms/port.ts';
import type { Ports } from '../ports.ts';
import type { AccountsService } from './accounts.ts';
import { listenForCallback, type CallbackPage } from './loopback-callback.ts';
import type { Revocations } from './revocations.ts';

/** How long a flow waits for the browser to come back before it frees the port. */
export const connectFlowTimeoutMs = 10 * 60_000;

export interface ConnectFlowsDeps {
  ports: Ports;
  accounts: AccountsService;
  events: EventBus;
  /** Revokes what a sign-in produced when the account could not be kept. */
  revokeUnkept: Revocations['revokeUnkept'];
  timeoutMs?: number;
}

interface Flow {
  id: string;
  port: number;
  state: 'waiting' | 'finishing' | 'done';
  /** Resolves once the port is free again. */
  closed: Promise<void>;
  end(error: AppError): void;
}

const flowFailure = (
  code: AppError['code'],
  message: string,
  reason: string,
  retryable = false,
): AppError => ({ code, message, retryable, details: { reason } });

export function createConnectFlows(deps: ConnectFlowsDeps) {
  const { ports, accounts, events } = deps;
  const timeoutMs = deps.timeoutMs ?? connectFlowTimeoutMs;
  const flows = new Map<string, Flow>();

  async function ensureCanConnect(clientId: string): Promise<void> {
    await accounts.assertClientCanConnect(clientId);
    const vault = ports.cipher.status();
    if (!vault.available) {
      throw failure(
        'ENCRYPTION_UNAVAILABLE',
        vault.reason ?? 'Account tokens cannot be stored safely here.',
        { details: { canAcceptWeakProtection: vault.canAcceptWeakProtection } },
      );
    }
  }

  /** A new connect on a port this process already waits on takes over from the old one. */
  function freePort(port: number): void {
    for (const flow of flows.values()) {
      if (flow.port === port && flow.state === 'waiting') {
        flow.end(
          flowFailure(
            'CONFLICT',
            'A newer connect attempt took over; this one was stopped.',
            'superseded',
          ),
        );
      }
    }
  }

  async function run(
    clientId: string,
    port: number,
    label: string,
    begin: (redirectUri: string) => Promise<Signin>,
  ): Promise<ConnectFlow> {
    freePort(port);
    const flowId = ports.newId();
    let signin: Signin | null = null;
    let settle: ((page: CallbackPage) => void) | null = null;

    const listener = await listenForCallback(port, async (query) => {
      const flow = flows.get(flowId);
      if (flow === undefined || signin === null || flow.state !== 'waiting') {
        return {
          status: 410,
          title: 'Nothing to finish here',
          message: 'Starling is not waiting for this sign-in any more. Go back to Starling.',
        };
      }
      const verdict = signin.judge(query);
      switch (verdict.kind) {
        case 'ignore':
          ports.logger.warn('refused a callback that is not the waiting sign-in', {
            flowId,
            reason: verdict.reason,
          });
          return {
            status: 400,
            title: 'This link is not the sign-in Starling is waiting for',
            message: `Starling ignored it (${verdict.reason}) and is still waiting. Finish signing in from the page Starling opened, or start Connect ${signin.label} again.`,
          };
        case 'denied': {
          const declined = verdict.error === 'access_denied';
          const error = declined
            ? flowFailure(
                'PLATFORM_REJECTED',
                `You declined access on ${signin.label}, so no account was connected.`,
                'denied',
              )
            : flowFailure(
                'PLATFORM_REJECTED',
                verdict.message ??
                  `${signin.label} ended the sign-in with an error (${verdict.error.slice(0, 100)}). Try connecting again.`,
                'platform_error',
              );
          flow.end(error);
          return {
            status: 200,
            title: declined ? 'Not connected' : 'Sign-in failed',
            message: `${error.message} You can close this tab.`,
          };
        }
        case 'code': {
          flow.state = 'finishing';
          const page = new Promise<CallbackPage>((resolve) => {
            settle = resolve;
          });
          void finish(flow, clientId, signin, verdict.code);
          return page;
        }
      }
    });

    const finish = async (flow: Flow, forClient: string, s: Signin, code: string) => {
      try {
        const { profile: fetched, credentials } = await s.finish(code);
        // The picture is kept locally (see avatar.ts); without it the UI shows an initial.
        const picture = (await s.picture?.(fetched.avatarUrl)) ?? null;
        const profile = { ...fetched, avatarUrl: picture ?? fetched.avatarUrl };
        const account = await accounts
          .saveConnected({ clientId: forClient, profile, credentials })
          .catch(async (error: unknown) => {
            await deps.revokeUnkept(profile, credentials);
            throw error;
          });
        // Ended meanwhile (shutdown): its end was already reported.
        if (flow.state === 'done') return;
        flow.state = 'done';
        cleanup(flow);
        ports.logger.info('account connected', { flowId, accountId: account.id });
        events.emit('account:connected', { flowId, account });
        settle?.({
          status: 200,
          title: `@${account.handle} is connected`,
          message: 'You can close this tab and go back to Starling.',
        });
      } catch (error) {
        const appError =
          error instanceof AppFailure
            ? error.error
            : flowFailure(
                'INTERNAL',
                'Something went wrong while connecting the account. Try again.',
                'internal',
              );
        if (!(error instanceof AppFailure)) {
          const summary = s.summarize?.(error) ?? (error instanceof Error ? error.name : 'unknown');
          ports.logger.error('connect flow failed', { flowId, error: summary });
        }
        flow.end(appError);
        settle?.({
          status: 200,
          title: 'Not connected',
          message: `${appError.message} You can close this tab.`,
        });
      }
    };

    const timer = setTimeout(() => {
      flows
        .get(flowId)
        ?.end(
          flowFailure(
            'AUTH_EXPIRED',
            `Nobody came back from ${label} within ${String(Math.round(timeoutMs / 60_000))} minutes, so Starling stopped waiting. Start Connect ${label} again when you are ready.`,
            'timeout',
            true,
          ),
        );
    }, timeoutMs);
    timer.unref();

    const cleanup = (ended: Flow) => {
      clearTimeout(timer);
      flows.delete(ended.id);
      ended.closed = listener.close();
    };

    const flow: Flow = {
      id: flowId,
      port,
      state: 'waiting',
      closed: Promise.resolve(),
      end(error) {
        if (flow.state === 'done') return;
        flow.state = 'done';
        cleanup(flow);
        ports.logger.info('connect flow ended', { flowId, reason: error.details?.reason });
        events.emit('account:connect-failed', { flowId, error });
      },
    };

    try {
      signin = await begin(listener.redirectUri);
    } catch (error) {
      clearTimeout(timer);
      await listener.close();
      throw error;
    }
    flows.set(flowId, flow);
    const browserOpened = await ports.openUrl(signin.authorizeUrl).catch(() => false);
    return {
      flowId,
      authorizeUrl: signin.authorizeUrl,
      redirectUri: listener.redirectUri,
      expiresAt: ports.clock.now() + timeoutMs,
      browserOpened,
    };
  }

  return {
    /**
     * A browser sign-in at any network with a loopback redirect (X, Mastodon, later
     * LinkedIn and Meta): `begin` builds the network's Signin for the flow's redirect URI.
     */
    async startLoopback(
      clientId: string,
      port: number,
      label: string,
      begin: (redirectUri: string) => Promise<Signin>,
    ): Promise<ConnectFlow> {
      await ensureCanConnect(clientId);
      return run(clientId, port, label, begin);
    },

    /** Refuses at once where no account can be connected (archived client, locked vault). */
    ensureCanConnect,

    /** Stops waiting; a flow that already ended (or never existed) is left as it is. */
    cancel(flowId: string): { flowId: string } {
      const flow = flows.get(flowId);
      if (flow?.state === 'waiting') {
        flow.end(flowFailure('CONFLICT', 'Connecting was cancelled.', 'cancelled'));
      }
      return { flowId };
    },

    /** Ends every flow and frees their ports (core shutdown). */
    async closeAll(): Promise<void> {
      const open = [...flows.values()];
      for (const flow of open) {
        flow.end(flowFailure('CONFLICT', 'Starling is shutting down.', 'cancelled'));
      }
      await Promise.all(open.map((flow) => flow.closed));
    },
  };
}

export type ConnectFlows = ReturnType<typeof createConnectFlows>;
