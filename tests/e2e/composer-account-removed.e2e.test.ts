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

/**
 * The composer open on a new post for Acme Bakery with both its accounts ticked and some
 * text typed; `removeNews` removes @acme_news with the CLI (no push event) and lets the
 * window read the accounts again, as it does on focus.
 */
async function composing() {
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
  const news = form.getByRole('checkbox', { name: '@acme_news (X)' });
  await form.getByRole('checkbox', { name: '@acmebakery (X)' }).check();
  await news.check();
  const text = form.getByLabel('Post text', { exact: true });
  await text.fill('Rye on Fridays');
  const saved = () => form.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
  const removeNews = async () => {
    const removed = runCli(['--data-dir', dataDir, 'accounts', 'remove', gone], env);
    expect(removed.status, removed.stderr).toBe(0);
    await page.evaluate('window.dispatchEvent(new Event("focus"))');
    await news.waitFor({ state: 'detached' });
  };
  return { form, news, text, errors, saved, removeNews };
}

describe('the composer', () => {
  it('drops an account removed elsewhere and keeps saving the draft', async () => {
    const { form, text, errors, saved, removeNews } = await composing();
    await saved();
    await removeNews();
    await text.fill('Rye on Fridays, spelt on Saturdays');
    await saved();
    expect(await form.getByText('No account has the id').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it('drops the own text of an unticked account removed elsewhere, and keeps saving', async () => {
    const { form, news, text, errors, saved, removeNews } = await composing();
    await form.getByRole('button', { name: 'Own text for @acme_news', exact: true }).click();
    await form.getByLabel('Post text for @acme_news', { exact: true }).fill('News: rye');
    // Unticked, the account's own text is kept with the draft for when it is ticked again.
    await news.uncheck();
    await saved();
    await removeNews();
    // Saving on: the text for the removed account went with it instead of failing each save.
    await text.fill('Rye on Fridays, spelt on Saturdays');
    await saved();
    expect(await form.getByText(/no longer exists|went wrong/).count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
