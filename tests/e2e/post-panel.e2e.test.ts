// Opening a scheduled post (a calendar click, a notification, a tray line all lead to
// `#/composer?post=ID`) in real Chromium against `starling serve`: the post is shown with
// its accounts, can be moved to another time in its client's zone, and the CLI agrees.
import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import type { PostDetail } from '../../shared/posts.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { runCli } from '../helpers/cli.ts';
import { makeCore } from '../helpers/core.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('an opened post', () => {
  it('shows a scheduled post from the calendar and reschedules it', async () => {
    const dataDir = tempDataDir();
    const day = Temporal.Now.plainDateISO('Europe/Berlin').add({ days: 2 });
    const at = (hour: number) =>
      day.toPlainDateTime({ hour }).toZonedDateTime('Europe/Berlin').epochMilliseconds;
    const core = await makeCore({ dataDir });
    const db = core.database.db;
    const client = await makeClient(db, { name: 'Acme Bakery', timezone: 'Europe/Berlin' });
    const account = await makeAccount(db, client, { handle: 'acmebakery' });
    const { postId } = await makePost(db, {
      clientId: client,
      accountIds: [account],
      parts: ['Rye on Fridays', 'Second part'],
      scheduledAt: at(9),
    });
    await core.close();

    const app = await serveApp(dataDir);
    const browser = await launchBrowser();
    const page = await (await browser.newContext({ timezoneId: 'Europe/Berlin' })).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(app.url);
    // The calendar's list view, then a click on the post opens it.
    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.locator(`[data-post-id="${postId}"]`).first().click();
    await page.waitForURL(/#\/composer\?post=/);

    const panel = page.getByRole('region', { name: 'Post: scheduled' });
    await panel.waitFor();
    expect(await panel.getByRole('list', { name: 'Thread' }).textContent()).toContain(
      'Rye on Fridays',
    );
    expect(await panel.getByRole('list', { name: 'Accounts' }).textContent()).toContain(
      '@acmebakery: scheduled',
    );
    await panel.getByLabel('New time (Europe/Berlin)').fill(`${day.toString()}T11:30`);
    await panel.getByRole('button', { name: 'Reschedule' }).click();
    await expect
      .poll(() => {
        const shown = runCli(['--data-dir', dataDir, '--json', 'posts', 'show', postId]);
        return (shown.json() as PostDetail).localTime;
      })
      .toBe(`${day.toString()}T11:30`);
    await browser.close();
  }, 120_000);
});
