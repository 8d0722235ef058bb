// The data commands as a user runs them: `starling import csv` (dry run, refusal with
// every bad row on stderr and nothing written, --valid-rows-only, media next to the CSV),
// `starling backup create|list`, and the daily backup a publishing host takes at start.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { BackupInfo, ImportReport } from '../../shared/data.ts';
import type { PostSummary } from '../../shared/posts.ts';
import { makeCore } from '../helpers/core.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

function folderWithAccount() {
  const dataDir = tempDataDir();
  const client = runCli([
    '--data-dir',
    dataDir,
    '--json',
    'clients',
    'add',
    '--name',
    'Shop',
    '--timezone',
    'Europe/Berlin',
  ]).json() as {
    id: string;
  };
  const db = new Database(path.join(dataDir, 'starling.db'));
  db.prepare(
    `INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at)
     VALUES ('acct-shop', ?, 'x', '8880001', 'shop', 0, 0)`,
  ).run(client.id);
  db.close();
  return { dataDir, clientId: client.id };
}

const count = (dataDir: string, table: string) => {
  const db = new Database(path.join(dataDir, 'starling.db'), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('starling import csv', () => {
  it('dry-runs, refuses a file with a bad row without writing, then imports the valid rows with media', async () => {
    const { dataDir, clientId } = folderWithAccount();
    const year = new Date().getUTCFullYear() + 1;
    const csvDir = tempDataDir('starling-csv-');
    fs.mkdirSync(path.join(csvDir, 'pics'));
    fs.writeFileSync(
      path.join(csvDir, 'pics', 'shelf.png'),
      await sharp({ create: { width: 20, height: 20, channels: 3, background: '#808080' } })
        .png()
        .toBuffer(),
    );
    const file = path.join(csvDir, 'posts.csv');
    fs.writeFileSync(
      file,
      'text,account,date,time,media,alt\r\n' +
        `New shelf,@shop,${String(year)}-05-04,10:00,pics/shelf.png,Oak shelf\r\n` +
        `Nobody,@ghost,${String(year)}-05-04,11:00,,\r\n`,
    );

    const dry = runCli(['--data-dir', dataDir, 'import', 'csv', file, '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(
      `row 2: would schedule @shop at ${String(year)}-05-04 10:00 Europe/Berlin, 1 media: New shelf`,
    );
    expect(dry.stdout).toContain('row 3, column "account": @ghost: no such account.');
    expect(dry.stdout).toContain(
      'Dry run: 1 of 2 rows can be imported, 1 has errors. Nothing was written.',
    );

    const refused = runCli(['--data-dir', dataDir, '--json', 'import', 'csv', file]);
    expect(refused.status).toBe(1);
    expect(refused.json()).toMatchObject({
      error: { code: 'VALIDATION', details: { report: { invalid: 1 } } },
    });
    expect(count(dataDir, 'posts')).toBe(0);
    expect(count(dataDir, 'media_assets')).toBe(0);

    const started = Date.now();
    const partial = runCli([
      '--data-dir',
      dataDir,
      '--json',
      'import',
      'csv',
      file,
      '--valid-rows-only',
      '--client',
      clientId,
    ]);
    expect(partial.status).toBe(0);
    // It exits once the import has ended, its writing thread's checkpoint included, not
    // when the idle import thread ends 20 s later ([Note: a thread held while it works]).
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(fs.existsSync(path.join(dataDir, 'starling.db-wal'))).toBe(false);
    const report = partial.json() as ImportReport;
    expect(report).toMatchObject({ imported: 1, invalid: 1 });
    const posts = runCli([
      '--data-dir',
      dataDir,
      '--json',
      'posts',
      'list',
    ]).json() as PostSummary[];
    expect(posts.map((p) => p.firstLine)).toEqual(['New shelf']);
    expect(count(dataDir, 'post_part_media')).toBe(1);

    const missing = runCli(['--data-dir', dataDir, 'import', 'csv', path.join(csvDir, 'nope.csv')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no such file');
  });
});

describe('starling backup', () => {
  it('creates and lists backups from the CLI', () => {
    const { dataDir } = folderWithAccount();
    const created = runCli([
      '--data-dir',
      dataDir,
      '--json',
      'backup',
      'create',
    ]).json() as BackupInfo;
    expect(created.kind).toBe('manual');
    expect(fs.existsSync(created.file)).toBe(true);
    const listed = runCli(['--data-dir', dataDir, 'backup', 'list']);
    expect(listed.stdout).toContain(created.name);
    const restored = runCli(['--data-dir', dataDir, 'backup', 'restore', 'newest']);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toContain(`Restored ${created.file}.`);
    expect(restored.stdout).toMatch(/kept as .*pre-restore/);
    const none = runCli(['--data-dir', tempDataDir(), 'backup', 'restore', 'newest']);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('nothing to restore');
  });

  it('takes the daily backup when a publishing host starts, and not twice', async () => {
    const core = await makeCore();
    await core.startBackground();
    const daily = (await core.invoke('backups:list', {})) as { ok: true; value: BackupInfo[] };
    expect(daily.value.map((b) => b.kind)).toEqual(['daily']);
    const restarted = await makeCore({ dataDir: core.dataDir });
    await restarted.startBackground();
    const again = (await restarted.invoke('backups:list', {})) as {
      ok: true;
      value: BackupInfo[];
    };
    expect(again.value).toHaveLength(1);
  });
});
