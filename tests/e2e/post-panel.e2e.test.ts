// Opening a scheduled post (a calendar click, a notification, a tray line all lead to
// `#/composer?post=ID`) in real Chromium against `starling serve`: the post is shown with
// its accounts, can be moved to another time in its client's zone, and the CLI agrees.
// On the way, the account's picture shows on its calendar chip and in the X preview.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import type { PostDetail } from '../../shared/posts.ts';
import { runCli } from '../helpers/cli.ts';
import { makeCore } from '../helpers/core.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { openApp } from '../helpers/open-app.ts';
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
    // The picture the core keeps for an account at connect (platforms/x/avatar.ts).
    const webp = await sharp({
      create: { width: 96, height: 96, channels: 3, background: '#c04020' },
    })
      .webp()
      .toBuffer();
    await db
      .updateTable('social_accounts')
      .set({ avatar_url: `data:image/webp;base64,${webp.toString('base64')}` })
      .where('id', '=', account)
      .execute();
    await core.close();

    const app = await serveApp(dataDir);
    const { page, errors } = await openApp(app.url, { timezoneId: 'Europe/Berlin' });
    // The calendar's list view, then a click on the post opens it.
    await page.getByRole('button', { name: 'List', exact: true }).click();
    const chip = page.locator(`[data-post-id="${postId}"]`).first();
    // The chip shows the account's picture, not its initial.
    // (A string: this tsconfig has no DOM types.)
    const pictured = `getComputedStyle(document.querySelector('[data-post-id="${postId}"]'), '::before').backgroundImage.startsWith('url("data:image/webp;base64,')`;
    await expect.poll(() => page.evaluate(pictured)).toBe(true);
    await checkLayout(page, 'Calendar list');
    await chip.click();
    await page.waitForURL(/#\/composer\?post=/);

    const panel = page.getByRole('region', { name: 'Post: scheduled' });
    await panel.waitFor();
    expect(await panel.getByRole('list', { name: 'Thread' }).textContent()).toContain(
      'Rye on Fridays',
    );
    expect(await panel.getByRole('list', { name: 'Accounts' }).textContent()).toContain(
      '@acmebakery: scheduled',
    );
    await checkLayout(page, 'Post panel of a 2-part thread');
    await panel.getByLabel('New time (Europe/Berlin)').fill(`${day.toString()}T11:30`);
    await panel.getByRole('button', { name: 'Reschedule' }).click();
    await expect
      .poll(() => {
        const shown = runCli(['--data-dir', dataDir, '--json', 'posts', 'show', postId]);
        return (shown.json() as PostDetail).localTime;
      })
      .toBe(`${day.toString()}T11:30`);

    // The composer's X preview shows the same picture for the account.
    await page.getByRole('link', { name: 'Composer' }).click();
    const form = page.getByRole('form', { name: 'New post' });
    await form.getByLabel('@acmebakery').check();
    const preview = page.getByRole('article', { name: 'Preview for @acmebakery' });
    expect(await preview.locator('img.x-avatar').first().getAttribute('src')).toMatch(
      /^data:image\/webp;base64,/,
    );
    await checkLayout(page, 'Composer with the account’s picture in the preview');
    expect(errors).toEqual([]);
  }, 120_000);
});
