// Connecting an X account in real Chromium against the real `starling serve`, with the
// fake X server standing in for x.com and api.x.com: the X app settings typed into
// Settings, Connect X on a client, the fake's consent page answered in the tab the app
// opened, the account listed as Active, and the CLI reading the same account back.
import net from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { startFakeX, type FakeX } from '../fakes/x-server/index.ts';
import { runCli } from '../helpers/cli.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const xClientId = 'c3RhcmxpbmctZTJlLWNsaWVudA';

/** A loopback port nobody listens on right now, for the OAuth redirect. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

interface Setup {
  fake: FakeX;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  port: number;
  clientId: string;
  userId: string;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

async function setUp(options: { passphrase?: boolean } = {}): Promise<Setup> {
  const fake = await startFakeX();
  onTestFinished(() => fake.close());
  const user = fake.addUser({ username: 'brightbakes', name: 'Bright Bakery Co' });
  const port = await freePort();
  fake.registerApp({
    clientId: xClientId,
    name: 'Starling e2e',
    redirectUris: [`http://127.0.0.1:${port}/callback`],
  });
  fake.signIn(user.id);

  const dataDir = tempDataDir();
  const env: NodeJS.ProcessEnv = { STARLING_X_API_ORIGIN: fake.origin };
  // Set explicitly either way, so a passphrase in the runner's environment changes nothing.
  env.STARLING_VAULT_PASSPHRASE =
    options.passphrase === false ? '' : 'e2e passphrase, not a real secret';
  const client = runCli(
    ['--data-dir', dataDir, '--json', 'clients', 'add', '--name', 'Bright Bakery'],
    env,
  ).json() as { id: string };

  const app = await serveApp(dataDir, env);
  const { page, errors } = await openApp(app.url);
  const context = page.context();
  return { fake, dataDir, env, port, clientId: client.id, userId: user.id, context, page, errors };
}

/** Fills and saves the X app fields, in Settings or in the Connect X dialog. */
async function saveXAppSettings(scope: Page | Locator, port: number) {
  await scope.getByLabel('X Client ID').fill(xClientId);
  await scope.getByLabel('Callback port').fill(String(port));
  await scope.getByRole('button', { name: 'Save X app settings' }).click();
}

const accountItem = (page: Page, handle: string) =>
  page
    .getByRole('list', { name: 'Accounts of Bright Bakery' })
    .getByRole('listitem')
    .filter({ hasText: handle });

/** Approves Starling on the fake X's consent page the app opened in a new tab. */
async function approveInNewTab(context: BrowserContext, opened: Promise<Page>) {
  const consent = await opened;
  await consent.getByRole('button', { name: 'Authorize app' }).click();
  // The loopback callback answers the tab itself once the account is stored.
  await consent.getByText('You can close this tab').waitFor();
  await consent.close();
  expect(context.pages()).toHaveLength(1);
}

describe('X accounts in the browser host', () => {
  it('connects an account through Settings and Connect X with the fake X approving', async () => {
    const { fake, dataDir, env, port, clientId, userId, context, page, errors } = await setUp();

    await page.getByRole('link', { name: 'Settings' }).click();
    await saveXAppSettings(page, port);
    await page.getByText('X app settings saved.').waitFor();
    // The guide's callback URI follows the saved port.
    await page
      .getByText(`http://127.0.0.1:${port}/callback`, { exact: true })
      .first()
      .waitFor({ state: 'attached' });
    await checkLayout(page, 'Settings with the X app saved');

    await page.getByRole('link', { name: 'Clients' }).click();
    const opened = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Connect X account to Bright Bakery' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect X account' });
    await dialog.getByText('Waiting for X… approve Starling in your browser').waitFor();
    await dialog.getByRole('timer').waitFor();
    await checkLayout(page, 'Connect X dialog, waiting for X');
    await approveInNewTab(context, opened);

    const item = accountItem(page, '@brightbakes');
    await item.waitFor();
    expect(await item.textContent()).toContain('Active');
    expect(await item.textContent()).toContain('Bright Bakery Co');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Connected @brightbakes').waitFor();
    await checkLayout(page, 'Clients with a connected account');

    // The CLI reads the same account from the same data folder; no token crosses.
    const listed = runCli(['--data-dir', dataDir, '--json', 'accounts', 'list'], env).json();
    expect(listed).toEqual([
      expect.objectContaining({
        clientId,
        platform: 'x',
        platformUserId: userId,
        handle: 'brightbakes',
        status: 'active',
        authKind: 'oauth2',
      }),
    ]);
    const issued = fake.ledger.requests().filter((r) => r.path === '/2/oauth2/token');
    expect(issued.map((r) => r.status)).toEqual([200]);

    // Remove, with the confirmation explaining that the tokens go.
    await page.getByRole('button', { name: 'Remove @brightbakes' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove @brightbakes?' });
    expect(await confirm.textContent()).toContain('deletes the access tokens');
    // The account's own network is named, and nothing posted there is touched.
    expect(await confirm.textContent()).toContain('revokes them at X where it can');
    expect(await confirm.textContent()).toContain('Nothing already on X is deleted.');
    await checkLayout(page, 'Remove account dialog');
    await confirm.getByRole('button', { name: 'Remove account' }).click();
    await item.waitFor({ state: 'detached' });
    expect(runCli(['--data-dir', dataDir, '--json', 'accounts', 'list'], env).json()).toEqual([]);
    expect(errors).toEqual([]);
  }, 90_000);

  it('shows the setup guide from Connect X while no Client ID is set, then connects', async () => {
    const { dataDir, env, port, context, page, errors } = await setUp();
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('button', { name: 'Connect X account to Bright Bakery' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect X account' });
    await dialog.getByText('Copy the Client ID into Starling').waitFor();
    await checkLayout(page, 'Connect X dialog with the setup guide');

    // A malformed Client ID is refused as you type, before anything is saved.
    await dialog.getByLabel('X Client ID').fill('not valid!');
    await dialog.getByText(/X Client ID looks wrong/).waitFor();
    expect(await dialog.getByLabel('X Client ID').getAttribute('aria-invalid')).toBe('true');
    await checkLayout(page, 'Connect X dialog with a malformed Client ID');

    // Saving goes straight on to X; Cancel stops waiting (and the next flow starts clean).
    const abandoned = context.waitForEvent('page');
    await saveXAppSettings(dialog, port);
    await dialog.getByText('Waiting for X… approve Starling in your browser').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await (await abandoned).close();

    const reopened = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Connect X account to Bright Bakery' }).click();
    await dialog.getByText('Waiting for X… approve Starling in your browser').waitFor();
    await approveInNewTab(context, reopened);
    await accountItem(page, '@brightbakes').waitFor();

    const prefs = runCli(['--data-dir', dataDir, '--json', 'accounts', 'list'], env).json();
    expect(prefs).toEqual([expect.objectContaining({ handle: 'brightbakes', status: 'active' })]);
    expect(errors).toEqual([]);
  }, 90_000);

  it('without a vault passphrase, explains why no account can be connected', async () => {
    const { dataDir, env, port, page, errors } = await setUp({ passphrase: false });
    await page.getByRole('link', { name: 'Settings' }).click();
    await saveXAppSettings(page, port);
    const protection = page.getByRole('region', { name: 'Token protection' });
    await protection.getByText('Tokens can’t be stored securely here').waitFor();
    await protection.getByText(/STARLING_VAULT_PASSPHRASE/).waitFor();
    // Accepting weaker protection is for the desktop app only.
    expect(await protection.getByRole('checkbox').count()).toBe(0);
    await checkLayout(page, 'Settings without a vault passphrase');

    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('button', { name: 'Connect X account to Bright Bakery' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect X account' });
    await dialog.getByText(/STARLING_VAULT_PASSPHRASE/).waitFor();
    expect(await dialog.getByText('Waiting for X').count()).toBe(0);
    await checkLayout(page, 'Connect X dialog without a vault passphrase');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(runCli(['--data-dir', dataDir, '--json', 'accounts', 'list'], env).json()).toEqual([]);
    expect(errors).toEqual([]);
  }, 90_000);
});
