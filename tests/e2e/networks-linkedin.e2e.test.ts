// LinkedIn in real Chromium against the real `starling serve`, with the fake LinkedIn
// reached through STARLING_LINKEDIN_API_ORIGIN: the user's own app set up in the Connect
// LinkedIn dialog (guide with the redirect URL, Client ID and a secret that never comes
// back), a missing product refused in words, the sign-in with pages approved in the tab
// the app opened, a page picked and both accounts listed; and the account list warning
// from 7 days before a sign-in that cannot renew itself ends, then saying it has ended,
// in the dark theme too, and the app kept in Settings. axe finds nothing serious on the
// dialog, the list or Settings.
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { SocialAccount } from '../../shared/accounts.ts';
import { startFakeLinkedIn } from '../fakes/linkedin-server/index.ts';
import { runCli } from '../helpers/cli.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import {
  connectLinkedIn,
  makeLinkedInCore,
  testLinkedInApp,
} from '../helpers/linkedin-accounts.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { signInDataDir } from '../helpers/sign-in-data.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { addClient, freePort, testPassphrase } from '../helpers/x-accounts.ts';

const day = 24 * 60 * 60_000;

const isFocused = (page: Page, selector: string) =>
  page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) === true`);

describe('LinkedIn in the browser host', () => {
  it('sets up the app, connects a member with a company page and lists both', async () => {
    const fake = await startFakeLinkedIn();
    onTestFinished(() => fake.close());
    const member = fake.addMember({ givenName: 'Ada', familyName: 'Baker' });
    const bakery = fake.addOrganization({ name: 'Bright Bakery GmbH', vanityName: 'brightbakery' });
    const other = fake.addOrganization({ name: 'Rye Club', vanityName: 'ryeclub' });
    fake.grantRole(member.id, bakery.id, { role: 'ADMINISTRATOR' });
    fake.grantRole(member.id, other.id, { role: 'CONTENT_ADMINISTRATOR' });
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${String(port)}/callback`;
    // The app as the user made it, before LinkedIn approved the Community Management API.
    fake.registerApp({
      ...testLinkedInApp,
      name: 'Starling for Ada',
      redirectUris: [redirectUri],
      products: ['sign-in-openid', 'share'],
    });

    const env: NodeJS.ProcessEnv = {
      STARLING_VAULT_PASSPHRASE: testPassphrase,
      STARLING_LINKEDIN_API_ORIGIN: fake.origin,
    };
    const dataDir = signInDataDir(env, 'Bright Bakery', port);
    const app = await serveApp(dataDir, env);
    const { page, errors } = await openApp(app.url);
    const context = page.context();
    await page.getByRole('link', { name: 'Clients' }).click();

    // The guide names the products and the redirect URL to register, with Copy.
    const connect = page.getByRole('button', { name: 'Connect LinkedIn account to Bright Bakery' });
    await connect.click();
    const dialog = page.getByRole('dialog', { name: 'Connect LinkedIn account' });
    const guide = dialog.locator('details.setup-guide');
    expect(await guide.getAttribute('open')).not.toBeNull();
    await guide.getByText('Sign In with LinkedIn using OpenID Connect').waitFor();
    await guide.getByText('Community Management API').waitFor();
    expect(await guide.locator('.copy-value-text').textContent()).toContain(redirectUri);
    await guide.getByRole('button', { name: 'Copy redirect URL' }).waitFor();
    expect(await isFocused(page, 'input[placeholder="e.g. 86abcdefghijkl"]')).toBe(true);
    const secret = dialog.getByLabel('Client secret');
    expect(await secret.getAttribute('type')).toBe('password');
    await checkLayout(page, 'Connect LinkedIn dialog');

    // A Client ID that is not one is refused as typed, before anything is sent.
    await dialog.getByLabel('Client ID').fill('no!');
    await dialog.getByRole('button', { name: 'Sign in on LinkedIn' }).click();
    await dialog.getByText('The Client ID looks wrong').waitFor();
    expect(await dialog.getByLabel('Client ID').getAttribute('aria-invalid')).toBe('true');

    // With pages but without the product they need: LinkedIn refuses, and the dialog says
    // which product to add, in place.
    await dialog.getByLabel('Client ID').fill(testLinkedInApp.clientId);
    await secret.fill(testLinkedInApp.clientSecret);
    await dialog.getByRole('checkbox', { name: 'Also connect company pages' }).check();
    const refusedTab = context.waitForEvent('page');
    await dialog.getByRole('button', { name: 'Sign in on LinkedIn' }).click();
    await (await refusedTab).close();
    const alert = dialog.getByRole('alert');
    await alert.getByText('LinkedIn account not connected').waitFor();
    expect(await alert.textContent()).toContain('add the Community Management API product');
    await expect.poll(() => isFocused(page, '.connect-error')).toBe(true);
    expect(
      await dialog.getByRole('checkbox', { name: 'Also connect company pages' }).isChecked(),
    ).toBe(true);
    // The secret was saved sealed and left the form; only "one is kept" comes back.
    expect(await secret.inputValue()).toBe('');
    await dialog.getByText('Saved and sealed. Leave empty to keep it.').waitFor();
    expect(await page.content()).not.toContain(testLinkedInApp.clientSecret);

    // LinkedIn approves the product; signing in again with pages reaches the consent page.
    fake.setProducts(testLinkedInApp.clientId, ['sign-in-openid', 'share', 'community-management']);
    const consentTab = context.waitForEvent('page');
    await dialog.getByRole('button', { name: 'Sign in on LinkedIn' }).click();
    await dialog.getByText('Waiting for LinkedIn… approve Starling in your browser').waitFor();
    await dialog.getByText('choose Allow').waitFor();
    const consent = await consentTab;
    await consent.getByRole('button', { name: 'Allow' }).click();
    await consent.getByText('You can close this tab').waitFor();
    await consent.close();

    // The pages picker lists what the member administers; the member is connected already.
    const picker = dialog.getByRole('group', { name: 'Pages Ada Baker administers' });
    await picker.waitFor();
    await page.getByText('Connected Ada Baker to Bright Bakery.', { exact: true }).waitFor();
    expect(await picker.getByRole('checkbox').count()).toBe(2);
    await picker.getByText('Content administrator').waitFor();
    await checkLayout(page, 'LinkedIn pages picker');
    // Nothing ticked: the picker asks for a page or Skip.
    await dialog.getByRole('button', { name: 'Connect page' }).click();
    await dialog.getByText('Tick at least one page, or choose Skip.').waitFor();
    await picker.getByRole('checkbox', { name: /Bright Bakery GmbH/ }).check();
    await dialog.getByRole('button', { name: 'Connect page' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Connected the page Bright Bakery GmbH to Bright Bakery.').waitFor();

    const accounts = page.getByRole('list', { name: 'Accounts of Bright Bakery' });
    const memberItem = accounts.getByRole('listitem').filter({ hasText: 'Ada Baker' });
    const pageItem = accounts.getByRole('listitem').filter({ hasText: 'Bright Bakery GmbH' });
    await memberItem.waitFor();
    await pageItem.waitFor();
    // A member's and a page's handles are names, not @-handles: said once, without an @.
    expect(await memberItem.locator('.account-name').allTextContents()).toEqual(['Ada Baker']);
    expect(await memberItem.locator('.account-handle').count()).toBe(0);
    await memberItem.getByRole('button', { name: 'Remove Ada Baker', exact: true }).waitFor();
    for (const item of [memberItem, pageItem]) {
      expect(await item.locator('.network-badge').textContent()).toContain('LinkedIn');
      expect(await item.textContent()).toContain('Active');
    }
    // 60 days is far off: no warning yet.
    expect(await accounts.locator('.account-note').count()).toBe(0);

    const listed = runCli(['--data-dir', dataDir, '--json', 'accounts', 'list'], env).json();
    expect(
      (listed as SocialAccount[]).map((a) => [a.platform, a.platformUserId, a.status]).sort(),
    ).toEqual([
      ['linkedin', `urn:li:organization:${bakery.id}`, 'active'],
      ['linkedin', `urn:li:person:${member.id}`, 'active'],
    ]);
    await checkLayout(page, 'Clients with a LinkedIn member and page');

    // The composer counts by LinkedIn's 3,000 and previews a feed card per account, folded
    // where the feed folds it, with the rest of the thread as the author's comments.
    await page.getByRole('link', { name: 'Composer' }).click();
    const form = page.getByRole('form', { name: 'New post' });
    await form.getByLabel('Client').selectOption({ label: 'Bright Bakery' });
    await form.getByRole('checkbox', { name: 'Ada Baker (LinkedIn)', exact: true }).check();
    await form.getByRole('checkbox', { name: 'brightbakery (LinkedIn)', exact: true }).check();
    const text = `${'Fresh rye every Friday at the bakery on Main Street. '.repeat(5)}#bread brightbakery.com`;
    await form.getByLabel('Post text', { exact: true }).fill(text);
    const counter = (part: string) =>
      form
        .getByRole('region', { name: part })
        .locator('.counter-group', { has: page.getByRole('img', { name: 'LinkedIn' }) })
        .locator('.counter');
    expect(await counter('Part 1 of 1').textContent()).toBe(`${String(text.length)} / 3000`);
    await form.getByRole('button', { name: 'Add to thread' }).click();
    await form.getByLabel('Thread part 2', { exact: true }).fill('Order by Thursday noon.');
    expect(await counter('Part 2 of 2').textContent()).toBe('23 / 1250');

    const preview = page.getByRole('region', { name: 'Preview on LinkedIn' });
    const pageCard = preview.getByRole('article', {
      name: 'Preview for brightbakery',
      exact: true,
    });
    await pageCard.getByText('Company page').waitFor();
    await preview.getByRole('article', { name: 'Preview for Ada Baker', exact: true }).waitFor();
    const seeMore = pageCard.getByRole('button', { name: '…see more' });
    expect(await pageCard.locator('.x-text').first().textContent()).not.toContain('#bread');
    await seeMore.click();
    await pageCard.locator('.x-hashtag', { hasText: '#bread' }).waitFor();
    await pageCard.locator('.x-link', { hasText: 'brightbakery.com' }).waitFor();
    const comments = pageCard.getByRole('list', { name: 'Comments by Bright Bakery GmbH' });
    expect(await comments.getByRole('listitem').textContent()).toBe(
      'BBright Bakery GmbH AuthorOrder by Thursday noon.',
    );
    await checkLayout(page, 'Composer with a LinkedIn preview');

    // The calendar and analytics filters offer the LinkedIn accounts and network.
    await page.getByRole('link', { name: 'Calendar' }).click();
    const accountFilter = page.getByLabel('Account', { exact: true });
    expect(await accountFilter.locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Ada Baker (LinkedIn)', 'brightbakery (LinkedIn)']),
    );
    await page.getByRole('link', { name: 'Analytics' }).click();
    const networkFilter = page.getByRole('combobox', { name: /^Network/ });
    await expect
      .poll(() => networkFilter.locator('option').allTextContents())
      .toEqual(['All networks', 'LinkedIn']);
    expect(errors).toEqual([]);
  }, 120_000);

  it('warns from 7 days before a sign-in ends and says when it has ended', async () => {
    const dataDir = tempDataDir();
    // Connected 55 and 61 days ago with an app that has no refresh tokens.
    const fake = await startFakeLinkedIn({ startAt: Date.now() - 61 * day });
    onTestFinished(() => fake.close());
    const core = await makeLinkedInCore(fake, { dataDir });
    const ended = await connectLinkedIn({
      fake,
      core,
      clientId: await addClient(core, 'Old Mill'),
    });
    core.advance(6 * day);
    const ending = await connectLinkedIn({
      fake,
      core,
      clientId: await addClient(core, 'Nova Bakery'),
      member: fake.addMember({ givenName: 'Bea', familyName: 'Miller' }),
    });
    expect(ending.account.credentialsExpireAt).toBeGreaterThan(Date.now() + 4 * day);
    expect(ended.account.credentialsExpireAt).toBeLessThan(Date.now());
    await core.close();

    const app = await serveApp(dataDir, {
      STARLING_VAULT_PASSPHRASE: testPassphrase,
      STARLING_LINKEDIN_API_ORIGIN: fake.origin,
    });
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, errors } = await openApp(app.url, { colorScheme });
      await page.getByRole('link', { name: 'Clients' }).click();

      const soon = page
        .getByRole('list', { name: 'Accounts of Nova Bakery' })
        .getByRole('listitem')
        .filter({ hasText: 'Bea Miller' });
      await soon.getByText('Reconnect soon').waitFor();
      expect(await soon.locator('.account-note').textContent()).toMatch(
        /^Sign-in ends in 5 days \(.+\)\. Reconnect before then to keep posting\.$/,
      );

      const over = page
        .getByRole('list', { name: 'Accounts of Old Mill' })
        .getByRole('listitem')
        .filter({ hasText: 'Ada Baker' });
      await over.getByText('Needs reconnecting').waitFor();
      expect(await over.locator('.account-note').textContent()).toMatch(/^Sign-in has ended \(/);
      await checkLayout(page, `LinkedIn sign-ins ending and ended (${colorScheme})`, {
        axe: colorScheme === 'light' ? true : 'contrast',
      });

      // Reconnect opens the LinkedIn dialog for that account, with its app kept.
      await soon.getByRole('button', { name: 'Reconnect Bea Miller', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Connect LinkedIn account' });
      await dialog.getByText('Reconnect Bea Miller for Nova Bakery', { exact: true }).waitFor();
      await expect
        .poll(() => dialog.getByLabel('Client ID').inputValue())
        .toBe(testLinkedInApp.clientId);
      await dialog.getByText('Saved and sealed. Leave empty to keep it.').waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });

      // The composer names the same state beside the account.
      await page.getByRole('link', { name: 'Composer' }).click();
      const form = page.getByRole('form', { name: 'New post' });
      await form.getByLabel('Client').selectOption({ label: 'Old Mill' });
      await form
        .getByRole('checkbox', { name: 'Ada Baker (LinkedIn) (needs reconnecting)', exact: true })
        .waitFor();

      // Settings shows the same app, its secret only as "kept".
      await page.getByRole('link', { name: 'Settings' }).click();
      const section = page.getByRole('region', { name: 'Set up LinkedIn' });
      await section.getByText('Your LinkedIn app is set up.').waitFor();
      await expect
        .poll(() => section.getByLabel('LinkedIn Client ID').inputValue())
        .toBe(testLinkedInApp.clientId);
      await section.getByText('Saved and sealed. Leave empty to keep it.').waitFor();
      await checkLayout(page, `Settings with the LinkedIn app (${colorScheme})`, {
        axe: colorScheme === 'light' ? true : 'contrast',
      });
      if (colorScheme === 'dark') {
        // An app LinkedIn lets sign in with PKCE alone needs no secret.
        await section.getByRole('button', { name: 'Forget the secret' }).click();
        await section.getByText('None kept. Sealed by your vault once saved.').waitFor();
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
  }, 120_000);
});
