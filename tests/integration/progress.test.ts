// Long work reports progress and stops cleanly: a CSV import's rows
// checked and written, a media import's and a backup's bytes and a metric sync's posts
// arrive as `operation:progressed` with growing counts and a last event done = total; a
// cancel leaves nothing behind (no post, no media file, no backup file) and answers
// CANCELLED.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import type { OperationProgress } from '../../shared/progress.ts';
import { exportClientArchive } from '../../main/core/data/client-archive-export.ts';
import { runCli } from '../helpers/cli.ts';
import { dumpDatabase, makeCore, type TestCore } from '../helpers/core.ts';
import { writeFile } from '../helpers/media-files.ts';
import { makeAccount, makeClient } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { analyticsFixture, hour } from './analytics-fixture.ts';

/** Every progress event of one operation, in order. */
function recordProgress(core: Pick<TestCore, 'events'>, operation: string) {
  const seen: OperationProgress[] = [];
  core.events.on('operation:progressed', (p) => {
    if (p.operation === operation) seen.push(p);
  });
  return seen;
}

/** Cancels `operation` from inside its first event that matches `when`. */
function cancelWhen(
  core: Pick<TestCore, 'events' | 'invoke'>,
  operation: string,
  when: (p: OperationProgress) => boolean,
) {
  let asked = false;
  core.events.on('operation:progressed', (p) => {
    if (asked) return;
    if (p.operation === operation && p.state === 'running' && when(p)) {
      asked = true;
      void core.invoke('operations:cancel', { operation });
    }
  });
  return () => asked;
}

/** Counts within one phase never go down. */
function expectGrowing(events: OperationProgress[]) {
  const byPhase = new Map<string, number[]>();
  for (const e of events) byPhase.set(e.phase, [...(byPhase.get(e.phase) ?? []), e.done]);
  for (const [phase, counts] of byPhase) {
    expect(counts, phase).toEqual([...counts].sort((a, b) => a - b));
  }
}

async function csvSetup() {
  // Every chunk reports, so a cancel lands mid-way however fast this machine's disk is.
  const core = await makeCore({ tuning: { progressIntervalMs: 0 } });
  const client = await makeClient(core.database.db, { name: 'Bakery', timezone: 'Europe/Berlin' });
  await makeAccount(core.database.db, client, { handle: 'bakery' });
  return core;
}

/** `rows` valid rows for @bakery, one a quarter hour apart in 2027. */
function bigCsv(rows: number): string {
  const lines = ['text,account,when'];
  for (let i = 0; i < rows; i += 1) {
    const at = new Date(Date.UTC(2027, 0, 1) + i * 15 * 60_000).toISOString().slice(0, 16);
    lines.push(`Fresh bread number ${String(i)},@bakery,${at}Z`);
  }
  return `${lines.join('\n')}\n`;
}

describe('CSV import progress', () => {
  it('reports rows checked and written, growing, ending with done = total', async () => {
    const core = await csvSetup();
    const checked = recordProgress(core, 'csv-0');
    const dry = await core.invoke('data:import-csv', {
      csv: bigCsv(3000),
      dryRun: true,
      operation: 'csv-0',
    });
    expect(dry).toMatchObject({ ok: true, value: { valid: 3000 } });
    expect([...new Set(checked.map((e) => e.phase))]).toEqual(['starting', 'checking']);
    expect(checked.at(-1)).toMatchObject({ done: 3000, total: 3000, state: 'done' });

    // A real import checks and writes each batch as the file streams in: one phase.
    const seen = recordProgress(core, 'csv-1');
    const result = await core.invoke('data:import-csv', {
      csv: bigCsv(3000),
      dryRun: false,
      operation: 'csv-1',
    });
    expect(result).toMatchObject({ ok: true, value: { imported: 3000 } });
    const phases = [...new Set(seen.map((e) => e.phase))];
    expect(phases).toEqual(['starting', 'writing']);
    expectGrowing(seen);
    // At least the phase's start and its end (more as time passes: ≤ 10 a second).
    expect(seen.filter((e) => e.phase === 'writing').length).toBeGreaterThanOrEqual(2);
    expect(seen.every((e) => e.kind === 'csv-import' && e.unit === 'rows')).toBe(true);
    expect(seen.at(-1)).toMatchObject({
      phase: 'writing',
      done: 3000,
      total: 3000,
      state: 'done',
      cancellable: false,
    });
    expect(seen.slice(0, -1).every((e) => e.state === 'running')).toBe(true);
  });

  it('writes nothing when cancelled while writing (the transaction rolls back)', async () => {
    const core = await csvSetup();
    const before = dumpDatabase(core);
    const seen = recordProgress(core, 'csv-2');
    const asked = cancelWhen(core, 'csv-2', (p) => p.phase === 'writing' && p.done > 0);
    const result = await core.invoke('data:import-csv', {
      csv: bigCsv(3000),
      dryRun: false,
      operation: 'csv-2',
    });
    expect(asked()).toBe(true);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED', message: 'The import was cancelled; nothing was imported.' },
    });
    expect(dumpDatabase(core)).toEqual(before);
    expect(seen.at(-1)).toMatchObject({ state: 'cancelled', phase: 'writing' });
    expect(seen.at(-1)?.done).toBeLessThan(3000);
  });

  it('writes nothing when cancelled while checking, and then imports when asked again', async () => {
    const core = await csvSetup();
    const before = dumpDatabase(core);
    // A refused first row stops the writing (all or nothing): the rest is only checked.
    const seen = recordProgress(core, 'csv-3');
    cancelWhen(core, 'csv-3', (p) => p.phase === 'checking' && p.done > 0);
    const csv = bigCsv(2000);
    const refusedFirst = csv.replace('\n', '\nWho?,@nobody,2027-01-01T09:00Z\n');
    expect(
      await core.invoke('data:import-csv', {
        csv: refusedFirst,
        dryRun: false,
        operation: 'csv-3',
      }),
    ).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(seen.at(-1)).toMatchObject({ state: 'cancelled', phase: 'checking' });
    expect(dumpDatabase(core)).toEqual(before);
    // The id is free again once the cancelled run ended.
    expect(
      await core.invoke('data:import-csv', { csv, dryRun: false, operation: 'csv-3' }),
    ).toMatchObject({ ok: true, value: { imported: 2000 } });
  });

  it('refuses to cancel an operation that is not running, and bad ids', async () => {
    const core = await csvSetup();
    expect(await core.invoke('operations:cancel', { operation: 'nothing-here' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await core.invoke('operations:cancel', { operation: '../x' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/letters, digits or dashes/) },
    });
    expect(
      await core.invoke('data:import-csv', { csv: 'text\n', dryRun: true, operation: '' }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('media import progress', () => {
  /** A 24 MB file the desktop dialog "picked". */
  function bigFile(): string {
    const bytes = Buffer.alloc(24 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i % 251;
    return writeFile(tempDataDir(), 'holiday.mov', bytes);
  }

  const storedFiles = (dataDir: string) => {
    const dir = path.join(dataDir, 'media');
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };

  it('removes the partial copy when cancelled: no file, no row', async () => {
    const file = bigFile();
    const core = await makeCore({
      ports: { pickMediaFiles: () => Promise.resolve([file]) },
      tuning: { progressIntervalMs: 0 },
    });
    const client = await makeClient(core.database.db, { name: 'Travel' });
    const seen = recordProgress(core, 'media-1');
    const asked = cancelWhen(core, 'media-1', (p) => p.done > 0);
    const result = await core.invoke('media:pick-and-import', {
      clientId: client,
      operation: 'media-1',
    });
    expect(asked()).toBe(true);
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(storedFiles(core.dataDir)).toEqual([]);
    expect(dumpDatabase(core).media_assets).toEqual([]);
    expect(seen.at(-1)).toMatchObject({ state: 'cancelled', unit: 'bytes', total: 24 * 1024 ** 2 });
    expectGrowing(seen);
  });
});

describe('backup progress', () => {
  async function coreWithRows() {
    const core = await csvSetup();
    expect(
      await core.invoke('data:import-csv', { csv: bigCsv(1500), dryRun: false }),
    ).toMatchObject({ ok: true });
    return core;
  }

  const manualBackups = (dataDir: string) => {
    const dir = path.join(dataDir, 'backups', 'manual');
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };

  it('reports bytes copied and ends with done = total = the file size', async () => {
    const core = await coreWithRows();
    const seen = recordProgress(core, 'backup-1');
    const result = await core.invoke('backups:create', { operation: 'backup-1' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expectGrowing(seen);
    const last = seen.at(-1);
    expect(last).toMatchObject({ kind: 'backup', unit: 'bytes', state: 'done' });
    expect(last?.done).toBe(last?.total);
    expect(last?.total).toBe(fs.statSync(result.value.file).size);
  });

  it('keeps no file when cancelled', async () => {
    const core = await coreWithRows();
    cancelWhen(core, 'backup-2', (p) => p.phase === 'copying');
    expect(await core.invoke('backups:create', { operation: 'backup-2' })).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED', message: 'The backup was cancelled; no file was kept.' },
    });
    expect(manualBackups(core.dataDir)).toEqual([]);
  });
});

describe('client archive progress', () => {
  it('counts the bytes written up to done = total, and a cancel keeps no archive', async () => {
    const core = await csvSetup();
    const clientId = (dumpDatabase(core).clients?.[0] as { id: string }).id;
    const dir = tempDataDir();
    const run = (id: string, out: string) =>
      core.operations.run(
        { id, kind: 'archive-export', unit: 'bytes', cancelledMessage: 'No archive was kept.' },
        (op) =>
          exportClientArchive({
            sqlite: core.database.sqlite,
            dataDir: core.dataDir,
            clientId,
            out,
            now: core.clock.now(),
            op,
          }),
      );
    const seen = recordProgress(core, 'zip-1');
    const out = path.join(dir, 'bakery.zip');
    await run('zip-1', out);
    expectGrowing(seen);
    expect(seen.at(-1)).toMatchObject({ state: 'done', unit: 'bytes' });
    expect(seen.at(-1)?.done).toBe(seen.at(-1)?.total);

    cancelWhen(core, 'zip-2', (p) => p.phase === 'writing');
    const cancelled = path.join(dir, 'cancelled.zip');
    await expect(run('zip-2', cancelled)).rejects.toMatchObject({ error: { code: 'CANCELLED' } });
    expect(fs.readdirSync(dir)).toEqual(['bakery.zip']);
  });
});

describe('metric sync progress', () => {
  it('counts the posts read up to done = total; a cancel stops before the next posts', async () => {
    const fx = await analyticsFixture();
    for (const text of ['One', 'Two', 'Three']) await fx.published(text);
    fx.core.advance(hour);

    const stopped = recordProgress(fx.core, 'sync-1');
    cancelWhen(fx.core, 'sync-1', () => true);
    expect(
      await fx.core.invoke('analytics:sync-now', { dueOnly: true, operation: 'sync-1' }),
    ).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(stopped.at(-1)).toMatchObject({ state: 'cancelled', done: 0, total: 3 });
    expect(fx.lookups()).toEqual([]);

    // Nothing was lost: the next pass reads all three.
    const seen = recordProgress(fx.core, 'sync-2');
    const result = await fx.core.invoke('analytics:sync-now', {
      dueOnly: true,
      operation: 'sync-2',
    });
    expect(result).toMatchObject({ ok: true, value: { postsRead: 3 } });
    expectGrowing(seen);
    expect(seen.at(-1)).toMatchObject({
      kind: 'metric-sync',
      unit: 'posts',
      done: 3,
      total: 3,
      state: 'done',
    });
  });
});

describe('the CLI off a terminal', () => {
  it('prints no progress when stderr is not a terminal, and one JSON document with --json', () => {
    const dataDir = tempDataDir();
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
    const client = cli('--json', 'clients', 'add', '--name', 'Bakery').json() as { id: string };
    const db = new Database(path.join(dataDir, 'starling.db'));
    db.prepare(
      `INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at)
       VALUES ('acct-1', ?, 'x', '5550001', 'bakery', 0, 0)`,
    ).run(client.id);
    db.close();
    const file = writeFile(tempDataDir(), 'plan.csv', bigCsv(600));
    const human = cli('import', 'csv', file);
    expect(human.status, human.stderr).toBe(0);
    expect(human.stdout).toContain('Imported 600 posts.');
    expect(human.stderr).toBe('');
    const backup = cli('--json', 'backup', 'create');
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stderr).toBe('');
    expect(backup.json()).toMatchObject({ kind: 'manual' });
  });
});
