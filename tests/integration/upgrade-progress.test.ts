// [Note: upgrade progress] What an upgrade of a real database left at an older migration
// reports while it opens, through the real openDatabase (on this thread) and the real
// createCore (the upgrade on its worker thread): the full check, the backup with the
// share of pages copied, each migration by number with its plain words, the check of the
// migrated data and the compaction, in that order; nothing at all for a start with
// nothing to migrate; and damage found on the worker reaches the caller as it would here.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore } from '../../main/core/create-core.ts';
import { databaseFileName, openDatabase } from '../../main/core/db/open-database.ts';
import { migrationDescriptions } from '../../migrations/index.ts';
import type { UpgradeProgress } from '../../shared/upgrade-progress.ts';
import { upgradePhaseText } from '../../shared/upgrade-progress.ts';
import { expectOk, fakeClock, recordingLogger } from '../helpers/core.ts';
import { makeOldDatabase, migrationsAfter } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const last = '0024-part-containers';
const pending = migrationsAfter(last);
/** What every upgrade from `last` reports, in order (before any compaction). */
const upgradePhases = [
  'checking',
  'backing-up',
  ...pending.map((_, i) => `migrating ${String(i + 1)}/${String(pending.length)}`),
  'verifying',
];

/** The phases in order, each run of one phase (the backup's many fractions) folded into one. */
function phases(seen: UpgradeProgress[]): string[] {
  const names = seen.map((p) =>
    p.phase === 'migrating'
      ? `migrating ${String(p.step?.index)}/${String(p.step?.count)}`
      : p.phase,
  );
  return names.filter((name, i) => name !== names[i - 1]);
}

function expectBackupFractions(seen: UpgradeProgress[]): void {
  const fractions = seen.filter((p) => p.phase === 'backing-up').map((p) => p.fraction ?? -1);
  expect(fractions[0]).toBe(0);
  expect(fractions.at(-1)).toBe(1);
  expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  // 20 MB is some 50 steps of the copy: the share moves in between, once per percent.
  expect(fractions.length).toBeGreaterThan(10);
  expect(fractions.length).toBeLessThanOrEqual(101);
}

describe('upgrade progress', () => {
  it('reports check, backup, each migration, verification and compaction in order', async () => {
    const dataDir = tempDataDir();
    // 20 MB of free pages: past the 16 MB up to which the start check is a full one, and
    // enough to be worth compacting at a lowered threshold.
    await makeOldDatabase(dataDir, { last, posts: 2000, freedBytes: 20 * 1024 * 1024 });
    const seen: UpgradeProgress[] = [];
    const opened = await openDatabase({
      dataDir,
      now: () => Date.UTC(2026, 11, 4),
      logger: recordingLogger(),
      compactMinFreeBytes: 1024 * 1024,
      onProgress: (p) => seen.push(structuredClone(p)),
    });
    try {
      expect(phases(seen)).toEqual([...upgradePhases, 'compacting']);
      expectBackupFractions(seen);
      const steps = seen.filter((p) => p.phase === 'migrating');
      expect(steps.map((p) => p.step?.description)).toEqual(
        pending.map((name) => migrationDescriptions[name]),
      );
      expect(steps.map((p) => p.fraction)).toEqual(pending.map((_, i) => i / pending.length));
      const first = steps[0];
      if (first === undefined) throw new Error('no migration step was reported');
      expect(upgradePhaseText(first)).toBe(
        `Step 1 of ${String(pending.length)}: Rebuilding the search index by client`,
      );
      // Migrated and compacted for real: the search index answers, the free pages are gone.
      const hits = opened.sqlite
        .prepare("SELECT count(*) AS n FROM post_search WHERE post_search MATCH 'sourdough'")
        .get() as { n: number };
      expect(hits.n).toBe(2000);
      expect(opened.sqlite.pragma('freelist_count', { simple: true })).toBe(0);
    } finally {
      await opened.db.destroy();
    }

    const again: UpgradeProgress[] = [];
    const reopened = await openDatabase({
      dataDir,
      now: () => Date.UTC(2026, 11, 4),
      logger: recordingLogger(),
      onProgress: (p) => again.push(p),
    });
    await reopened.db.destroy();
    expect(again).toEqual([]);
  });

  it('runs the upgrade of a core on a worker thread, reporting the same steps', async () => {
    const dataDir = tempDataDir();
    await makeOldDatabase(dataDir, { last, posts: 500, freedBytes: 20 * 1024 * 1024 });
    const logger = recordingLogger();
    const ports = createNodePorts(dataDir, { clock: fakeClock(), logger });
    const seen: UpgradeProgress[] = [];
    // The event loop keeps turning while the worker migrates: ticks are counted meanwhile.
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 1);
    const core = await createCore({
      dataDir,
      host: 'cli',
      ports,
      onUpgradeProgress: (p) => seen.push(p),
    }).finally(() => {
      clearInterval(ticker);
    });
    try {
      // 20 MB free is under the default 64 MiB, but 0037 is one of the migrations after
      // which the file is always compacted (compactAfter in migrations/index.ts).
      expect(phases(seen)).toEqual([...upgradePhases, 'compacting']);
      expectBackupFractions(seen);
      expect(ticks).toBeGreaterThan(0);
      // The worker's log lines reach the core's logger; the core opened the upgraded file.
      expect(logger.entries.map((e) => e.message)).toContain('database backed up before migrating');
      expect(core.database.applied.at(-1)).toBe(pending.at(-1));
      expect(logger.entries.map((e) => e.message)).toContain('database compacted after migrating');
      await core.database.verified;
      const clients = expectOk(await core.invoke('clients:list', {}));
      expect(clients.map((c) => c.name)).toEqual(['Bakery']);
    } finally {
      await core.close();
    }

    const again: UpgradeProgress[] = [];
    const second = await createCore({
      dataDir,
      host: 'cli',
      ports: createNodePorts(dataDir, { clock: fakeClock(), logger: recordingLogger() }),
      onUpgradeProgress: (p) => again.push(p),
    });
    await second.close();
    expect(again).toEqual([]);
  });

  it('refuses a damaged old database from the worker as DATABASE_CORRUPT, untouched', async () => {
    const dataDir = tempDataDir();
    await makeOldDatabase(dataDir, { last, posts: 10 });
    const file = path.join(dataDir, databaseFileName);
    // About 20 MB of small rows (past the full check before opening), one page garbled.
    const sqlite = new Database(file);
    sqlite.exec('CREATE TABLE ballast (n INTEGER PRIMARY KEY, filler TEXT NOT NULL)');
    const insert = sqlite.prepare('INSERT INTO ballast (filler) VALUES (?)');
    sqlite.transaction(() => {
      for (let i = 0; i < 40_000; i += 1) insert.run(`${String(i)}:${'x'.repeat(480)}`);
    })();
    const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
    sqlite.close();
    const fd = fs.openSync(file, 'r+');
    const page = Math.floor(fs.statSync(file).size / pageSize / 2);
    fs.writeSync(fd, crypto.randomBytes(pageSize), 0, pageSize, page * pageSize);
    fs.closeSync(fd);
    const damaged = fs.readFileSync(file);

    const seen: UpgradeProgress[] = [];
    await expect(
      createCore({
        dataDir,
        host: 'cli',
        ports: createNodePorts(dataDir, { clock: fakeClock(), logger: recordingLogger() }),
        onUpgradeProgress: (p) => seen.push(p),
      }),
    ).rejects.toMatchObject({
      error: { code: 'DATABASE_CORRUPT', message: expect.stringContaining('left untouched') },
    });
    expect(phases(seen)).toEqual(['checking']);
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);
  }, 60_000);
});
