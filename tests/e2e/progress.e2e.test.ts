// Long work shows progress (issue 15 item 5), in real Chromium against `starling serve`: a
// CSV of thousands of rows, generated here, is picked in Settings → Import posts from CSV;
// its check and then its import show the progress bar (role="progressbar" with a value,
// a maximum and a label) counting rows, and the import completes with every row written.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const rows = 6000;

/** `rows` posts for @cornercafe, a quarter hour apart, starting next year. */
function bigCsv(): string {
  const start = Date.UTC(new Date().getUTCFullYear() + 1, 0, 1);
  const lines = ['text,account,when'];
  for (let i = 0; i < rows; i += 1) {
    const at = new Date(start + i * 15 * 60_000).toISOString().slice(0, 16);
    lines.push(`Fresh bread no. ${String(i + 1)},@cornercafe,${at}Z`);
  }
  return `${lines.join('\n')}\n`;
}

interface SeenBar {
  label: string;
  now: string | null;
  max: string | null;
  text: string | null;
}

describe('progress of long work in the browser host', () => {
  it('shows a counting progress bar while a large CSV is checked and imported', async () => {
    const dataDir = tempDataDir();
    const client = runCli([
      ...['--data-dir', dataDir, '--json', 'clients', 'add'],
      ...['--name', 'Corner Café', '--timezone', 'Europe/Berlin'],
    ]).json() as { id: string };
    const db = new Database(path.join(dataDir, 'starling.db'));
    db.prepare(
      `INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at)
       VALUES ('acct-cafe', ?, 'x', '5550001', 'cornercafe', 0, 0)`,
    ).run(client.id);
    db.close();

    const app = await serveApp(dataDir);
    const { page, errors } = await openApp(app.url, { viewport: { width: 1024, height: 700 } });
    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Import posts from CSV' });
    await section.getByLabel('Accounts of').selectOption({ label: 'Corner Café' });

    // Every state the bar goes through, recorded in the page as it changes (a poll from
    // here could miss a short step).
    await page.evaluate(`(() => {
      window.__bars = [];
      const record = () => {
        for (const bar of document.querySelectorAll('[role="progressbar"]')) {
          const labelId = bar.getAttribute('aria-labelledby');
          const label = labelId ? document.getElementById(labelId)?.textContent ?? '' : '';
          window.__bars.push({
            label,
            now: bar.getAttribute('aria-valuenow'),
            max: bar.getAttribute('aria-valuemax'),
            text: bar.getAttribute('aria-valuetext'),
          });
        }
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true, childList: true, attributes: true, characterData: true,
      });
    })()`);

    await section.getByLabel('CSV file to import').setInputFiles({
      name: 'year.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bigCsv(), 'utf8'),
    });
    await section
      .getByText(`${String(rows)} of ${String(rows)} rows can be scheduled.`)
      .waitFor({ timeout: 60_000 });

    await section.getByRole('button', { name: `Import ${String(rows)} posts` }).click();
    // The bar shows while the rows are written, labelled and counting, with Cancel.
    const bar = section.getByRole('progressbar', { name: /^Importing posts/ });
    await bar.waitFor({ timeout: 30_000 });
    await section.getByText(`Imported ${String(rows)} posts.`).waitFor({ timeout: 60_000 });
    expect(await section.getByRole('progressbar').count()).toBe(0);
    await checkLayout(page, 'Settings after a large CSV import');

    const seen = await page.evaluate<SeenBar[]>('window.__bars');
    const steps = (label: string) => seen.filter((b) => b.label === label && b.now !== null);
    const dryRun = steps('Checking every row of year.csv');
    const writing = steps('Importing posts: writing');
    expect(dryRun.length).toBeGreaterThan(0);
    expect(writing.length).toBeGreaterThan(0);
    for (const step of [dryRun, writing, steps('Importing posts: checking')]) {
      // Counted in rows against the whole file, never going back.
      expect(step.every((b) => b.max === String(rows))).toBe(true);
      const counts = step.map((b) => Number(b.now));
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
    }
    expect(writing[0]?.text).toMatch(new RegExp(`of ${rows.toLocaleString('en-US')} rows$`));

    const check = new Database(path.join(dataDir, 'starling.db'), { readonly: true });
    const written = check
      .prepare("SELECT count(*) AS n FROM posts WHERE status = 'scheduled'")
      .get() as {
      n: number;
    };
    check.close();
    expect(written.n).toBe(rows);
    expect(errors).toEqual([]);
  }, 120_000);
});
