// `starling accounts …`: list, remove, and connect accounts. connect-x and
// connect-mastodon run the same flows as the app's Connect buttons through dispatch, open
// the system browser (or, with --no-browser, print the address on stderr), wait for the
// flow to end and print the account; stdout keeps only the final result. Ctrl-C cancels
// cleanly. connect-bluesky takes the app password from the environment or a terminal
// prompt, never from a flag (flags end up in shell history and process lists); so does
// connect-linkedin its app's secret (account-pages-commands.ts, with pages).
import type { Command } from 'commander';
import type { ConnectFlow, SocialAccount } from '../../shared/accounts.ts';
import { failure, type AppError, type Result } from '../../shared/result.ts';
import type { RunWithCore } from './clients-commands.ts';
import type { OpenCore } from './main.ts';
import { addAccountPagesCommands } from './account-pages-commands.ts';
import { addConnectThreadsCommand } from './connect-threads-command.ts';
import { readPasted } from './read-pasted.ts';
import { textTable } from './text-table.ts';
import { shownHandle } from '../../shared/networks/index.ts';

interface ConnectOptions {
  client: string;
  xClientId?: string;
  port?: string;
  browser: boolean;
  oauth1?: boolean;
  apiKey?: string;
}

type Outcome = { ok: true; account: SocialAccount } | { ok: false; error: AppError };

const say = (line: string) => process.stderr.write(`${line}\n`);

export async function openInBrowser(url: string): Promise<boolean> {
  try {
    // Loaded when a browser is wanted: it is not worth its load time to any other command.
    const { default: open } = await import('open');
    const child = await open(url);
    child.once('error', () => undefined);
    return true;
  } catch {
    return false;
  }
}

const authKinds: Record<SocialAccount['authKind'], string> = {
  oauth2: 'OAuth 2',
  oauth1: 'OAuth 1.0a',
  session: 'app password session (refreshed automatically)',
};

export const describeAccount = (a: SocialAccount) =>
  [
    `${shownHandle(a.platform, a.handle)}${a.displayName === '' || a.displayName === a.handle ? '' : ` (${a.displayName})`}`,
    `  id       ${a.id}`,
    `  network  ${a.platform}${a.serviceUrl === null ? '' : ` at ${a.serviceUrl}`}`,
    `  client   ${a.clientId}`,
    `  status   ${a.status === 'needs_reauth' ? 'needs reconnecting' : a.status}`,
    `  auth     ${authKinds[a.authKind]}`,
  ].join('\n');

function table(accounts: SocialAccount[]): string {
  if (accounts.length === 0) {
    return 'No accounts yet. Connect one with: starling accounts connect-x --client CLIENT_ID';
  }
  const head = ['ID', 'CLIENT', 'NETWORK', 'HANDLE', 'NAME', 'STATUS', 'AUTH'];
  const rows = accounts.map((a) => [
    a.id,
    a.clientId,
    a.platform,
    shownHandle(a.platform, a.handle),
    a.displayName,
    a.status,
    a.authKind,
  ]);
  return textTable(head, rows);
}

export function portOption(value: string | undefined): number | undefined {
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
      run(
        cmd,
        async (invoke, out) => {
          out.answer(
            await invoke(
              'accounts:list',
              opts.client === undefined ? {} : { clientId: opts.client },
            ),
            (value) => table(value),
          );
        },
        'reads',
      ),
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
    .command('hand-off')
    .description(
      "let the account's server hold its posts until their time (Mastodon), so they go out while this computer sleeps",
    )
    .argument('<id>', 'account id')
    .argument(
      '<on|off>',
      'on: the server holds single posts due later; off: Starling publishes them',
    )
    .action((id: string, state: string, _opts: unknown, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        if (state !== 'on' && state !== 'off') {
          throw failure('VALIDATION', `Say on or off, not "${state}".`);
        }
        const result = await invoke('accounts:set-hand-off', {
          id,
          on: state === 'on',
        });
        out.answer(result, (account) =>
          account.handOff
            ? `The server of @${account.handle} now holds its posts until their time.`
            : `Starling publishes @${account.handle}'s posts itself.`,
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
    // The key's secret never comes as a flag: other users can read a command line (ps,
    // /proc) while the sign-in waits, and shells keep it in their history.
    .action(async (opts: ConnectOptions, cmd: Command) => {
      const { core, out } = await openCore(
        cmd,
        'cli',
        opts.browser ? { openUrl: openInBrowser } : {},
      );
      const apiSecret =
        opts.oauth1 === true
          ? (process.env.STARLING_X_API_SECRET ?? (await promptSecret('X API key secret: ')))
          : null;
      if (opts.oauth1 === true && apiSecret === null) {
        out.error({
          code: 'VALIDATION',
          message:
            'No API key secret: set STARLING_X_API_SECRET or run this on a terminal to be asked for it.',
        });
        return;
      }
      const port = portOption(opts.port);
      await followFlow(core, out, 'X', () =>
        opts.oauth1 === true
          ? core.invoke('accounts:connect-x-oauth1', {
              clientId: opts.client,
              apiKey: opts.apiKey ?? process.env.STARLING_X_API_KEY ?? '',
              apiSecret: apiSecret ?? '',
              ...(port !== undefined && { port }),
            })
          : core.invoke('accounts:connect-x', {
              clientId: opts.client,
              ...(opts.xClientId !== undefined && { xClientId: opts.xClientId }),
              ...(port !== undefined && { port }),
            }),
      );
    });

  accounts
    .command('connect-mastodon')
    .description('connect a Mastodon account to a client: sign in at its instance in your browser')
    .requiredOption('--client <id>', 'the client the account belongs to')
    .requiredOption('--instance <url>', 'the instance, e.g. https://mastodon.social')
    .option('--port <n>', 'loopback port of the callback URL (default: the X callback port)')
    .option('--no-browser', 'print the sign-in address instead of opening the browser')
    .action(
      async (
        opts: { client: string; instance: string; port?: string; browser: boolean },
        cmd: Command,
      ) => {
        const { core, out } = await openCore(
          cmd,
          'cli',
          opts.browser ? { openUrl: openInBrowser } : {},
        );
        const port = portOption(opts.port);
        await followFlow(core, out, 'Mastodon', () =>
          core.invoke('accounts:connect', {
            clientId: opts.client,
            platform: 'mastodon',
            serviceUrl: opts.instance,
            ...(port !== undefined && { port }),
          }),
        );
      },
    );

  accounts
    .command('connect-bluesky')
    .description(
      'connect a Bluesky account with an app password (env STARLING_BLUESKY_APP_PASSWORD, or asked on a terminal)',
    )
    .requiredOption('--client <id>', 'the client the account belongs to')
    .requiredOption('--handle <handle>', 'the handle, e.g. bakery.bsky.social')
    .option('--service <url>', 'the PDS (default: https://bsky.social)')
    .action((opts: { client: string; handle: string; service?: string }, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        const password =
          process.env.STARLING_BLUESKY_APP_PASSWORD ??
          (await promptSecret(`App password for @${opts.handle.replace(/^@/, '')}: `));
        if (password === null) {
          out.error({
            code: 'VALIDATION',
            message:
              'No app password: set STARLING_BLUESKY_APP_PASSWORD or run this on a terminal. ' +
              'Make one in Bluesky under Settings → Privacy and security → App passwords.',
          });
          return;
        }
        out.answer(
          await invoke('accounts:sign-in', {
            clientId: opts.client,
            platform: 'bluesky',
            handle: opts.handle,
            password,
            ...(opts.service !== undefined && { serviceUrl: opts.service }),
          }),
          (account) => `Connected ${describeAccount(account)}`,
        );
      }),
    );

  addAccountPagesCommands(accounts, run, openCore);
  addConnectThreadsCommand(accounts, openCore);
}

/**
 * Starts a browser sign-in with `start`, says where to sign in, waits for the flow to end
 * (account:connected or account:connect-failed) and prints the account, or what `present`
 * makes of it (LinkedIn adds the member's pages); Ctrl-C cancels. With `paste`, the address
 * the browser lands on is also read from standard input ([Note: pasted address]).
 */
export async function followFlow(
  core: Awaited<ReturnType<OpenCore>>['core'],
  out: Awaited<ReturnType<OpenCore>>['out'],
  label: string,
  start: () => Promise<Result<ConnectFlow>>,
  present?: (account: SocialAccount) => Promise<{ value: unknown; text: string }>,
  paste = false,
): Promise<void> {
  const outcomes = new Map<string, Outcome>();
  let notify: (() => void) | null = null;
  const stopConnected = core.events.on('account:connected', ({ flowId, account }) => {
    outcomes.set(flowId, { ok: true, account });
    notify?.();
  });
  const stopFailed = core.events.on('account:connect-failed', ({ flowId, error }) => {
    outcomes.set(flowId, { ok: false, error });
    notify?.();
  });
  const stop = () => {
    stopConnected();
    stopFailed();
  };
  let cancel: (() => void) | null = null;
  let stopReading: (() => void) | null = null;
  try {
    const started = await start();
    if (!started.ok) {
      out.error(started.error);
      return;
    }
    const flow = started.value;
    cancel = () => {
      void core.invoke('accounts:cancel-connect', { flowId: flow.flowId });
    };
    process.once('SIGINT', cancel);
    process.once('SIGTERM', cancel);
    say(
      flow.browserOpened
        ? `Your browser was opened to sign in at ${label}. If it did not open, visit this address:`
        : `Open this address in a browser and sign in at ${label}:`,
    );
    say(flow.authorizeUrl);
    if (paste) {
      say(
        flow.awaitsPaste
          ? `After you approve Starling, ${label} sends your browser to ${flow.redirectUri}: copy the whole address the browser then shows and paste it here (Ctrl-C cancels).`
          : `Waiting for ${label} to send you back to ${flow.redirectUri}; if that browser is on another computer, paste the address it shows here (Ctrl-C cancels).`,
      );
      stopReading = await readPasted(core, flow);
    } else {
      say(`Waiting for ${label} to send you back to ${flow.redirectUri} (Ctrl-C cancels)…`);
    }
    const outcome = await new Promise<Outcome>((resolve) => {
      const check = () => {
        const found = outcomes.get(flow.flowId);
        if (found !== undefined) resolve(found);
      };
      notify = check;
      check();
    });
    if (outcome.ok) {
      const shown = (await present?.(outcome.account)) ?? {
        value: outcome.account,
        text: `Connected ${describeAccount(outcome.account)}`,
      };
      out.result(shown.value, () => shown.text);
    } else {
      out.error(outcome.error);
      if (outcome.error.details?.reason === 'cancelled') process.exitCode = 130;
    }
  } finally {
    stop();
    stopReading?.();
    if (cancel !== null) {
      process.off('SIGINT', cancel);
      process.off('SIGTERM', cancel);
    }
    await core.close();
  }
}

/** Reads a secret from the terminal without echoing it; null when there is no terminal. */
async function promptSecret(question: string): Promise<string | null> {
  if (!process.stdin.isTTY) return null;
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Echo nothing of what is typed: the prompt is written once, keystrokes are swallowed.
  const muted = rl as unknown as { _writeToOutput: (text: string) => void };
  process.stderr.write(question);
  muted._writeToOutput = () => undefined;
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer.trim() === '' ? null : answer.trim());
    });
  });
}
