// Bluesky and Mastodon in real Chromium against the real `starling serve`, with the fake
// PDS and the fake Mastodon standing in for the networks: each connected from Clients
// through its own dialog (an app password refused and then accepted, in place; a browser
// sign-in on the instance cancelled, denied and then approved in the tab the app opened),
// listed with its network and server; then, with an X account beside them, the composer
// counting each chosen account's text by its own network and limit, Mastodon's visibility
// and content warning, a preview per network, the X cost for X alone, one Schedule going
// to all three with each account's options, and the network on the calendar chip and in
// the post panel. axe finds nothing serious on the dialogs or the pages.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SocialAccount } from '../../shared/accounts.ts';
import type { PostDetail, PostSummary } from '../../shared/posts.ts';
import { runCli } from '../helpers/cli.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { startMastodon } from '../helpers/mastodon-accounts.ts';
import {
  blueskyAppPassword,
  connectEveryNetwork,
  startBluesky,
} from '../helpers/network-accounts.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { freePort, testPassphrase } from '../helpers/x-accounts.ts';

async function openServed(dataDir: string, env: NodeJS.ProcessEnv) {
  const app = await serveApp(dataDir, env);
  // 1024×700; timeouts well inside the test's own, so a stuck step names its locator.
  const { page, errors } = await openApp(app.url);
  return { context: page.context(), page, errors };
}

const isFocused = (page: Page, selector: string) =>
  page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) === true`);

/** Every file under `dir`, read as bytes (the database, its WAL, the vault, preferences). */
function allBytes(dir: string): Buffer[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name)));
}

describe('Bluesky and Mastodon in the browser host', () => {
  it('connects each through its own dialog and lists it with its network and server', async () => {
    const bluesky = await startBluesky();
    bluesky.addUser({
      handle: 'novabakery.bsky.social',
      password: blueskyAppPassword,
      displayName: 'Nova Bakery',
    });
    const mastodon = await startMastodon();
    mastodon.addUser({ username: 'nova_bakery', displayName: 'Nova Bakery' });
    const dataDir = tempDataDir();
    const env: NodeJS.ProcessEnv = { STARLING_VAULT_PASSPHRASE: testPassphrase };
    runCli(['--data-dir', dataDir, 'clients', 'add', '--name', 'Bright Bakery'], env);
    // The browser sign-in waits on the loopback callback port from the preferences.
    const port = await freePort();
    fs.writeFileSync(
      path.join(dataDir, 'preferences.json'),
      JSON.stringify({ preferences: { xCallbackPort: port } }),
    );
    const { context, page, errors } = await openServed(dataDir, env);
    await page.getByRole('link', { name: 'Clients' }).click();

    // Bluesky: the guide says where an app password is made; the password is not kept.
    await page.getByRole('button', { name: 'Connect Bluesky account to Bright Bakery' }).click();
    const bsky = page.getByRole('dialog', { name: 'Connect Bluesky account' });
    await bsky.getByText('Settings → Privacy and security → App passwords').waitFor();
    const password = bsky.getByLabel('App password');
    expect(await password.getAttribute('type')).toBe('password');
    expect(await password.getAttribute('autocomplete')).toBe('off');
    expect(await isFocused(page, 'input[placeholder="name.bsky.social"]')).toBe(true);
    await checkLayout(page, 'Connect Bluesky dialog');

    // A wrong app password is refused in place, in words; focus moves to the message and
    // the password is emptied so it is typed again on purpose.
    await bsky.getByLabel('Handle').fill('novabakery.bsky.social');
    await password.fill('wrong-pass-word-0000');
    await bsky.getByText('Advanced').click();
    const server = bsky.getByLabel('Server (PDS)');
    expect(await server.inputValue()).toBe('https://bsky.social');
    await server.fill(bluesky.origin);
    await bsky.getByRole('button', { name: 'Connect Bluesky' }).click();
    const refused = bsky.getByRole('alert');
    await refused.getByText('Bluesky account not connected').waitFor();
    expect(await refused.textContent()).toContain('Bluesky refused that handle and app password');
    await expect.poll(() => isFocused(page, '.connect-error')).toBe(true);
    expect(await password.inputValue()).toBe('');

    await password.fill(blueskyAppPassword);
    await bsky.getByRole('button', { name: 'Connect Bluesky' }).click();
    await bsky.waitFor({ state: 'hidden' });
    await page.getByText('Connected @novabakery.bsky.social to Bright Bakery.').waitFor();
    const accounts = page.getByRole('list', { name: 'Accounts of Bright Bakery' });
    const bskyItem = accounts.getByRole('listitem').filter({ hasText: '@novabakery.bsky.social' });
    await bskyItem.waitFor();
    const host = new URL(bluesky.origin).host;
    expect(await bskyItem.textContent()).toContain('Active');
    expect(await bskyItem.locator('.network-badge').textContent()).toBe(` Bluesky · ${host}`);
    // Only the session is kept: no file in the data folder holds the app password.
    expect(allBytes(dataDir).some((b) => b.includes(blueskyAppPassword))).toBe(false);

    // Mastodon: Esc closes the dialog; an address that is not one is refused as typed.
    const connectMastodon = page.getByRole('button', {
      name: 'Connect Mastodon account to Bright Bakery',
    });
    await connectMastodon.click();
    const masto = page.getByRole('dialog', { name: 'Connect Mastodon account' });
    await masto.getByText('on your instance, in the browser').waitFor();
    await page.keyboard.press('Escape');
    await masto.waitFor({ state: 'hidden' });
    await connectMastodon.click();
    const instance = masto.getByLabel('Instance');
    await instance.fill('not an address');
    await masto.getByRole('button', { name: 'Sign in on the instance' }).click();
    await masto.getByText('The server address is not a web address.').waitFor();
    expect(await instance.getAttribute('aria-invalid')).toBe('true');
    await checkLayout(page, 'Connect Mastodon dialog with a refused address');

    // Waiting for the instance, then Cancel: the flow stops and the dialog closes.
    const abandoned = context.waitForEvent('page');
    await instance.fill(mastodon.origin);
    await masto.getByRole('button', { name: 'Sign in on the instance' }).click();
    await masto.getByText('Waiting for Mastodon… approve Starling in your browser').waitFor();
    await masto.getByRole('timer').waitFor();
    await masto.getByRole('button', { name: 'Cancel' }).click();
    await masto.waitFor({ state: 'hidden' });
    await (await abandoned).close();

    // Denied on the instance: the dialog says so in place, with focus on the message and
    // the instance kept for another try.
    await connectMastodon.click();
    const denied = context.waitForEvent('page');
    await instance.fill(mastodon.origin);
    await masto.getByRole('button', { name: 'Sign in on the instance' }).click();
    await masto.getByText('Waiting for Mastodon… approve Starling in your browser').waitFor();
    const denyTab = await denied;
    await denyTab.getByRole('button', { name: 'Deny' }).click();
    await denyTab.getByText('You can close this tab').waitFor();
    await denyTab.close();
    await masto.getByRole('alert').getByText('Mastodon account not connected').waitFor();
    await expect.poll(() => isFocused(page, '.connect-error')).toBe(true);
    expect(await instance.inputValue()).toBe(mastodon.origin);

    // Again, approved on the fake instance's consent page in the tab the app opened.
    const opened = context.waitForEvent('page');
    await masto.getByRole('button', { name: 'Sign in on the instance' }).click();
    await masto.getByText('Waiting for Mastodon… approve Starling in your browser').waitFor();
    const consent = await opened;
    await consent.getByRole('button', { name: 'Authorize' }).click();
    await consent.getByText('You can close this tab').waitFor();
    await consent.close();
    await masto.waitFor({ state: 'hidden' });
    const mastoHost = new URL(mastodon.origin).host;
    const mastoItem = accounts.getByRole('listitem').filter({ hasText: '@nova_bakery@' });
    await mastoItem.waitFor();
    expect(await mastoItem.locator('.network-badge').textContent()).toBe(
      ` Mastodon · ${mastoHost}`,
    );
    expect(await mastoItem.textContent()).toContain('Active');

    const listed = runCli(['--data-dir', dataDir, '--json', 'accounts', 'list'], env).json();
    expect(
      (listed as SocialAccount[]).map((a) => [a.platform, a.handle, a.status, a.authKind]).sort(),
    ).toEqual([
      ['bluesky', 'novabakery.bsky.social', 'active', 'session'],
      ['mastodon', `nova_bakery@${mastoHost}`, 'active', 'oauth2'],
    ]);
    await checkLayout(page, 'Clients with Bluesky and Mastodon accounts');
    expect(errors).toEqual([]);
  }, 120_000);

  it('counts each chosen account by its network, previews each network and schedules to all three', async () => {
    const every = await connectEveryNetwork({ mastodonMaxCharacters: 600 });
    const { page, errors } = await openServed(every.dataDir, every.env);
    await page.getByRole('link', { name: 'Composer' }).click();
    const form = page.getByRole('form', { name: 'New post' });
    await form.getByLabel('Client').selectOption({ label: 'Bright Bakery' });
    const bskyHandle = every.accounts.bluesky.handle;
    const mastoHandle = every.accounts.mastodon.handle;
    await form.getByRole('checkbox', { name: '@brightbakes (X)' }).check();
    await form.getByRole('checkbox', { name: `@${bskyHandle} (Bluesky)` }).check();
    await form.getByRole('checkbox', { name: `@${mastoHandle} (Mastodon)` }).check();

    // 301 characters: over X's 280 and Bluesky's 300, inside this instance's own 600.
    const text = 'Fresh rye on Friday. '.repeat(15).slice(0, 301);
    await form.getByLabel('Post text', { exact: true }).fill(text);
    const counter = (network: string) =>
      form
        .getByRole('region', { name: 'Part 1 of 1' })
        .locator('.counter-group', { has: page.getByRole('img', { name: network }) })
        .locator('.counter');
    expect(await counter('X').textContent()).toBe('301 / 280');
    expect(await counter('Bluesky').textContent()).toBe('301 / 300');
    expect(await counter('Mastodon').textContent()).toBe('301 / 600');
    expect(await counter('Bluesky').getAttribute('class')).toContain('counter-over');
    expect(await counter('Mastodon').getAttribute('class')).not.toContain('counter-over');
    await form
      .getByText(
        `The post is 1 character over Bluesky's 300: shorten it or use "Split into thread".`,
      )
      .waitFor();
    await form.getByText(`The post is 21 characters over X's 280`, { exact: false }).waitFor();
    expect(await form.getByText(/over Mastodon's/).count()).toBe(0);

    // Without X the post is free; with it, only X's posts are priced.
    await form.getByRole('checkbox', { name: '@brightbakes (X)' }).uncheck();
    await form.getByText('Bluesky and Mastodon charge nothing for posting.').waitFor();
    await form.getByText('The post is 21 characters over X').waitFor({ state: 'detached' });
    await form.getByRole('checkbox', { name: '@brightbakes (X)' }).check();

    // Own text for X and Bluesky; the shared text then goes to Mastodon alone, and fits.
    await form.getByRole('button', { name: 'Own text for @brightbakes', exact: true }).click();
    await form.getByLabel('Post text for @brightbakes', { exact: true }).fill('Rye is back on X.');
    await form.getByRole('button', { name: `Own text for @${bskyHandle}` }).click();
    const bskyText = form.getByLabel(`Post text for @${bskyHandle}`);
    await bskyText.fill('Rye is back. brightbakery.com/rye');
    await form.getByText(`over Bluesky's 300`).waitFor({ state: 'detached' });
    expect(await counter('Mastodon').textContent()).toBe('301 / 600');
    expect(await counter('X').textContent()).toBe('17 / 280');
    expect(await counter('Bluesky').textContent()).toBe('33 / 300');
    await form.getByText('Estimated X API cost: $0.015').waitFor();
    await form.getByText('Bluesky and Mastodon charge nothing for posting.').waitFor();

    // One preview per network, each account's own text in its own.
    for (const network of ['X', 'Bluesky', 'Mastodon']) {
      await page.getByRole('region', { name: `Preview on ${network}` }).waitFor();
    }
    const bskyPreview = page.getByRole('article', { name: `Preview for @${bskyHandle}` });
    expect(await bskyPreview.locator('.x-text').textContent()).toBe(
      'Rye is back. brightbakery.com/rye',
    );
    await bskyPreview.getByText('Link card from brightbakery.com').waitFor();
    const mastoPreview = page.getByRole('article', { name: `Preview for @${mastoHandle}` });
    expect(await mastoPreview.locator('.x-text').textContent()).toBe(text);
    await mastoPreview.getByText('Visibility: the account’s default on its instance.').waitFor();

    // Mastodon's own options: who sees it, and a content warning the preview shows first.
    const mastoOptions = form.getByRole('group', { name: `On Mastodon as @${mastoHandle}` });
    await mastoOptions.getByLabel('Visibility').selectOption({ label: 'Unlisted' });
    await mastoOptions.getByLabel('Content warning').fill('Bread talk');
    // Mastodon counts the warning with the text: 10 of the instance's 600 are taken.
    expect(await counter('Mastodon').textContent()).toBe('301 / 590');
    await mastoPreview.getByText('Visibility: Unlisted.', { exact: false }).waitFor();
    expect(await mastoPreview.locator('.net-preview-cw').first().textContent()).toBe(
      'Bread talk · Show more',
    );
    expect(
      await page
        .getByRole('article', { name: 'Preview for @brightbakes', exact: true })
        .textContent(),
    ).toContain('Rye is back on X.');

    // The 14th of next month: always ahead, and one "Next month" away in the calendar.
    const day = new Date();
    day.setUTCDate(14);
    day.setUTCMonth(day.getUTCMonth() + 1);
    await form.getByLabel('Date').fill(day.toISOString().slice(0, 10));
    await form.getByLabel('Time').fill('09:00');
    await checkLayout(page, 'Composer with X, Bluesky and Mastodon accounts chosen');

    // One Schedule sends the post to all three accounts.
    await form.getByRole('button', { name: 'Schedule post' }).click();
    await page.getByText(/^Scheduled for .*09:00.*\(Europe\/Berlin\)$/).waitFor();
    const cli = (...args: string[]) =>
      runCli(['--data-dir', every.dataDir, '--json', ...args], every.env);
    const [post] = cli('posts', 'list').json() as PostSummary[];
    if (post === undefined) throw new Error('nothing was scheduled');
    const shown = cli('posts', 'show', post.id).json() as PostDetail;
    expect(shown.targets.map((t) => t.handle).sort()).toEqual(
      ['brightbakes', bskyHandle, mastoHandle].sort(),
    );
    expect(shown.parts[0]?.variants).toEqual({
      [every.accounts.x.id]: 'Rye is back on X.',
      [every.accounts.bluesky.id]: 'Rye is back. brightbakery.com/rye',
    });

    // The calendar chip and the post panel say which network each account is on.
    await page.getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.getByRole('button', { name: 'Next month' }).click();
    const chip = page.locator(`[data-post-id="${post.id}"]`);
    await chip.waitFor();
    expect(await chip.getAttribute('data-nets')).toBe('x bluesky mastodon');
    expect(await chip.getAttribute('aria-description')).toBe('On X, Bluesky and Mastodon');
    await checkLayout(page, 'Calendar list with a post on three networks');
    await chip.click();
    const panel = page.getByRole('region', { name: 'Post: scheduled' });
    const targets = panel.getByRole('list', { name: 'Accounts' });
    for (const network of ['X', 'Bluesky', 'Mastodon']) {
      await targets.getByRole('img', { name: network }).waitFor();
    }
    await checkLayout(page, 'Post panel of a post on three networks');
    expect(errors).toEqual([]);

    // Each account's options are kept on its own target (none for X and Bluesky).
    const db = new Database(path.join(every.dataDir, 'starling.db'), { readonly: true });
    const options = db
      .prepare(
        `SELECT a.id AS accountId, t.options FROM post_targets t
         JOIN social_accounts a ON a.seq = t.account_seq
         WHERE t.post_seq = (SELECT seq FROM posts WHERE id = ?)`,
      )
      .all(post.id) as { accountId: string; options: string }[];
    db.close();
    expect(Object.fromEntries(options.map((o) => [o.accountId, JSON.parse(o.options)]))).toEqual({
      [every.accounts.x.id]: {},
      [every.accounts.bluesky.id]: {},
      [every.accounts.mastodon.id]: { visibility: 'unlisted', contentWarning: 'Bread talk' },
    });
  }, 120_000);
});
