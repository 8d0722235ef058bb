// The CSV import wizard in real Chromium against the real `starling serve`: a CSV with a
// BOM, CRLF, a quoted comma and newline, a thread and an unknown account is picked, its
// dry run shows each row and the bad row's column and reason, "import the valid rows"
// schedules the good ones (the CLI reads the same instants), and "Back up now" lists a
// backup.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PostSummary } from '../../shared/posts.ts';
import { runCli } from '../helpers/cli.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('data in and out in the browser host', () => {
  it('imports a CSV through the wizard and backs up from Settings', async () => {
    const dataDir = tempDataDir();
    const client = runCli([
      ...['--data-dir', dataDir, '--json', 'clients', 'add'],
      ...['--name', 'Corner Café', '--timezone', 'Europe/Berlin'],
    ]).json() as { id: string };
    // An account row as a connect would leave it (no tokens needed to schedule).
    const db = new Database(path.join(dataDir, 'starling.db'));
    db.prepare(
      `INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at)
       VALUES ('acct-cafe', ?, 'x', '5550001', 'cornercafe', 0, 0)`,
    ).run(client.id);
    db.close();

    const year = new Date().getUTCFullYear() + 1;
    const csv =
      '\uFEFFText,Account,Date,Time\r\n' +
      `"Coffee, cake\nand a chat",@cornercafe,${String(year)}-06-14,09:30\r\n` +
      `"Thread start\n---\nThread end",cornercafe,${String(year)}-06-15,18:00\r\n` +
      `Lost,@someoneelse,${String(year)}-06-16,10:00\r\n`;

    const app = await serveApp(dataDir);
    const { page, errors } = await openApp(app.url);
    await page.getByRole('link', { name: 'Settings' }).click();

    const section = page.getByRole('region', { name: 'Import posts from CSV' });
    // Bigger than the browser host's socket carries: refused in the page with the CLI way out.
    await section.getByLabel('CSV file to import').setInputFiles({
      name: 'huge.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`text,account\n${'x,@cornercafe\n'.repeat(90_000)}`),
    });
    await section
      .getByRole('alert')
      .getByText(/huge\.csv is 1\.2 MB; this window can send at most 1\.0 MB/)
      .waitFor();
    await section.getByText('starling import csv huge.csv', { exact: false }).waitFor();
    await checkLayout(page, 'Settings with a CSV too big for the window');

    await section.getByLabel('Accounts of').selectOption({ label: 'Corner Café' });
    await section.getByLabel('CSV file to import').setInputFiles({
      name: 'june.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await section.getByText('2 of 3 rows can be scheduled, 1 has errors.').waitFor();
    const rows = section.getByRole('row');
    await expect.poll(() => rows.count()).toBe(4);
    await section.getByText(`${String(year)}-06-14 09:30 Europe/Berlin`).waitFor();
    await section.getByText('Thread start (thread of 2)').waitFor();
    const bad = rows.filter({ hasText: 'someoneelse' });
    await bad.getByText('Account:').waitFor();
    await bad.getByText('no such account').waitFor();
    // With an error in the file, importing everything is not offered.
    expect(await section.getByRole('button', { name: /^Import 3/ }).count()).toBe(0);
    await checkLayout(page, 'Settings with a CSV import preview');

    await section.getByRole('button', { name: 'Import the 2 valid rows' }).click();
    await section.getByText('Imported 2 posts; 1 row with errors was left out.').waitFor();

    const listed = runCli([
      '--data-dir',
      dataDir,
      '--json',
      'posts',
      'list',
    ]).json() as PostSummary[];
    expect(
      listed.map((p) => [p.localTime, p.timezone, p.firstLine, p.targets.map((t) => t.handle)]),
    ).toEqual([
      [`${String(year)}-06-14T09:30`, 'Europe/Berlin', 'Coffee, cake', ['cornercafe']],
      [`${String(year)}-06-15T18:00`, 'Europe/Berlin', 'Thread start', ['cornercafe']],
    ]);
    expect(listed[0]?.scheduledAt).toBe(Date.UTC(year, 5, 14, 7, 30));

    const backups = page.getByRole('region', { name: 'Backups and exports' });
    await backups.getByText('No backups yet.').waitFor();
    await backups.getByRole('button', { name: 'Back up now' }).click();
    await backups.getByRole('table', { name: 'Backups' }).getByText('By hand').waitFor();
    await checkLayout(page, 'Settings with a backup listed');
    const cliBackups = runCli(['--data-dir', dataDir, '--json', 'backup', 'list']).json() as {
      kind: string;
    }[];
    expect(cliBackups.map((b) => b.kind)).toEqual(['manual']);

    expect(errors).toEqual([]);
  }, 90_000);
});
