// The keyboard alone, in real Chromium against the real `starling serve`: `?` lists the
// shortcuts (and every key it lists for going somewhere goes there), typing `?` in a
// field is just typing, Esc closes the list; then one whole schedule-a-post flow with
// page.keyboard only: N opens the composer at the post text, Tab reaches the account,
// the date, the time and Schedule, the post is scheduled, 1 goes to the calendar, and
// the post is there, reached and opened with Tab and Enter.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PostSummary } from '../../shared/posts.ts';
import { binPath, runCli } from '../helpers/cli.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { blueskyAppPassword, startBluesky } from '../helpers/network-accounts.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { testPassphrase } from '../helpers/x-accounts.ts';

async function openServed(dataDir: string, env: NodeJS.ProcessEnv) {
  const app = await serveApp(dataDir, env);
  // en-US, as Chromium's own date and time fields are: month, day, year; 12-hour time.
  const { page, errors } = await openApp(app.url, {
    viewport: { width: 1024, height: 700 },
    timezoneId: 'UTC',
    locale: 'en-US',
  });
  await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
  return { page, errors };
}

/** The focused element's accessible-ish name: its label, aria-label or text. */
const focusedName = (page: Page) =>
  page.evaluate<string>(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    const labelled = el.getAttribute('aria-labelledby');
    if (labelled) return document.getElementById(labelled)?.textContent?.trim() ?? '';
    const label = el.getAttribute('aria-label') ?? (el.labels?.[0]?.textContent ?? '');
    return (label || el.textContent || '').trim();
  })()`);

/** Tabs (or back) until the focused element's name is `name`; fails after `max` steps. */
async function tabTo(
  page: Page,
  name: string | RegExp,
  max = 60,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(key);
    const now = await focusedName(page);
    seen.push(now);
    if (typeof name === 'string' ? now === name : name.test(now)) return;
  }
  throw new Error(`Tab never reached "${String(name)}"; it went through: ${seen.join(' | ')}`);
}

/** Whether the focused element shows a focus ring (an outline or a box shadow). */
const focusRingShown = (page: Page) =>
  page.evaluate<boolean>(`(() => {
    const el = document.activeElement;
    if (!el) return false;
    const style = getComputedStyle(el);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
      style.boxShadow !== 'none';
  })()`);

/** One client with two Bluesky accounts (none is chosen for the user), through the CLI. */
async function clientWithTwoAccounts() {
  const bluesky = await startBluesky();
  for (const handle of ['bakes.bsky.social', 'rye.bsky.social']) {
    bluesky.addUser({ handle, password: blueskyAppPassword, displayName: handle });
  }
  const dataDir = tempDataDir();
  const env: NodeJS.ProcessEnv = {
    STARLING_VAULT_PASSPHRASE: testPassphrase,
    STARLING_BLUESKY_APP_PASSWORD: blueskyAppPassword,
  };
  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, '--json', ...args], env);
  const client = cli('clients', 'add', '--name', 'Bright Bakery', '--timezone', 'UTC').json() as {
    id: string;
  };
  // Not runCli: its synchronous child would block the fake PDS in this very process.
  for (const handle of ['bakes.bsky.social', 'rye.bsky.social']) {
    await promisify(execFile)(
      process.execPath,
      [binPath, '--data-dir', dataDir, 'accounts', 'connect-bluesky', '--client', client.id].concat(
        ['--handle', handle, '--service', bluesky.origin],
      ),
      { env: { ...process.env, ...env } },
    );
  }
  return { dataDir, env, cli };
}

describe('the keyboard alone', () => {
  it('? lists the shortcuts, and the keys it lists do what it says', async () => {
    const dataDir = tempDataDir();
    const { page, errors } = await openServed(dataDir, {
      STARLING_VAULT_PASSPHRASE: testPassphrase,
    });

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    for (const group of ['Anywhere', 'Composer', 'Calendar', 'Dialogs']) {
      await help.getByRole('table', { name: group }).waitFor();
    }
    // Each row reads "keys<Tab>what they do".
    const anywhere = (
      await help.getByRole('table', { name: 'Anywhere' }).locator('tbody tr').allInnerTexts()
    ).map((row) => row.split('\t').map((cell) => cell.trim()));
    expect(anywhere).toContainEqual(['?', 'Show keyboard shortcuts']);
    expect(anywhere).toContainEqual(['N', 'Write a new post (opens the composer)']);
    await help.getByText('Ctrl', { exact: true }).first().waitFor();
    await checkLayout(page, 'Keyboard shortcuts dialog');
    // Esc closes it; focus goes back where it was.
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    // Every "Go to …" the dialog lists takes its key there, and nowhere else.
    const goes = anywhere.filter(([, label]) => label?.startsWith('Go to '));
    expect(goes.map(([, label]) => label)).toEqual([
      'Go to Calendar',
      'Go to Composer',
      'Go to Media',
      'Go to Analytics',
      'Go to Clients',
      'Go to Settings',
    ]);
    for (const [key = '', label = ''] of [...goes].reverse()) {
      await page.keyboard.press(key);
      const view = label.slice('Go to '.length);
      await page.getByRole('heading', { name: view, level: 1 }).waitFor();
      expect(await page.getByRole('link', { name: view }).getAttribute('aria-current')).toBe(
        'page',
      );
    }

    // In a text field `?` and digits are typed, not taken: here the client's name.
    await page.keyboard.press('5');
    await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
    await tabTo(page, 'New client');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New client' });
    await dialog.waitFor();
    await page.keyboard.type('Bakery? 1');
    expect(await dialog.getByLabel('Name').inputValue()).toBe('Bakery? 1');
    expect(await help.count()).toBe(0);
    // With a dialog open the app's keys wait; Esc closes the dialog.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Clients');
    expect(errors).toEqual([]);
  }, 120_000);

  it('schedules a post from the composer to the calendar without the mouse', async () => {
    const { dataDir, env, cli } = await clientWithTwoAccounts();
    const { page, errors } = await openServed(dataDir, env);

    // N: the composer, with the caret in the post text.
    await page.keyboard.press('n');
    const form = page.getByRole('form', { name: 'New post' });
    await form.waitFor();
    await expect.poll(() => focusedName(page)).toBe('Post text');
    await page.keyboard.type('Rye is back on Friday.');

    // Back up to the accounts with Shift+Tab, choose one with Space.
    await tabTo(page, '@rye.bsky.social (Bluesky)', 20, 'Shift+Tab');
    expect(await focusedName(page)).toBe('@rye.bsky.social (Bluesky)');
    expect(await focusRingShown(page)).toBe(true);
    await page.keyboard.press('Space');
    expect(
      await form.getByRole('checkbox', { name: '@rye.bsky.social (Bluesky)' }).isChecked(),
    ).toBe(true);

    // The date and time, typed into their fields' parts (month, day, year; AM).
    const day = new Date(Date.now() + 2 * 86_400_000);
    const iso = day.toISOString().slice(0, 10);
    const [y = '', m = '', d = ''] = iso.split('-');
    await tabTo(page, 'Date');
    expect(await focusRingShown(page)).toBe(true);
    await page.keyboard.type(`${m}${d}${y}`);
    await tabTo(page, 'Time');
    await page.keyboard.type('0930A');
    expect(await form.getByLabel('Date').inputValue()).toBe(iso);
    expect(await form.getByLabel('Time').inputValue()).toBe('09:30');

    // Schedule, reached with Tab and pressed with Enter.
    await tabTo(page, 'Schedule post');
    expect(await focusRingShown(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText(/^Scheduled for .*09:30.*\(UTC\)$/).waitFor();
    await checkLayout(page, 'Composer after scheduling from the keyboard');
    const [post, ...more] = cli('posts', 'list').json() as PostSummary[];
    expect(more).toEqual([]);
    expect(post?.status).toBe('scheduled');
    expect(post?.scheduledAt).toBe(Date.parse(`${iso}T09:30:00Z`));
    expect(post?.targets.map((t) => t.handle)).toEqual(['rye.bsky.social']);

    // Focus stays on Schedule (not in a text field), so 1 goes to the calendar; there the
    // List view and then the post are reached with Tab.
    expect(await focusedName(page)).toBe('Schedule post');
    await page.keyboard.press('1');
    await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
    await tabTo(page, 'List');
    await page.keyboard.press('Enter');
    if (iso.slice(0, 7) !== new Date().toISOString().slice(0, 7)) {
      await tabTo(page, 'Next month');
      await page.keyboard.press('Enter');
    }
    const chip = page.locator(`[data-post-id="${post?.id ?? ''}"]`);
    await chip.waitFor();
    const chipName = (await chip.getAttribute('aria-label')) ?? '';
    expect(chipName).toContain('Rye is back on Friday.');
    await tabTo(page, chipName);
    expect(await focusRingShown(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Post: scheduled' }).waitFor();
    await checkLayout(page, 'Post panel opened from the keyboard');
    expect(errors).toEqual([]);
  }, 120_000);
});
