// Backups and restore on real database files: back up while the core is open, restore
// round trips (the restored data equals what was backed up, the replaced database is
// kept), refusals that change nothing (damaged backup, newer version, database in use),
// daily retention (7 daily, 4 weekly), and a truncated database refused at start with
// the newest good backup named and the damaged file kept.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore } from '../../main/core/create-core.ts';
import {
  createBackupsService,
  dailyToPrune,
  restoreBackup,
} from '../../main/core/data/backups-service.ts';
import { listBackups } from '../../main/core/db/backups.ts';
import type { BackupInfo } from '../../shared/data.ts';
import { dumpDatabase, fakeClock, makeCore, recordingLogger, expectOk } from '../helpers/core.ts';
import { runCli } from '../helpers/cli.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const dayMs = 86_400_000;

async function coreWithPosts(dataDir = tempDataDir()) {
  const core = await makeCore({ dataDir });
  const clientId = await makeClient(core.database.db, { name: 'Backed Up' });
  const accountId = await makeAccount(core.database.db, clientId, { handle: 'kept' });
  await makePost(core.database.db, {
    clientId,
    accountIds: [accountId],
    parts: ['Before the backup'],
  });
  return { core, clientId, accountId };
}

/** Opens the data folder's database read-only and dumps it like dumpDatabase does. */
function dumpFile(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    // Ordinary tables only, as dumpDatabase: the search index's own tables follow the parts.
    const tables = db
      .prepare(
        "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string; wr: number }[];
    return Object.fromEntries(
      tables.map(({ name, wr }) => [
        name,
        db.prepare(`SELECT * FROM "${name}" ORDER BY ${wr ? 1 : 'rowid'}`).all(),
      ]),
    );
  } finally {
    db.close();
  }
}

describe('backups and restore', () => {
  it('backs up while the core is open, lists it, and a restore brings back exactly that data', async () => {
    const dataDir = tempDataDir();
    const { core, clientId, accountId } = await coreWithPosts(dataDir);
    const backedUp = dumpDatabase(core);
    const backup = expectOk(await core.invoke('backups:create', {}));
    expect(backup).toMatchObject({ kind: 'manual', bytes: expect.any(Number) });
    expect(expectOk(await core.invoke('backups:list', {})).map((b) => b.name)).toEqual([
      backup.name,
    ]);
    // Work after the backup, which the restore will undo (and keep in the pre-restore copy).
    await makePost(core.database.db, {
      clientId,
      accountIds: [accountId],
      parts: ['After the backup'],
    });
    const afterwards = dumpDatabase(core);

    // The app holds the database: restore refuses and changes nothing.
    await expect(
      restoreBackup({
        dataDir,
        backup: backup.file,
        now: core.clock.now(),
        logger: recordingLogger(),
      }),
    ).rejects.toMatchObject({ error: { code: 'CONFLICT' } });
    expect(dumpDatabase(core)).toEqual(afterwards);
    await core.close();

    const restored = await restoreBackup({
      dataDir,
      backup: backup.file,
      now: core.clock.now() + 1000,
      logger: recordingLogger(),
    });
    expect(restored.keptAs).toMatch(/backups\/pre-restore\/starling-pre-restore-.*\.db$/);
    expect(dumpFile(path.join(dataDir, 'starling.db'))).toEqual(backedUp);
    expect(dumpFile(restored.keptAs ?? '')).toEqual(afterwards);

    const reopened = await makeCore({ dataDir });
    expect(dumpDatabase(reopened)).toEqual(backedUp);
  });

  it('refuses a damaged backup and one from a newer Starling, changing nothing', async () => {
    const dataDir = tempDataDir();
    const { core } = await coreWithPosts(dataDir);
    const backup = expectOk(await core.invoke('backups:create', {}));
    await core.close();
    const current = fs.readFileSync(path.join(dataDir, 'starling.db'));

    const truncated = path.join(tempDataDir('starling-bk-'), 'truncated.db');
    const bytes = fs.readFileSync(backup.file);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(
      restoreBackup({ dataDir, backup: truncated, now: Date.now(), logger: recordingLogger() }),
    ).rejects.toMatchObject({
      error: { code: 'DATABASE_CORRUPT', message: expect.stringContaining('truncated') },
    });

    const newer = path.join(tempDataDir('starling-bk-'), 'newer.db');
    fs.copyFileSync(backup.file, newer);
    const db = new Database(newer);
    db.prepare(
      "INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', 'x')",
    ).run();
    db.close();
    await expect(
      restoreBackup({ dataDir, backup: newer, now: Date.now(), logger: recordingLogger() }),
    ).rejects.toMatchObject({
      error: { code: 'DATABASE_TOO_NEW', message: expect.stringContaining('9999-from-the-future') },
    });

    const notOurs = path.join(tempDataDir('starling-bk-'), 'other.db');
    new Database(notOurs).exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    await expect(
      restoreBackup({ dataDir, backup: notOurs, now: Date.now(), logger: recordingLogger() }),
    ).rejects.toMatchObject({
      error: { code: 'VALIDATION', message: expect.stringContaining('not a Starling database') },
    });

    expect(fs.readFileSync(path.join(dataDir, 'starling.db')).equals(current)).toBe(true);
    expect(listBackups(dataDir).map((b) => b.kind)).toEqual(['manual']);
  });

  it('takes the daily backup once a day and keeps 7 daily and 4 weekly', async () => {
    const dataDir = tempDataDir();
    const { core } = await coreWithPosts(dataDir);
    const clock = fakeClock(Date.UTC(2026, 0, 1, 12, 0));
    const backups = createBackupsService({
      dataDir,
      sqlite: core.database.sqlite,
      now: () => clock.now(),
      logger: recordingLogger(),
    });
    const taken: (BackupInfo | null)[] = [];
    for (let day = 0; day < 60; day += 1) {
      taken.push(await backups.dailyIfDue());
      clock.advance(6 * 60 * 60 * 1000);
      taken.push(await backups.dailyIfDue()); // six hours later: not due again
      clock.advance(dayMs - 6 * 60 * 60 * 1000);
    }
    expect(taken.filter((b) => b !== null)).toHaveLength(60);
    const kept = listBackups(dataDir).filter((b) => b.kind === 'daily');
    const days = kept.map((b) => new Date(b.createdAt).toISOString().slice(0, 10));
    // The 7 newest days (1 Mar back to 23 Feb), then the newest of each of 4 older weeks.
    expect(days).toEqual([
      '2026-03-01',
      '2026-02-28',
      '2026-02-27',
      '2026-02-26',
      '2026-02-25',
      '2026-02-24',
      '2026-02-23',
      '2026-02-22',
      '2026-02-15',
      '2026-02-08',
      '2026-02-01',
    ]);
  });

  it('prunes by day and week from any list', () => {
    const at = (iso: string) => ({ name: iso, createdAt: Date.parse(`${iso}T03:00:00Z`) });
    const list = [
      '2026-05-20',
      '2026-05-20',
      '2026-05-19',
      '2026-05-01',
      '2026-04-30',
      '2026-04-01',
    ].map((d, i) => ({ ...at(d), name: `${d}-${String(i)}` }));
    // A second backup on one day goes; the rest fit in 7 days + 4 weeks.
    expect(dailyToPrune(list)).toEqual(['2026-05-20-1']);
  });

  it('refuses a truncated database at start, naming the newest good backup, and keeps the damaged file', async () => {
    const dataDir = tempDataDir();
    const { core } = await coreWithPosts(dataDir);
    const backup = expectOk(await core.invoke('backups:create', {}));
    const good = dumpDatabase(core);
    await core.close();
    const file = path.join(dataDir, 'starling.db');
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2) + 100);
    const damaged = fs.readFileSync(file);

    const ports = createNodePorts(dataDir, {
      clock: fakeClock(),
      logger: recordingLogger(),
      localTimeZone: 'UTC',
    });
    await expect(createCore({ dataDir, host: 'cli', ports })).rejects.toMatchObject({
      error: {
        code: 'DATABASE_CORRUPT',
        message: expect.stringContaining(`The newest good backup is ${backup.file}`),
      },
    });
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);

    // The CLI says the same, then restores; the damaged file is kept aside untouched.
    const refused = runCli(['--data-dir', dataDir, '--json', 'clients', 'list']);
    expect(refused.status).toBe(1);
    expect(refused.json()).toMatchObject({ error: { code: 'DATABASE_CORRUPT' } });
    const restore = runCli(['--data-dir', dataDir, '--json', 'backup', 'restore', backup.name]);
    expect(restore.stderr).toBe('');
    const kept = (restore.json() as { keptAs: string }).keptAs;
    expect(kept).toContain(path.join('backups', 'damaged'));
    expect(fs.readFileSync(kept).equals(damaged)).toBe(true);
    const reopened = await makeCore({ dataDir });
    expect(dumpDatabase(reopened)).toEqual(good);
  });
});
