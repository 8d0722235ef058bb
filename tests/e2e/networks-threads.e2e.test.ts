// Threads in real Chromium against the real `starling serve`, with the fake Threads reached
// through STARLING_THREADS_API_ORIGIN: the user's own app set up in the Connect Threads
// dialog (guide, app id, a secret that never comes back, the https redirect), consent given
// in the tab the app opened, which lands on the registered redirect (a page of the user's,
// stood in for here), and the address that tab shows pasted into the dialog: a wrong one
// explained in place while Starling keeps waiting, the right one connecting the account.
import { describe, expect, it, onTestFinished } from 'vitest';
import { startFakeThreads } from '../fakes/threads-server/index.ts';
import { runCli } from '../helpers/cli.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { testThreadsApp } from '../helpers/threads-accounts.ts';
import { testPassphrase } from '../helpers/x-accounts.ts';

describe('Threads in the browser host', () => {
  it('connects an account from the address pasted into the dialog', async () => {
    const fake = await startFakeThreads();
    onTestFinished(() => fake.close());
    fake.registerApp({ ...testThreadsApp, redirectUris: [testThreadsApp.redirectUri] });
    fake.addUser({ username: 'brightbakes', name: 'Bright Bakery' });
    const dataDir = tempDataDir();
    const env: NodeJS.ProcessEnv = {
      STARLING_VAULT_PASSPHRASE: testPassphrase,
      STARLING_THREADS_API_ORIGIN: fake.origin,
    };
    runCli(['--data-dir', dataDir, 'clients', 'add', '--name', 'Bright Bakery'], env);
    const app = await serveApp(dataDir, env);
    const { page, errors } = await openApp(app.url);
    const context = page.context();
    await page.getByRole('link', { name: 'Clients' }).click();

    await page.getByRole('button', { name: 'Connect Threads account to Bright Bakery' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect Threads account' });
    const guide = dialog.locator('details.setup-guide');
    expect(await guide.getAttribute('open')).not.toBeNull();
    await guide.getByText('Access the Threads API').waitFor();
    await dialog.getByLabel('Threads app ID').fill(testThreadsApp.clientId);
    await dialog.getByLabel('Threads app secret').fill(testThreadsApp.clientSecret);
    await dialog.getByLabel('Redirect address').fill(testThreadsApp.redirectUri);
    await checkLayout(page, 'Connect Threads dialog');

    const consentTab = context.waitForEvent('page');
    await dialog.getByRole('button', { name: 'Sign in on Threads' }).click();
    const consent = await consentTab;
    // The registered redirect is the user's own page; nothing of Starling runs there.
    await consent.route('https://starling.example/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<p>Copy this address into Starling.</p>' }),
    );
    await consent.getByRole('button', { name: 'Allow' }).click();
    await consent.getByText('Copy this address into Starling.').waitFor();
    const address = consent.url();
    await consent.close();
    expect(address).toContain('https://starling.example/threads/callback?code=');

    const field = dialog.getByLabel('Address your browser shows');
    await field.fill('https://starling.example/threads/callback?state=nope');
    await dialog.getByRole('button', { name: 'Finish connecting' }).click();
    await dialog.getByText('That address has no sign-in code in it').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await checkLayout(page, 'Threads paste field with an error');

    await field.fill(address);
    await dialog.getByRole('button', { name: 'Finish connecting' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const accounts = page.getByRole('list', { name: 'Accounts of Bright Bakery' });
    const item = accounts.getByRole('listitem').filter({ hasText: '@brightbakes' });
    await item.waitFor();
    expect(await item.locator('.network-badge').textContent()).toContain('Threads');
    expect(await page.content()).not.toContain(testThreadsApp.clientSecret);
    expect(errors).toEqual([]);
  }, 60_000);
});
