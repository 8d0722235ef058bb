// [Note: upgrade progress] in real Chromium against the real `starling serve` on a real
// database left at an older migration: the upgrade page stands in for the app while the
// core migrates (phase, step i of n, the bar, the advice), then the app loads by itself.
// The migration is held at its first write by a write lock this test takes on the file
// (SQLite's own locking, the busy timeout every connection has), so the page is seen on
// a step for certain however fast the machine; no code of ours is stood in for.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { rendererDir } from '../../main/cli/serve-command.ts';
import { databaseFileName } from '../../main/core/db/open-database.ts';
import { startBrowserHost } from '../../main/host/browser-host.ts';
import { migrationDescriptions } from '../../migrations/index.ts';
import { upgradeAdvice } from '../../shared/upgrade-progress.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { recordingLogger } from '../helpers/core.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { makeOldDatabase, migrationsAfter } from '../helpers/old-database.ts';
import { openApp, recordErrors } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const last = '0024-part-containers';

describe('upgrading an old database in the browser', () => {
  it('shows the upgrade page while migrating, then the app', async () => {
    const dataDir = tempDataDir();
    await makeOldDatabase(dataDir, { last, posts: 2000 });
    const pending = migrationsAfter(last);
    // Chromium and its page first: the lock below must not be held past the 5 s busy
    // timeout once the migration waits on it, so only the page's load is left for then.
    const browser = await launchBrowser();
    const page = await (
      await browser.newContext({ viewport: { width: 1024, height: 700 } })
    ).newPage();
    page.setDefaultTimeout(10_000);
    const errors = recordErrors(page);
    const blocker = new Database(path.join(dataDir, databaseFileName));
    blocker.exec('BEGIN IMMEDIATE');
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      blocker.exec('ROLLBACK');
      blocker.close();
    };
    try {
      const app = await serveApp(dataDir);
      await page.goto(app.url);
      await expect
        .poll(() => page.locator('h1').textContent(), { timeout: 4000 })
        .toBe('Upgrading your Starling data…');
      const firstStep = `Step 1 of ${String(pending.length)}: ${migrationDescriptions[pending[0] ?? ''] ?? ''}`;
      await expect
        .poll(() => page.locator('#upgrade-phase').textContent(), { timeout: 4000 })
        .toBe(firstStep);
      const bar = page.getByRole('progressbar', { name: firstStep });
      expect(await bar.getAttribute('aria-valuenow')).toBe('0');
      expect(await page.getByText(upgradeAdvice).isVisible()).toBe(true);
      release();

      // The page reloads into the app by itself once the core is ready.
      await page.locator('.cal-day').first().waitFor({ timeout: 30_000 });
      expect(await page.locator('#upgrade-phase').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      release();
    }
  });

  it('lays the upgrade page out cleanly and accessibly, light and dark', async () => {
    // The real host before its core is ready (as during a long step), in mid-upgrade.
    const host = await startBrowserHost({
      core: new Promise<never>(() => undefined),
      upgradeProgress: () => ({ phase: 'backing-up', step: null, fraction: 0.42 }),
      rendererDir,
      port: 0,
      logger: recordingLogger(),
    });
    onTestFinished(() => host.close());
    const { page } = await openApp(host.url);
    await page.getByText('Backing up your data before changing it').waitFor();
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('42');
    for (const colorScheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme });
      await checkLayout(page, `upgrade page (${colorScheme})`, { axe: true });
    }
  });
});
