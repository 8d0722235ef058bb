// The composer as a newcomer sees it, in real Chromium against `starling serve`: it opens
// quiet (no red error before anything was typed) with a client's only account chosen,
// says what is wrong once scheduling is tried, and keeps its width with a 500-character
// post in the drafts list at 1024×700 (nothing scrolls sideways).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core.ts';
import { makeAccount, makeClient } from '../helpers/post-factories.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

/** A data folder with one client that has one (token-less) X account. */
async function oneClientOneAccount(): Promise<string> {
  const dataDir = tempDataDir();
  const core = await makeCore({ dataDir });
  const client = await makeClient(core.database.db, { name: 'Acme Bakery' });
  await makeAccount(core.database.db, client, { handle: 'acmebakery' });
  await core.close();
  return dataDir;
}

async function openComposer(dataDir: string, viewport = { width: 1024, height: 700 }) {
  const app = await serveApp(dataDir);
  const { page, errors } = await openApp(app.url, { viewport });
  await page.getByRole('link', { name: 'Composer' }).click();
  const form = page.getByRole('form', { name: 'New post' });
  await form.waitFor();
  return { page, form, errors };
}

/** Widths a person would notice: the page and the scrolling view against what they hold. */
function widths(page: Page) {
  return page.evaluate<{
    document: number[];
    view: number[];
    textarea: number;
    card: number;
  }>(`(() => {
    const view = document.querySelector('main.view');
    const card = document.querySelector('form.composer-panel');
    const text = document.querySelector('textarea');
    if (view === null || card === null || text === null) throw new Error('composer not shown');
    return {
      document: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
      view: [view.scrollWidth, view.clientWidth],
      textarea: text.getBoundingClientRect().width,
      card: card.getBoundingClientRect().width,
    };
  })()`);
}

describe('composer layout and first impression', () => {
  it('opens without an error, with the only account chosen; errors show once scheduling is tried', async () => {
    const { page, form, errors } = await openComposer(await oneClientOneAccount());
    const text = form.getByLabel('Post text', { exact: true });
    await text.waitFor();
    await form.getByLabel('@acmebakery').waitFor();
    await checkLayout(page, 'Composer, empty, one account');
    // Nothing typed yet: no message, nothing marked invalid.
    expect(await form.getByText(/is empty/).count()).toBe(0);
    expect(await text.getAttribute('aria-invalid')).toBe('false');
    await expect.poll(() => form.getByLabel('@acmebakery').isChecked()).toBe(true);

    await form.getByRole('button', { name: 'Schedule post' }).click();
    await form.getByRole('alert').filter({ hasText: 'The post is empty' }).waitFor();
    await checkLayout(page, 'Composer refusing an empty post');
    expect(await text.getAttribute('aria-invalid')).toBe('true');

    // Typing clears the part's message at once.
    await text.fill('Fresh rye today.');
    await expect.poll(() => text.getAttribute('aria-invalid')).toBe('false');
    expect(errors).toEqual([]);
  }, 60_000);

  it('keeps its width at 1024×700 with a 500-character draft', async () => {
    const { page, form, errors } = await openComposer(await oneClientOneAccount());
    const words = 'sourdough rye spelt brioche focaccia baguette ciabatta pretzel '.repeat(10);
    const long = `Fresh ${words}`.slice(0, 499).trimEnd().padEnd(500, 'x');
    expect(long).toHaveLength(500);
    await form.getByLabel('Post text', { exact: true }).fill(long);
    await form.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();

    await page.reload();
    await page.getByRole('link', { name: 'Composer' }).click();
    const drafts = page.getByRole('list', { name: 'Drafts' });
    await drafts.getByRole('listitem').first().waitFor();
    // The page and the view hold their content; the text box wraps inside its card.
    const w = await widths(page);
    expect(w.document[0]).toBeLessThanOrEqual(w.document[1] ?? 0);
    expect(w.view[0]).toBeLessThanOrEqual(w.view[1] ?? 0);
    expect(w.textarea).toBeLessThanOrEqual(w.card);
    // The draft's title is cut with an ellipsis and its full text is still there to read.
    const title = drafts.locator('.composer-draft-title').first();
    expect(
      await page.evaluate<string>(
        "getComputedStyle(document.querySelector('.composer-draft-title')).textOverflow",
      ),
    ).toBe('ellipsis');
    expect(await title.getAttribute('title')).toBe(long);
    await checkLayout(page, 'Composer with a 500-character draft');
    expect(errors).toEqual([]);
  }, 60_000);
});
