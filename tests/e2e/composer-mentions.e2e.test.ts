// Mentioning a LinkedIn company page from the composer, in real Chromium against the real
// `starling serve --publish`: the "Mention a company page" dialog looks the page up by the
// address the user pastes (through the fake's Organization Lookup), the mention is written
// where the cursor was, the previews show its name (linked on LinkedIn, plain on Bluesky),
// and once published the fake LinkedIn links the page while Bluesky gets the name as text.
import { describe, expect, it } from 'vitest';
import type { SocialAccount } from '../../shared/accounts.ts';
import type { PostSummary } from '../../shared/posts.ts';
import { runCli, startCli } from '../helpers/cli.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { startLinkedIn, testLinkedInApp } from '../helpers/linkedin-accounts.ts';
import { blueskyAppPassword, startBluesky } from '../helpers/network-accounts.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { freePort, testPassphrase } from '../helpers/x-accounts.ts';

describe('mentioning a company page from the composer', () => {
  it('is linked on LinkedIn and plain text on Bluesky', async () => {
    const linkedin = await startLinkedIn();
    const bluesky = await startBluesky();
    bluesky.addUser({ handle: 'brightbakes.test', password: blueskyAppPassword });
    const member = linkedin.addMember({ givenName: 'Bright', familyName: 'Baker' });
    const own = linkedin.addOrganization({ name: 'Bright Bakery', vanityName: 'bright-bakery' });
    linkedin.grantRole(member.id, own.id);
    const mill = linkedin.addOrganization({
      name: 'Acme Mill & Flour (UK) Ltd',
      vanityName: 'acme-mill',
    });

    const dataDir = tempDataDir();
    const port = await freePort();
    linkedin.registerApp({
      ...testLinkedInApp,
      redirectUris: [`http://127.0.0.1:${String(port)}/callback`],
      products: ['sign-in-openid', 'share', 'community-management'],
    });
    const env: NodeJS.ProcessEnv = {
      STARLING_LINKEDIN_API_ORIGIN: linkedin.origin,
      STARLING_LINKEDIN_CLIENT_ID: testLinkedInApp.clientId,
      STARLING_LINKEDIN_CLIENT_SECRET: testLinkedInApp.clientSecret,
      STARLING_BLUESKY_APP_PASSWORD: blueskyAppPassword,
      STARLING_VAULT_PASSPHRASE: testPassphrase,
    };
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, '--json', ...args], env);
    const client = cli('clients', 'add', '--name', 'Bright Bakery', '--timezone', 'Europe/London');
    expect(client.status, client.stderr).toBe(0);
    const clientId = (client.json() as { id: string }).id;
    // Started, not run: the fake Bluesky answers from this process, which must keep going.
    const sky = await startCli(
      [
        ...['--data-dir', dataDir, '--json', 'accounts', 'connect-bluesky', '--client', clientId],
        ...['--handle', 'brightbakes.test', '--service', bluesky.origin],
      ],
      env,
    ).exited;
    expect(sky.code, sky.stderr).toBe(0);
    const connect = startCli(
      [
        ...['--data-dir', dataDir, '--json', 'accounts', 'connect-linkedin'],
        ...['--client', clientId, '--pages', '--port', String(port), '--no-browser'],
      ],
      env,
    );
    const authorizeUrl = await connect.stderrLine(/\/oauth\/v2\/authorization\?/);
    await linkedin.approve(authorizeUrl.trim(), { memberId: member.id });
    const connected = await connect.exited;
    expect(connected.code, connected.stderr).toBe(0);
    const memberAccount = JSON.parse(connected.stdout) as SocialAccount;

    const app = await serveApp(dataDir, env, ['--publish']);
    const { page, errors } = await openApp(app.url, {
      viewport: { width: 1024, height: 700 },
      timeoutMs: 15_000,
    });
    await page.getByRole('link', { name: 'Composer' }).click();
    const form = page.getByRole('form', { name: 'New post' });
    await form.getByLabel('Client').selectOption({ label: 'Bright Bakery' });
    await form
      .getByRole('checkbox', { name: `${memberAccount.handle} (LinkedIn)`, exact: true })
      .check();
    await form.getByRole('checkbox', { name: '@brightbakes.test (Bluesky)', exact: true }).check();

    // The cursor sits after "by": the mention goes there, not at the end.
    const text = form.getByLabel('Post text', { exact: true });
    await text.fill('Our rye is milled by for us every week.');
    await text.press('End');
    for (let i = 0; i < ' for us every week.'.length; i += 1) await text.press('ArrowLeft');
    await form.getByRole('button', { name: 'Mention a company page (LinkedIn)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mention a company page' });
    const query = dialog.getByLabel(/LinkedIn address/u);
    await query.fill('https://www.linkedin.com/company/acme-mill/about/');
    await dialog.getByRole('button', { name: 'Look up' }).click();
    const result = dialog.getByRole('button', { name: /Acme Mill & Flour \(UK\) Ltd/u });
    await result.waitFor();
    await checkLayout(page, 'Mention dialog with a page found');
    await result.click();
    await dialog.waitFor({ state: 'detached' });

    const ref = `urn:li:organization:${mill.id}`;
    await expect
      .poll(() => text.inputValue())
      .toBe(`Our rye is milled by @[Acme Mill & Flour (UK) Ltd](${ref}) for us every week.`);
    const shown = 'Our rye is milled by Acme Mill & Flour (UK) Ltd for us every week.';
    await form.getByText(/^Mentions Acme Mill & Flour \(UK\) Ltd: linked on LinkedIn/u).waitFor();
    const previews = page.locator('.composer-previews');
    await expect.poll(() => previews.getByText(shown).count()).toBe(2);
    await expect
      .poll(() => previews.locator('.x-mention', { hasText: 'Acme Mill & Flour (UK) Ltd' }).count())
      .toBe(1);

    const year = new Date().getUTCFullYear() + 1;
    await form.getByLabel('Date').fill(`${String(year)}-06-14`);
    await form.getByLabel('Time').fill('09:00');
    await form.getByRole('button', { name: 'Schedule post' }).click();
    await page.getByText(/^Scheduled for /).waitFor();
    const [post] = cli('posts', 'list').json() as PostSummary[];
    const postId = post?.id ?? '';
    cli('posts', 'reschedule', postId, '--at', new Date(Date.now() + 3_000).toISOString());
    const show = () => cli('posts', 'show', postId).json() as PostSummary;
    await expect.poll(() => show().status, { timeout: 90_000, interval: 2_000 }).toBe('published');

    const [linked] = linkedin.ledger.posts();
    expect(linked).toMatchObject({ author: member.urn, displayedText: shown, mentions: [ref] });
    const records = bluesky.ledger.records().filter((r) => r.collection === 'app.bsky.feed.post');
    expect(records.map((r) => (r.value as { text: string }).text)).toEqual([shown]);
    expect(errors).toEqual([]);
  }, 120_000);
});
