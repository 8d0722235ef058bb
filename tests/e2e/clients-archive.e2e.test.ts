// Archiving a client hides it and its posts from the calendar, but its scheduled posts
// still go out: the dialog counts them before the user confirms.
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('archiving a client', () => {
  it('says how many of its posts will still go out', async () => {
    const dataDir = tempDataDir();
    const core = await makeCore({ dataDir });
    const db = core.database.db;
    const client = await makeClient(db, { name: 'Acme Bakery' });
    await makeClient(db, { name: 'Quiet Café' });
    const account = await makeAccount(db, client, { handle: 'acmebakery' });
    for (const hours of [2, 30]) {
      await makePost(db, {
        clientId: client,
        accountIds: [account],
        parts: [`In ${String(hours)} hours`],
        scheduledAt: Date.now() + hours * 60 * 60_000,
      });
    }
    await core.close();

    const app = await serveApp(dataDir);
    const { page, errors } = await openApp(app.url);
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('button', { name: 'Archive Acme Bakery' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Archive Acme Bakery?' });
    await expect
      .poll(() => dialog.getByRole('note').textContent())
      .toBe(
        '2 scheduled posts will still go out on time. Cancel them first if Acme Bakery’s posting should stop.',
      );
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Archive Quiet Café' }).click();
    const calm = page.getByRole('alertdialog', { name: 'Archive Quiet Café?' });
    await calm.getByText('will be hidden from your client list').waitFor();
    expect(await calm.getByRole('note').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
