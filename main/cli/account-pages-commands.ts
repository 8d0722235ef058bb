// `starling accounts connect-linkedin`, `pages` and `add-pages`: a LinkedIn member signed
// in with the user's own LinkedIn app (its Client ID and secret from
// STARLING_LINKEDIN_CLIENT_ID / STARLING_LINKEDIN_CLIENT_SECRET or the app's settings,
// never from flags), and the company pages they administer connected as accounts of their
// own. The sign-in runs as connect-x does (accounts-commands.ts).
import type { Command } from 'commander';
import type { NetworkPage, SocialAccount } from '../../shared/accounts.ts';
import { describeAccount, followFlow, openInBrowser, portOption } from './accounts-commands.ts';
import type { RunWithCore } from './clients-commands.ts';
import type { OpenCore } from './main.ts';
import { addFacebookCommands } from './facebook-commands.ts';
import { textTable } from './text-table.ts';

function pagesTable(pages: NetworkPage[]): string {
  if (pages.length === 0) return 'No company pages: you administer none on LinkedIn.';
  return textTable(
    ['PAGE ID', 'NAME', 'HANDLE', 'ROLE', 'CONNECTED AS'],
    pages.map((p) => [p.id, p.name, p.handle, p.role, p.accountId ?? '-']),
  );
}

const addHint = (account: SocialAccount) =>
  `Add pages as accounts with: starling accounts add-pages ${account.id} PAGE_ID…`;

export function addAccountPagesCommands(
  accounts: Command,
  run: RunWithCore,
  openCore: OpenCore,
): void {
  accounts
    .command('connect-linkedin')
    .description(
      'connect a LinkedIn member to a client: sign in at LinkedIn in your browser with your own LinkedIn app (env STARLING_LINKEDIN_CLIENT_ID and STARLING_LINKEDIN_CLIENT_SECRET, or Settings → LinkedIn)',
    )
    .requiredOption('--client <id>', 'the client the account belongs to')
    .option('--pages', 'also ask for the company pages you administer, and list them')
    .option('--port <n>', 'loopback port of the redirect URL registered in your LinkedIn app')
    .option('--no-browser', 'print the sign-in address instead of opening the browser')
    .action(
      async (
        opts: { client: string; pages?: boolean; port?: string; browser: boolean },
        cmd: Command,
      ) => {
        const { core, out } = await openCore(
          cmd,
          'cli',
          opts.browser ? { openUrl: openInBrowser } : {},
        );
        const port = portOption(opts.port);
        const pages = opts.pages === true;
        await followFlow(
          core,
          out,
          'LinkedIn',
          () =>
            core.invoke('accounts:connect', {
              clientId: opts.client,
              platform: 'linkedin',
              pages,
              ...(port !== undefined && { port }),
            }),
          pages
            ? async (account) => {
                const listed = await core.invoke('accounts:list-pages', { accountId: account.id });
                const found = listed.ok ? listed.value : [];
                const why = listed.ok ? '' : `\nPages could not be listed: ${listed.error.message}`;
                return {
                  value: { ...account, pages: found },
                  text: `Connected ${describeAccount(account)}\n\n${pagesTable(found)}${why}\n${addHint(account)}`,
                };
              }
            : undefined,
        );
      },
    );

  addFacebookCommands(accounts, openCore);

  accounts
    .command('pages')
    .description(
      'list the pages a connected account may add (LinkedIn company pages, Facebook Pages)',
    )
    .argument('<account-id>', 'the member’s account id')
    .action((accountId: string, _opts: unknown, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        out.answer(await invoke('accounts:list-pages', { accountId }), pagesTable);
      }),
    );

  accounts
    .command('add-pages')
    .description('connect company pages an account administers as accounts of its client')
    .argument('<account-id>', 'the member’s account id')
    .argument('<page-ids...>', 'page ids from `starling accounts pages`')
    .action((accountId: string, pageIds: string[], _opts: unknown, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        out.answer(await invoke('accounts:add-pages', { accountId, pageIds }), (added) =>
          added.map((a) => `Connected ${describeAccount(a)}`).join('\n\n'),
        );
      }),
    );
}
