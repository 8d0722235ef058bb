// `starling accounts connect-threads`: a Threads account signed in with the user's own
// Threads app (STARLING_THREADS_APP_ID / STARLING_THREADS_APP_SECRET /
// STARLING_THREADS_REDIRECT_URI, or the app's settings; the secret never from a flag).
// Threads sends the browser to the https redirect registered with the app, so the command
// reads the address the browser then shows on standard input ([Note: pasted address]).
import type { Command } from 'commander';
import { followFlow, openInBrowser } from './accounts-commands.ts';
import type { OpenCore } from './main.ts';

export function addConnectThreadsCommand(accounts: Command, openCore: OpenCore): void {
  accounts
    .command('connect-threads')
    .description(
      'connect a Threads account to a client: sign in at Threads in your browser with your own Threads app (env STARLING_THREADS_APP_ID, STARLING_THREADS_APP_SECRET and STARLING_THREADS_REDIRECT_URI, or Settings), then paste the address the browser shows',
    )
    .requiredOption('--client <id>', 'the client the account belongs to')
    .option('--no-browser', 'print the sign-in address instead of opening the browser')
    .action(async (opts: { client: string; browser: boolean }, cmd: Command) => {
      const { core, out } = await openCore(
        cmd,
        'cli',
        opts.browser ? { openUrl: openInBrowser } : {},
      );
      await followFlow(
        core,
        out,
        'Threads',
        () => core.invoke('accounts:connect', { clientId: opts.client, platform: 'threads' }),
        undefined,
        true,
      );
    });
}
