// After a restore, in real Chromium against the real `starling serve`: the first start
// stops a post that fell due since the backup for review (no record of what happened
// meanwhile), and the app says so above every view of every window until dismissed in
// one; "Show posts to review" opens the calendar's list of exactly those posts ([Note:
// restore reconciliation]).
import { describe, expect, it } from 'vitest';
import { markRestore } from '../../main/core/data/restore-reconcile.ts';
import { makeCore } from '../helpers/core.ts';
import { makeJob } from '../helpers/job-factories.ts';
import { openApp } from '../helpers/open-app.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('the notice after a restore', () => {
  it('says what the restore could not tell and shows the posts waiting for review', async () => {
    const dataDir = tempDataDir();
    const core = await makeCore({ dataDir });
    const db = core.database.db;
    const client = await makeClient(db, { name: 'Acme Bakery', timezone: 'Europe/Berlin' });
    const account = await makeAccount(db, client, { handle: 'acmebakery' });
    const due = await makePost(db, {
      clientId: client,
      accountIds: [account],
      parts: ['Fell due after the backup'],
      scheduledAt: Date.now() - 2 * 3_600_000,
    });
    await makeJob(db, { targetId: due.targets[account] ?? '', runAt: Date.now() - 2 * 3_600_000 });
    await makePost(db, {
      clientId: client,
      accountIds: [account],
      parts: ['Next week, untouched'],
      scheduledAt: Date.now() + 7 * 86_400_000,
    });
    await core.close();
    // As `starling backup restore` leaves it with no readable database to compare.
    markRestore(dataDir, null, Date.now());

    // A publishing host: the restore is reconciled before its scheduler starts.
    const app = await serveApp(dataDir, {}, ['--publish']);
    const { page, errors } = await openApp(app.url, {
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1024, height: 700 },
    });
    const notice = page.getByRole('region', { name: 'Restored from a backup' });
    await notice.waitFor();
    await expect
      .poll(() => notice.textContent())
      .toMatch(/1 post may or may not have gone out after the backup was taken: on an account/);
    expect(await notice.textContent()).toContain('no readable record');

    await notice.getByRole('button', { name: 'Show posts to review' }).click();
    expect(await page.getByLabel('Status').inputValue()).toBe('needs_review');
    expect(
      await page.getByRole('button', { name: 'List', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    const chips = page.locator('.cal-list-row .cal-chip');
    await expect.poll(() => chips.count()).toBe(1);
    expect(await chips.first().textContent()).toContain('Fell due after the backup');

    // Still there on another view, and in a second window, until dismissed in one of them.
    await page.getByRole('link', { name: 'Clients' }).click();
    await notice.waitFor();
    const browser = page.context().browser();
    const sameBrowser = browser === null ? {} : { browser };
    const second = await openApp(app.url, {
      ...sameBrowser,
      viewport: { width: 1024, height: 700 },
    });
    const secondNotice = second.page.getByRole('region', { name: 'Restored from a backup' });
    await secondNotice.waitFor();
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await expect.poll(() => secondNotice.count()).toBe(0);
    // A window opened later in this run shows the app without it.
    const third = await openApp(app.url, {
      ...sameBrowser,
      viewport: { width: 1024, height: 700 },
    });
    // The version in the sidebar comes with the same answer as the notice would.
    await third.page.getByText(/^Version /).waitFor();
    expect(await third.page.getByRole('region', { name: 'Restored from a backup' }).count()).toBe(
      0,
    );
    expect([...errors, ...second.errors, ...third.errors]).toEqual([]);
  }, 60_000);
});
