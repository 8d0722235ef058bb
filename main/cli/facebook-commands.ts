// `starling accounts connect-facebook`: a Facebook user signed in with the user's own Meta
// app (its App ID and App Secret from STARLING_META_APP_ID / STARLING_META_APP_SECRET or
// the app's settings, never from flags), then the Pages they granted listed, with the
// Instagram account linked to each. `starling accounts add-pages` makes them accounts.
// The sign-in runs as connect-x does (accounts-commands.ts), and also takes the address
// the browser lands on pasted on standard input ([Note: pasted address]).
import type { Command } from 'commander';
import type { NetworkPage, SocialAccount } from '../../shared/accounts.ts';
import { describeAccount, followFlow, openInBrowser, portOption } from './accounts-commands.ts';
import type { OpenCore } from './main.ts';
import { textTable } from './text-table.ts';

function pagesTable(pages: NetworkPage[]): string {
  if (pages.length === 0) {
    return 'No Pages: pick the Pages Starling may use in Facebook’s dialog when connecting.';
  }
  return textTable(
    ['PAGE ID', 'NAME', 'ROLE', 'CONNECTED AS'],
    pages.map((p) => [p.id, p.name, p.role, p.accountId ?? '-']),
  );
}

export function addFacebookCommands(accounts: Command, openCore: OpenCore): void {
  accounts
    .command('connect-facebook')
    .description(
      'connect Facebook Pages (and the Instagram accounts linked to them) to a client: sign in with Facebook in your browser through your own Meta app (env STARLING_META_APP_ID and STARLING_META_APP_SECRET, or Settings → Facebook); the address the browser lands on may also be pasted here',
    )
    .requiredOption('--client <id>', 'the client the accounts belong to')
    .option('--port <n>', 'loopback port of the redirect URL registered in your Meta app')
    .option('--no-browser', 'print the sign-in address instead of opening the browser')
    .action(async (opts: { client: string; port?: string; browser: boolean }, cmd: Command) => {
      const { core, out } = await openCore(
        cmd,
        'cli',
        opts.browser ? { openUrl: openInBrowser } : {},
      );
      const port = portOption(opts.port);
      await followFlow(
        core,
        out,
        'Facebook',
        () =>
          core.invoke('accounts:connect', {
            clientId: opts.client,
            platform: 'facebook',
            ...(port !== undefined && { port }),
          }),
        async (account: SocialAccount) => {
          const listed = await core.invoke('accounts:list-pages', { accountId: account.id });
          const found = listed.ok ? listed.value : [];
          const why = listed.ok ? '' : `\nPages could not be listed: ${listed.error.message}`;
          return {
            value: { ...account, pages: found },
            text:
              `Connected ${describeAccount(account)}\n\n${pagesTable(found)}${why}\n` +
              `Add Pages (with their Instagram accounts) with: starling accounts add-pages ${account.id} PAGE_ID…`,
          };
        },
        true,
      );
    });
}
