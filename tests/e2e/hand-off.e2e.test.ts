// Hand-off in real Chromium against `starling serve --publish` and the fake Mastodon:
// the user lets the instance hold a Mastodon account's posts from Clients, a post due
// tomorrow is handed over as a scheduled status, and the calendar and the post panel say
// the instance holds it. X and Bluesky accounts offer no such switch.
import { describe, expect, it } from 'vitest';
import type { PostSummary } from '../../shared/posts.ts';
import { runCli } from '../helpers/cli.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { connectEveryNetwork } from '../helpers/network-accounts.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';

describe('hand-off in the browser host', () => {
  it('lets the instance hold a Mastodon account’s posts and shows it held', async () => {
    const every = await connectEveryNetwork();
    const app = await serveApp(every.dataDir, every.env, ['--publish']);
    const { page, errors } = await openApp(app.url);
    await page.getByRole('link', { name: 'Clients' }).click();

    const host = new URL(every.fakes.mastodon.origin).host;
    const toggle = page.getByRole('checkbox', { name: 'Server holds posts' });
    expect(await toggle.locator('xpath=..').getAttribute('title')).toContain(host);
    expect(await toggle.isChecked()).toBe(false);
    // Only Mastodon can hold posts: one switch for three accounts.
    expect(await page.getByRole('checkbox', { name: /holds posts$/ }).count()).toBe(1);
    await toggle.check();
    await page.getByText(`${host} now holds @${every.accounts.mastodon.handle}'s posts`).waitFor();
    await checkLayout(page, 'Clients with hand-off on for a Mastodon account');

    const due = new Date(Date.now() + 26 * 60 * 60_000);
    const at = `${due.toISOString().slice(0, 10)} 09:00`;
    const scheduled = runCli(
      [
        '--data-dir',
        every.dataDir,
        '--json',
        'posts',
        'schedule',
        '--account',
        every.accounts.mastodon.id,
        '--at',
        at,
        '--text',
        'Rye is back on Saturday',
      ],
      every.env,
    ).json() as PostSummary;

    // The served app's scheduler hands it over at once.
    const deadline = Date.now() + 20_000;
    while (every.fakes.mastodon.ledger.scheduled().length === 0 && Date.now() < deadline) {
      await page.waitForTimeout(200);
    }
    expect(every.fakes.mastodon.ledger.scheduled()).toEqual([
      expect.objectContaining({ text: 'Rye is back on Saturday', state: 'scheduled' }),
    ]);
    expect(every.fakes.mastodon.ledger.statuses()).toEqual([]);

    await page.getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('button', { name: 'List', exact: true }).click();
    // The list runs a year from this month, so tomorrow's post is in it once it loads.
    const chip = page.locator(`[data-post-id="${scheduled.id}"]`);
    await chip.waitFor();
    await expect
      .poll(() => chip.getAttribute('aria-label'))
      .toContain('held by its server until its time');
    expect(await chip.getAttribute('data-held')).toBe('');
    await chip.click();
    const panel = page.getByRole('region', { name: 'Post: scheduled' });
    await panel
      .getByText(/held by Mastodon until .*; it goes out even while this computer sleeps/)
      .waitFor();
    await checkLayout(page, 'Post panel of a post the instance holds');
    expect(errors).toEqual([]);
  }, 120_000);
});
