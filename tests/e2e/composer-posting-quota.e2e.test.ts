// The composer's posting-limit line in the browser: an Instagram account whose 50 posts of
// the last 24 hours are used up on the fake Meta (made elsewhere, counted by the fake's
// ledger) shows "50 of 50 posts used" and a warning that this post would not fit, read
// live by the browser host through STARLING_META_API_ORIGIN.
import { describe, expect, it } from 'vitest';
import { instagramState } from '../fakes/meta-server/instagram-state.ts';
import { setUpInstagram, startMeta } from '../helpers/instagram-accounts.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { makeNetworkCore } from '../helpers/network-core.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { addClient, testPassphrase } from '../helpers/x-accounts.ts';

describe('the composer’s posting-limit line', () => {
  it('shows the Instagram account’s count and warns when the post would not fit', async () => {
    const fake = await startMeta();
    const dataDir = tempDataDir();
    const setupCore = await makeNetworkCore(fake, { dataDir });
    const clientId = await addClient(setupCore, 'Nova Bakery');
    const { account, instagram } = await setUpInstagram({
      fake,
      core: setupCore,
      clientId,
      relay: false,
    });
    await setupCore.close();
    instagramState(fake.store).publishedElsewhere.set(instagram.id, 50);

    const app = await serveApp(dataDir, {
      STARLING_META_API_ORIGIN: fake.origin,
      STARLING_VAULT_PASSPHRASE: testPassphrase,
    });
    const { page, errors } = await openApp(app.url, {
      viewport: { width: 1024, height: 700 },
      timeoutMs: 15_000,
    });
    await page.getByRole('link', { name: 'Composer' }).click();
    const form = page.getByRole('form', { name: 'New post' });
    await form.getByLabel('Client').selectOption({ label: 'Nova Bakery' });
    await form
      .getByRole('checkbox', { name: `@${account.handle} (Instagram)`, exact: true })
      .check();
    const line = form.getByRole('list', { name: 'Posting limits' }).getByRole('listitem');
    await expect
      .poll(() => line.textContent(), { timeout: 10_000 })
      .toContain(`@${account.handle}: 50 of 50 posts used in the last 24 hours.`);
    expect(await line.textContent()).toContain(
      'Instagram allows 50 posts in any 24 hours and none are left.',
    );
    // Typing asks nothing more of Meta: the line stays, read once.
    const reads = () =>
      fake.requests().filter((r) => r.path.endsWith('/content_publishing_limit')).length;
    const before = reads();
    await form.getByLabel('Post text', { exact: true }).fill('Rye is back on Saturday');
    await form.getByLabel('Post text', { exact: true }).press('End');
    await page.keyboard.type(' #sourdough');
    expect(reads()).toBe(before);
    await checkLayout(page, 'Composer with Instagram’s posting limit used up');
    expect(errors).toEqual([]);
  }, 120_000);
});
