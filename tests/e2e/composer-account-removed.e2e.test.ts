// A post being written never keeps an account that is gone: removed from another window
// or the CLI, it leaves the post's accounts (and its own text and options) when the
// accounts are next read, and the draft goes on saving instead of failing on every change.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { makeCore } from '../helpers/core.ts';
import { makeAccount, makeClient } from '../helpers/post-factories.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { testPassphrase } from '../helpers/x-accounts.ts';

describe('the composer', () => {
  it('drops an account removed elsewhere and keeps saving the draft', async () => {
    const dataDir = tempDataDir();
    const core = await makeCore({ dataDir });
    const db = core.database.db;
    const client = await makeClient(db, { name: 'Acme Bakery' });
    await makeAccount(db, client, { handle: 'acmebakery' });
    const gone = await makeAccount(db, client, { handle: 'acme_news' });
    await core.close();
    const env = { STARLING_VAULT_PASSPHRASE: testPassphrase };

    const app = await serveApp(dataDir, env);
    const { page, errors } = await openApp(app.url);
    await page.getByRole('link', { name: 'Composer' }).click();
    const form = page.getByRole('form', { name: 'New post' });
    await form.getByLabel('Client').selectOption({ label: 'Acme Bakery' });
    await form.getByLabel('@acmebakery').check();
    await form.getByLabel('@acme_news').check();
    const text = form.getByLabel('Post text', { exact: true });
    await text.fill('Rye on Fridays');
    await form.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();

    // Removed from the CLI (no push event): the window reads the accounts on focus.
    const removed = runCli(['--data-dir', dataDir, 'accounts', 'remove', gone], env);
    expect(removed.status, removed.stderr).toBe(0);
    await page.evaluate('window.dispatchEvent(new Event("focus"))');
    await form.getByLabel('@acme_news').waitFor({ state: 'detached' });
    await text.fill('Rye on Fridays, spelt on Saturdays');
    await form.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    expect(await form.getByText('No account has the id').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
