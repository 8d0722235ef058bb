// Searching posts in real Chromium against the real `starling serve`: `/` (or the sidebar)
// opens Search posts, which searches as the user types over every client or one, marks the
// words it found, says when nothing matches or the words cannot be read, and opens a post
// found in the post panel. A long post's snippet wraps inside the dialog at a small laptop
// size, in the dark theme too.
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { openApp } from '../helpers/open-app.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const day = 24 * 60 * 60_000;

describe('Search posts in the browser host', () => {
  it('finds posts as the user types, per client, and opens one', async () => {
    const dataDir = tempDataDir();
    const core = await makeCore({ dataDir });
    const db = core.database.db;
    const bakery = await makeClient(db, { name: 'Acme Bakery', timezone: 'Europe/Berlin' });
    const florist = await makeClient(db, { name: 'Rose & Thorn Florists', timezone: 'UTC' });
    const bakeryX = await makeAccount(db, bakery, { handle: 'acmebakery' });
    const floristX = await makeAccount(db, florist, { handle: 'roseandthorn' });
    const soon = Date.now() + 3 * day;
    const sourdough = await makePost(db, {
      clientId: bakery,
      accountIds: [bakeryX],
      parts: [
        'Our sourdough starter turns ten this week! To celebrate, every loaf of country ' +
          'sourdough comes with a jar of starter to take home, while stocks last, at both ' +
          'shops on Linden Street and by the station. Bring your own jar for a discount.',
      ],
      scheduledAt: soon,
    });
    await makePost(db, {
      clientId: bakery,
      accountIds: [bakeryX],
      parts: ['Rye and spelt loaves are back on Saturday.'],
      scheduledAt: soon + day,
    });
    await makePost(db, {
      clientId: florist,
      accountIds: [floristX],
      parts: ['Sourdough-coloured roses for the bakery next door, this Friday only.'],
      scheduledAt: soon + 2 * day,
    });
    await core.close();

    const app = await serveApp(dataDir);
    const { page, errors } = await openApp(app.url, {
      viewport: { width: 1024, height: 700 },
      timezoneId: 'Europe/Berlin',
    });
    await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
    await page.keyboard.press('/');
    const dialog = page.getByRole('dialog', { name: 'Search posts' });
    const box = dialog.getByRole('searchbox', { name: 'Words to search for' });
    await box.waitFor();
    await expect
      .poll(() => page.evaluate(`document.activeElement?.matches('dialog input[type=search]')`))
      .toBe(true);

    await box.fill('sourdough');
    const results = dialog.getByRole('list', { name: 'Posts found' });
    await expect.poll(() => results.getByRole('listitem').count()).toBe(2);
    await dialog.getByText('2 posts found.').waitFor();
    // Each found post names its client; the word found is marked.
    const found = (await results.getByRole('listitem').allInnerTexts()).join('\n');
    expect(found).toMatch(/Acme Bakery/u);
    expect(found).toMatch(/Rose & Thorn Florists/u);
    expect(await results.locator('mark').first().innerText()).toMatch(/^sourdough$/iu);
    await checkLayout(page, 'Search posts with two posts found');
    await page.emulateMedia({ colorScheme: 'dark' });
    await checkLayout(page, 'Search posts, dark', { axe: 'contrast' });
    await page.emulateMedia({ colorScheme: 'light' });

    // One client only, a phrase, a prefix, nothing found, and words it cannot read.
    await dialog
      .getByRole('combobox', { name: 'Client' })
      .selectOption({ label: 'Rose & Thorn Florists' });
    await expect.poll(() => results.getByRole('listitem').count()).toBe(1);
    await dialog.getByRole('combobox', { name: 'Client' }).selectOption({ label: 'All clients' });
    await box.fill('"spelt loaves"');
    await expect.poll(() => results.getByRole('listitem').count()).toBe(1);
    await box.fill('spel*');
    await expect.poll(() => results.getByRole('listitem').count()).toBe(1);
    await box.fill('croissant');
    await dialog.getByText('No post has those words.').waitFor();
    await box.fill('"not closed');
    await dialog
      .getByRole('alert')
      .filter({ hasText: /not closed/u })
      .waitFor();

    // A post found opens in the post panel.
    await box.fill('starter jar');
    await results.getByRole('button', { name: /starter/u }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.evaluate('location.hash'))
      .toBe(`#/composer?post=${encodeURIComponent(sourdough.postId)}`);
    await page
      .getByText(/Our sourdough starter turns ten/u)
      .first()
      .waitFor();

    // The sidebar opens it too, and Esc closes it.
    await page.getByRole('button', { name: 'Search posts' }).click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
});
