// One draft open in two windows, in real Chromium against the real `starling serve`
// ([Note: draft base]): the second window's autosave is refused instead of silently
// replacing what the first saved, and says so; "keep mine" replaces the other version,
// and the first window, refused in turn, opens that version instead of its own. Each
// window's Drafts list follows the other's saves.
import { describe, expect, it } from 'vitest';
import { expectOk, makeCore } from '../helpers/core.ts';
import { openApp, type OpenAppOptions } from '../helpers/open-app.ts';
import { makeAccount, makeClient } from '../helpers/post-factories.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('a draft open in two windows', () => {
  it('never lets one window silently replace what the other saved', async () => {
    const dataDir = tempDataDir();
    const core = await makeCore({ dataDir });
    const db = core.database.db;
    const clientId = await makeClient(db, { name: 'Bright Bakery' });
    const accountId = await makeAccount(db, clientId, { handle: 'brightbakes' });
    const draft = expectOk(
      await core.invoke('drafts:save', {
        clientId,
        accountIds: [accountId],
        parts: [{ text: 'Rye' }],
      }),
    );
    await core.close();

    const app = await serveApp(dataDir);
    const openDraft = async (browser?: OpenAppOptions['browser']) => {
      const opened = await openApp(app.url, browser === undefined ? {} : { browser });
      await opened.page.getByRole('link', { name: 'Composer' }).click();
      await opened.page.getByRole('button', { name: /^Open draft / }).click();
      const text = opened.page.getByRole('textbox', { name: 'Post text', exact: true });
      await expect.poll(() => text.inputValue()).toBe('Rye');
      return { ...opened, text };
    };
    const first = await openDraft();
    const second = await openDraft(first.page.context().browser() ?? undefined);
    const saved = (page: typeof first.page) =>
      page.getByRole('status').filter({ hasText: 'Draft saved' }).first().waitFor();
    const conflict = (page: typeof first.page) =>
      page.getByRole('alert').filter({ hasText: 'This draft was changed somewhere else' });

    await first.text.fill('Rye from the first window');
    await saved(first.page);
    // The second window's Drafts list follows what the first saved.
    await second.page
      .getByRole('button', { name: 'Open draft Rye from the first window' })
      .waitFor();
    await second.text.fill('Rye from the second window');
    await conflict(second.page).waitFor();
    const stored = async () => {
      const reader = await makeCore({ dataDir });
      const detail = expectOk(await reader.invoke('posts:get', { id: draft.id }));
      await reader.close();
      return detail.parts.map((p) => p.text);
    };
    // Refused: what the first window saved is still there.
    expect(await stored()).toEqual(['Rye from the first window']);
    // While it asks, its Drafts list still follows what the other window saves.
    await first.text.fill('Rye from the first window, again');
    await saved(first.page);
    await second.page
      .getByRole('button', { name: 'Open draft Rye from the first window, again' })
      .waitFor();
    // Going to the calendar and back neither loads the other version over this one nor
    // forgets the question; scheduling waits for the answer too.
    await second.page.getByRole('link', { name: 'Calendar' }).click();
    await second.page.getByRole('link', { name: 'Composer' }).click();
    await conflict(second.page).waitFor();
    expect(await second.text.inputValue()).toBe('Rye from the second window');
    await second.page
      .getByLabel('Date', { exact: true })
      .fill(`${String(new Date().getFullYear() + 1)}-06-01`);
    await second.page.getByLabel('Time', { exact: true }).fill('09:00');
    await second.page.getByRole('button', { name: 'Schedule post' }).click();
    await second.page.getByRole('status').filter({ hasText: 'Not saved' }).waitFor();
    await conflict(second.page).waitFor();
    expect(await stored()).toEqual(['Rye from the first window, again']);

    await conflict(second.page)
      .getByRole('button', { name: 'Keep mine, replace the other' })
      .click();
    await saved(second.page);
    await expect.poll(() => conflict(second.page).count()).toBe(0);
    expect(await stored()).toEqual(['Rye from the second window']);

    // The first window's next save is refused in turn; it takes the other version.
    await first.text.fill('Rye, edited again in the first window');
    await conflict(first.page)
      .getByRole('button', { name: 'Open the other version, drop mine' })
      .click();
    await expect.poll(() => first.text.inputValue()).toBe('Rye from the second window');
    await expect.poll(() => conflict(first.page).count()).toBe(0);
    expect(await stored()).toEqual(['Rye from the second window']);
    expect([...first.errors, ...second.errors]).toEqual([]);
  }, 90_000);
});
