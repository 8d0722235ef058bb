// A big sound database (over the size checked in full before opening): its full check
// runs on a worker thread after start, a read is answered while it runs, a write waits for
// it and then goes through; the daily backup checks on a thread too and is taken.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackupsService } from '../../main/core/data/backups-service.ts';
import { makeCore, expectOk } from '../helpers/core.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import fs from 'node:fs';

/** About 40 MB of rows: a quick_check that takes a while. */
async function bigDatabase(dataDir: string): Promise<void> {
  const first = await makeCore({ dataDir });
  const sqlite = first.database.sqlite;
  sqlite.exec('CREATE TABLE ballast (n INTEGER PRIMARY KEY, filler TEXT NOT NULL)');
  const insert = sqlite.prepare('INSERT INTO ballast (filler) VALUES (?)');
  sqlite.transaction(() => {
    for (let i = 0; i < 80_000; i += 1) insert.run(`${String(i)}:${'x'.repeat(480)}`);
  })();
  await first.close();
  expect(fs.statSync(path.join(dataDir, 'starling.db')).size).toBeGreaterThan(16 * 1024 * 1024);
}

describe('the full check of a big database', () => {
  it('answers reads while it runs and holds writes until it passed', async () => {
    const dataDir = tempDataDir();
    await bigDatabase(dataDir);
    const core = await makeCore({ dataDir });
    let checked = false;
    void core.database.verified.then(() => {
      checked = true;
    });
    const read = core.invoke('clients:list', {}).then((r) => ({ r, checked }));
    const write = core.invoke('clients:create', { name: 'After the check' }).then((r) => ({
      r,
      checked,
    }));
    const answered = await read;
    expect(answered.r).toEqual({ ok: true, value: [] });
    expect(answered.checked).toBe(false);
    const wrote = await write;
    expectOk(wrote.r);
    expect(wrote.checked).toBe(true);
  }, 60_000);

  it('runs again on its thread before the daily backup, which is then taken', async () => {
    const dataDir = tempDataDir();
    await bigDatabase(dataDir);
    const core = await makeCore({ dataDir });
    await core.database.verified;
    const backups = createBackupsService({
      dataDir,
      sqlite: core.database.sqlite,
      now: () => Date.UTC(2026, 10, 24, 9),
      logger: core.logger,
    });
    const taken = await backups.dailyIfDue();
    expect(taken?.kind).toBe('daily');
    expect(taken?.bytes).toBeGreaterThan(16 * 1024 * 1024);
  }, 60_000);
});
