// Connect flows: one browser sign-in at a network from start to stored account. The network
// sends the browser back either to a loopback listener the flow owns on its port, or to an
// https address the user registered with their app, whose address the user pastes into
// Starling ([Note: pasted address]). A flow ends with account:connected, or
// account:connect-failed when the user declines, the sign-in fails, it times out, or it is
// cancelled. Answers that are not the flow's (wrong or missing state, another address) are
// refused and the flow keeps waiting.
import type { ConnectFlow, SocialAccount } from '../../../shared/accounts.ts';
import { shownHandle } from '../../../shared/networks/index.ts';
import { AppFailure, failure, type AppError } from '../../../shared/result.ts';
import type { EventBus } from '../events.ts';
import type { Signin } from '../platforms/port.ts';
import type { Ports } from '../ports.ts';
import type { AccountsService } from './accounts.ts';
import {
  listenForCallback,
  type CallbackPage,
  type LoopbackListener,
} from './loopback-callback.ts';
import { pastedQuery } from './pasted-address.ts';
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

/**
 * Where the network sends the browser back: a loopback listener on `port`, or the https
 * address registered with the user's app (the user pastes where the browser landed).
 */
export type FlowRedirect = { kind: 'loopback'; port: number } | { kind: 'registered'; uri: string };

/** How an answer from the browser (a loopback callback or a pasted address) ended. */
type Taken =
  | { kind: 'refused'; reason: string }
  | { kind: 'ended'; error: AppError }
  | { kind: 'finishing'; outcome: Promise<Outcome> };

type Outcome = { ok: true; account: SocialAccount } | { ok: false; error: AppError };

interface Flow {
  id: string;
  /** The loopback port it listens on; null for a registered redirect. */
  port: number | null;
  redirectUri: string;
  state: 'waiting' | 'finishing' | 'done';
  /** Takes the browser's answer (the redirect's query): the first good one wins. */
  take(query: URLSearchParams): Taken;
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
    redirect: FlowRedirect,
    label: string,
    begin: (redirectUri: string) => Promise<Signin>,
  ): Promise<ConnectFlow> {
    if (redirect.kind === 'loopback') freePort(redirect.port);
    const flowId = ports.newId();
    let signin: Signin | null = null;

    const take = (flow: Flow, query: URLSearchParams): Taken => {
      if (signin === null || flow.state !== 'waiting') {
        return { kind: 'refused', reason: 'the flow is not waiting' };
      }
      const verdict = signin.judge(query);
      switch (verdict.kind) {
        case 'ignore':
          ports.logger.warn('refused an answer that is not the waiting sign-in', {
            flowId,
            reason: verdict.reason,
          });
          return { kind: 'refused', reason: verdict.reason };
        case 'denied': {
          const error =
            verdict.error === 'access_denied'
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
          return { kind: 'ended', error };
        }
        case 'code':
          flow.state = 'finishing';
          return { kind: 'finishing', outcome: finish(flow, clientId, signin, verdict.code) };
      }
    };

    const listener: LoopbackListener | null =
      redirect.kind === 'loopback'
        ? await listenForCallback(redirect.port, label, async (query) => {
            const flow = flows.get(flowId);
            const taken: Taken =
              flow === undefined
                ? { kind: 'refused', reason: 'the flow is not waiting' }
                : take(flow, query);
            return callbackPage(taken, signin?.label ?? label);
          })
        : null;
    const redirectUri = listener?.redirectUri ?? (redirect as { uri: string }).uri;

    const finish = async (
      flow: Flow,
      forClient: string,
      s: Signin,
      code: string,
    ): Promise<Outcome> => {
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
        if (flow.state === 'done') {
          return {
            ok: false,
            error: flowFailure('CONFLICT', 'Starling is shutting down.', 'cancelled'),
          };
        }
        flow.state = 'done';
        cleanup(flow);
        ports.logger.info('account connected', { flowId, accountId: account.id });
        events.emit('account:connected', { flowId, account });
        return { ok: true, account };
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
        return { ok: false, error: appError };
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
      ended.closed = listener?.close() ?? Promise.resolve();
    };

    const flow: Flow = {
      id: flowId,
      port: redirect.kind === 'loopback' ? redirect.port : null,
      redirectUri,
      state: 'waiting',
      take: (query) => take(flow, query),
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
      signin = await begin(redirectUri);
    } catch (error) {
      clearTimeout(timer);
      await listener?.close();
      throw error;
    }
    flows.set(flowId, flow);
    const browserOpened = await ports.openUrl(signin.authorizeUrl).catch(() => false);
    return {
      flowId,
      authorizeUrl: signin.authorizeUrl,
      redirectUri,
      expiresAt: ports.clock.now() + timeoutMs,
      browserOpened,
      awaitsPaste: listener === null,
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
      return run(clientId, { kind: 'loopback', port }, label, begin);
    },

    /**
     * A browser sign-in whose redirect is `redirect`: a loopback listener, or the https
     * address registered with the user's app, whose address the user pastes (`paste`).
     */
    async start(
      clientId: string,
      redirect: FlowRedirect,
      label: string,
      begin: (redirectUri: string) => Promise<Signin>,
    ): Promise<ConnectFlow> {
      await ensureCanConnect(clientId);
      return run(clientId, redirect, label, begin);
    },

    /**
     * The address the browser landed on, pasted by the user ([Note: pasted address]): taken
     * exactly as a loopback callback is (the same state check, the first good answer wins),
     * by any flow, including a loopback one whose browser could not reach this machine.
     * Resolves with the connected account once the flow ends, or with its failure (declined,
     * refused by the network). An address that is not this flow's answer (another address,
     * a wrong state, no code) is refused with VALIDATION and the flow keeps waiting.
     */
    async paste(flowId: string, address: string): Promise<SocialAccount> {
      const flow = flows.get(flowId);
      if (flow?.state !== 'waiting') {
        throw failure(
          'CONFLICT',
          'Starling is not waiting for this sign-in any more. Start connecting again.',
          { details: { reason: flow === undefined ? 'not_waiting' : 'finishing' } },
        );
      }
      const query = pastedQuery(address, flow.redirectUri);
      if (!query.ok) throw failure('VALIDATION', query.message, { details: { reason: 'address' } });
      const taken = flow.take(query.value);
      switch (taken.kind) {
        case 'refused':
          throw failure(
            'VALIDATION',
            `That address is not the answer to this sign-in (${taken.reason}); Starling is still waiting. Paste the address your browser shows after you approved Starling.`,
            { details: { reason: 'state' } },
          );
        case 'ended':
          throw new AppFailure(taken.error);
        case 'finishing': {
          const outcome = await taken.outcome;
          if (!outcome.ok) throw new AppFailure(outcome.error);
          return outcome.account;
        }
      }
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

/** What the browser is shown for a loopback callback, from how the flow took it. */
async function callbackPage(taken: Taken, label: string): Promise<CallbackPage> {
  switch (taken.kind) {
    case 'refused':
      return taken.reason === 'the flow is not waiting'
        ? {
            status: 410,
            title: 'Nothing to finish here',
            message: 'Starling is not waiting for this sign-in any more. Go back to Starling.',
          }
        : {
            status: 400,
            title: 'This link is not the sign-in Starling is waiting for',
            message: `Starling ignored it (${taken.reason}) and is still waiting. Finish signing in from the page Starling opened, or start Connect ${label} again.`,
          };
    case 'ended':
      return {
        status: 200,
        title: taken.error.details?.reason === 'denied' ? 'Not connected' : 'Sign-in failed',
        message: `${taken.error.message} You can close this tab.`,
      };
    case 'finishing': {
      const outcome = await taken.outcome;
      return outcome.ok
        ? {
            status: 200,
            title: `${shownHandle(outcome.account.platform, outcome.account.handle)} is connected`,
            message: 'You can close this tab and go back to Starling.',
          }
        : {
            status: 200,
            title: 'Not connected',
            message: `${outcome.error.message} You can close this tab.`,
          };
    }
  }
}

export type ConnectFlows = ReturnType<typeof createConnectFlows>;
