// `starling accounts …`: list, remove, and connect an X account. connect-x runs the same
// flow as the app's Connect X button through dispatch, opens the system browser (or,
// with --no-browser, prints the address on stderr), waits for the flow to end and
// prints the account; stdout keeps only the final result. Ctrl-C cancels cleanly.
import type { Command } from 'commander';
import open from 'open';
import type { ConnectFlow, SocialAccount } from '../../shared/accounts.ts';
import type { Events } from '../../shared/ipc/events.ts';
import type { AppError, Result } from '../../shared/result.ts';
import type { RunWithCore } from './clients-commands.ts';
import type { OpenCore } from './main.ts';

interface ConnectOptions {
  client: string;
  xClientId?: string;
  port?: string;
  browser: boolean;
  oauth1?: boolean;
  apiKey?: string;
  apiSecret?: string;
}

type Outcome = { ok: true; account: SocialAccount } | { ok: false; error: AppError };

const say = (line: string) => process.stderr.write(`${line}\n`);

async function openInBrowser(url: string): Promise<boolean> {
  try {
    const child = await open(url);
    child.once('error', () => undefined);
    return true;
  } catch {
    return false;
  }
}

const describeAccount = (a: SocialAccount) =>
  [
    `@${a.handle}${a.displayName === '' ? '' : ` (${a.displayName})`}`,
    `  id      ${a.id}`,
    `  client  ${a.clientId}`,
    `  status  ${a.status === 'needs_reauth' ? 'needs reconnecting' : a.status}`,
    `  auth    ${a.authKind === 'oauth2' ? 'OAuth 2 (refreshed automatically)' : 'OAuth 1.0a'}`,
  ].join('\n');

function table(accounts: SocialAccount[]): string {
  if (accounts.length === 0) {
    return 'No accounts yet. Connect one with: starling accounts connect-x --client CLIENT_ID';
  }
  const head = ['ID', 'CLIENT', 'HANDLE', 'NAME', 'STATUS', 'AUTH'];
  const rows = accounts.map((a) => [
    a.id,
    a.clientId,
    `@${a.handle}`,
    a.displayName,
    a.status,
    a.authKind,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

function portOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  // Not a number still reaches dispatch, which answers with the port rule.
  return /^\d+$/.test(value) ? Number(value) : Number.NaN;
}

export function addAccountsCommands(program: Command, run: RunWithCore, openCore: OpenCore): void {
  const accounts = program.command('accounts').description('manage connected social accounts');

  accounts
    .command('list')
    .description('list connected accounts')
    .option('--client <id>', "only this client's accounts")
    .action((opts: { client?: string }, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        out.answer(
          await invoke('accounts:list', opts.client === undefined ? {} : { clientId: opts.client }),
          (value) => table(value),
        );
      }),
    );

  accounts
    .command('remove')
    .description('remove an account and delete its stored tokens (revoked at X where possible)')
    .argument('<id>', 'account id')
    .action((id: string, _opts: unknown, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        out.answer(
          await invoke('accounts:remove', { id }),
          () => `Removed account ${id}; its stored tokens were deleted.`,
        );
      }),
    );

  accounts
    .command('connect-x')
    .description('connect an X account to a client: sign in at X in your browser')
    .requiredOption('--client <id>', 'the client the account belongs to')
    .option('--x-client-id <id>', "your X app's Client ID (default: the one in Settings)")
    .option('--port <n>', 'loopback port of the callback URL registered in your X app')
    .option('--no-browser', 'print the sign-in address instead of opening the browser')
    .option('--oauth1', 'use OAuth 1.0a with your API key and secret (tokens never expire)')
    .option('--api-key <key>', 'OAuth 1.0a API key (or env STARLING_X_API_KEY)')
    .option(
      '--api-secret <secret>',
      'OAuth 1.0a API key secret (or env STARLING_X_API_SECRET, kept out of shell history)',
    )
    .action(async (opts: ConnectOptions, cmd: Command) => {
      const { core, out } = await openCore(
        cmd,
        'cli',
        opts.browser ? { openUrl: openInBrowser } : {},
      );
      const outcomes = new Map<string, Outcome>();
      let notify: (() => void) | null = null;
      const stop = core.events.subscribe((event, payload) => {
        if (event === 'account:connected') {
          const p = payload as Events['account:connected'];
          outcomes.set(p.flowId, { ok: true, account: p.account });
        } else if (event === 'account:connect-failed') {
          const p = payload as Events['account:connect-failed'];
          outcomes.set(p.flowId, { ok: false, error: p.error });
        } else return;
        notify?.();
      });
      let cancel: (() => void) | null = null;
      try {
        const port = portOption(opts.port);
        let started: Result<unknown>;
        if (opts.oauth1 === true) {
          started = await core.dispatch('accounts:connect-x-oauth1', {
            clientId: opts.client,
            apiKey: opts.apiKey ?? process.env.STARLING_X_API_KEY ?? '',
            apiSecret: opts.apiSecret ?? process.env.STARLING_X_API_SECRET ?? '',
            ...(port !== undefined && { port }),
          });
        } else {
          started = await core.dispatch('accounts:connect-x', {
            clientId: opts.client,
            ...(opts.xClientId !== undefined && { xClientId: opts.xClientId }),
            ...(port !== undefined && { port }),
          });
        }
        if (!started.ok) {
          out.error(started.error);
          return;
        }
        const flow = started.value as ConnectFlow;
        cancel = () => {
          void core.dispatch('accounts:cancel-connect', { flowId: flow.flowId });
        };
        process.once('SIGINT', cancel);
        process.once('SIGTERM', cancel);
        say(
          flow.browserOpened
            ? 'Your browser was opened to sign in at X. If it did not open, visit this address:'
            : 'Open this address in a browser and sign in at X:',
        );
        say(flow.authorizeUrl);
        say(`Waiting for X to send you back to ${flow.redirectUri} (Ctrl-C cancels)…`);
        const outcome = await new Promise<Outcome>((resolve) => {
          const check = () => {
            const found = outcomes.get(flow.flowId);
            if (found !== undefined) resolve(found);
          };
          notify = check;
          check();
        });
        if (outcome.ok) {
          out.result(outcome.account, () => `Connected ${describeAccount(outcome.account)}`);
        } else {
          out.error(outcome.error);
          if (outcome.error.details?.reason === 'cancelled') process.exitCode = 130;
        }
      } finally {
        stop();
        if (cancel !== null) {
          process.off('SIGINT', cancel);
          process.off('SIGTERM', cancel);
        }
        await core.close();
      }
    });
}
