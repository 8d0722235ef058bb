// The pages picker in real Chromium against the real `starling serve` and the fake Meta
// (STARLING_META_API_ORIGIN): after Continue with Facebook and the consent in the tab the
// app opened, the picker names the pages in Facebook's own words (its rules' noun and
// what a Page brings, shared/networks/facebook.ts), not LinkedIn's "company pages", lists
// each Page with the user's role, and the Page picked is connected with its Instagram
// account (which the toast names beside it, not as a second page) while the other is not.
import { describe, expect, it, onTestFinished } from 'vitest';
import type { SocialAccount } from '../../shared/accounts.ts';
import { networkRules } from '../../shared/networks/index.ts';
import { startFakeMeta } from '../fakes/meta-server/index.ts';
import { runCli } from '../helpers/cli.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { testMetaApp } from '../helpers/meta-accounts.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { signInDataDir } from '../helpers/sign-in-data.ts';
import { freePort, testPassphrase } from '../helpers/x-accounts.ts';

describe('the pages picker in the browser host', () => {
  it('names Facebook Pages in Facebook’s words and connects the Page picked', async () => {
    const fake = await startFakeMeta({ startAt: Date.now() });
    onTestFinished(() => fake.close());
    const user = fake.addUser({ name: 'Ada Baker' });
    const bakery = fake.addPage(user.id, { name: 'Bright Bakery' });
    fake.linkInstagram(bakery.id, { username: 'brightbakery' });
    fake.addPage(user.id, { name: 'Rye Club', tasks: ['CREATE_CONTENT'] });
    const port = await freePort();
    fake.registerApp({
      appId: testMetaApp.clientId,
      appSecret: testMetaApp.clientSecret,
      name: 'Starling for Ada',
      redirectUris: [`http://127.0.0.1:${String(port)}/callback`],
    });

    const env: NodeJS.ProcessEnv = {
      STARLING_VAULT_PASSPHRASE: testPassphrase,
      STARLING_META_API_ORIGIN: fake.origin,
    };
    const dataDir = signInDataDir(env, 'Bright Bakery', port);
    const app = await serveApp(dataDir, env);
    const { page, errors } = await openApp(app.url);
    await page.getByRole('link', { name: 'Clients' }).click();

    await page.getByRole('button', { name: 'Connect Facebook account to Bright Bakery' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect Facebook account' });
    await dialog.getByLabel('App ID').fill(testMetaApp.clientId);
    await dialog.getByLabel('App Secret').fill(testMetaApp.clientSecret);
    const consentTab = page.context().waitForEvent('page');
    await dialog.getByRole('button', { name: 'Continue with Facebook' }).click();
    const consent = await consentTab;
    await consent.getByRole('button', { name: 'Continue' }).click();
    await consent.getByText('You can close this tab').waitFor();
    await consent.close();

    // Facebook's words, from its rules: the noun, and what each Page brings along.
    const words = networkRules.facebook.accounts.pages;
    if (words?.brings === undefined) throw new Error('Facebook’s rules name its pages');
    const picker = dialog.getByRole('group', { name: 'Pages Ada Baker administers' });
    await picker.waitFor();
    await dialog.getByText(`Pages for Bright Bakery`, { exact: true }).waitFor();
    expect(await dialog.locator('form p').first().textContent()).toBe(
      `Ada Baker is connected to Bright Bakery. Choose the ${words.noun} to add as accounts ` +
        `of their own; each posts as the page, and brings ${words.brings}.`,
    );
    expect(await dialog.textContent()).not.toContain('ompany pages');
    expect(await picker.getByRole('checkbox').count()).toBe(2);
    await picker.getByText('Content creator').waitFor();
    await checkLayout(page, 'Facebook pages picker');

    await picker
      .getByRole('checkbox', { name: /^Bright Bakery \(\+ Instagram @brightbakery\)/ })
      .check();
    await dialog.getByRole('button', { name: 'Connect page' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The Instagram account came with the Page: named beside it, not counted as a page.
    await page
      .getByText(
        'Connected the page Bright Bakery with @brightbakery (Instagram) to Bright Bakery.',
        { exact: true },
      )
      .waitFor();

    const accounts = page.getByRole('list', { name: 'Accounts of Bright Bakery' });
    await accounts.getByRole('listitem').filter({ hasText: 'brightbakery' }).waitFor();
    const listed = runCli(['--data-dir', dataDir, '--json', 'accounts', 'list'], env).json();
    expect((listed as SocialAccount[]).map((a) => [a.platform, a.handle]).sort()).toEqual([
      ['facebook', 'Ada Baker'],
      ['facebook', 'Bright Bakery'],
      ['instagram', 'brightbakery'],
    ]);
    expect(errors).toEqual([]);
  }, 120_000);
});
