// The backup's copy runs on a worker thread with a connection of its own ([Note: backup
// copy] in main/core/data/backup-copy-worker.ts): the core keeps committing while it
// copies, and the copy is the database as it was when the copy began, whole, never
// restarted by those commits; a cancel mid-copy keeps no file, journal included.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createBackupsService } from '../../main/core/data/backups-service.ts';
import { integrityProblems } from '../../main/core/db/backups.ts';
import type { Operation } from '../../main/core/progress/operations.ts';
import { makeCore, recordingLogger } from '../helpers/core.ts';
import { makeClient } from '../helpers/post-factories.ts';

/** An operation that calls `onReport` with each progress report. */
function watchedOperation(onReport: (done: number, total: number | null) => void) {
  const controller = new AbortController();
  const op: Operation = {
    id: 'backup-copy-test',
    signal: controller.signal,
    report: (_phase, done, total) => {
      onReport(done, total);
    },
    setCancellable: () => undefined,
    throwIfCancelled: () => undefined,
  };
  return {
    op,
    cancel: () => {
      controller.abort();
    },
  };
}

/** A core whose database is about 40 MB: a hundred steps of a hundred pages to copy. */
async function biggerCore() {
  const core = await makeCore();
  core.database.sqlite.exec(
    `CREATE TABLE filler (b BLOB);
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
     INSERT INTO filler SELECT randomblob(4000) FROM n;`,
  );
  const backups = createBackupsService({
    dataDir: core.dataDir,
    sqlite: core.database.sqlite,
    now: () => Date.now(),
    logger: recordingLogger(),
  });
  return { core, backups };
}

const clientNames = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    const names = db.prepare('SELECT name FROM clients ORDER BY name').pluck().all() as string[];
    return { names, damage: integrityProblems(db, 'integrity_check') };
  } finally {
    db.close();
  }
};

describe('the backup copy', () => {
  it('copies the database as it was at the start while the core commits between its steps', async () => {
    const { core, backups } = await biggerCore();
    await makeClient(core.database.db, { name: 'Before' });
    const writes: Promise<unknown>[] = [];
    let reports = 0;
    const { op } = watchedOperation(() => {
      reports += 1;
      // A durable commit on the core's connection at every step: it must neither wait for
      // the copy to end nor start it over.
      writes.push(makeClient(core.database.db, { name: `During ${String(reports)}` }));
    });
    const info = await backups.create(op);
    await Promise.all(writes);
    expect(reports).toBeGreaterThan(50);

    const copied = clientNames(info.file);
    expect(copied).toEqual({ names: ['Before'], damage: null });
    const live = clientNames(path.join(core.dataDir, 'starling.db'));
    expect(live.names).toHaveLength(1 + reports);
  });

  it('keeps neither the copy nor its journal when cancelled mid-copy', async () => {
    const { core, backups } = await biggerCore();
    let reports = 0;
    const watched = watchedOperation(() => {
      reports += 1;
      if (reports === 3) watched.cancel();
    });
    await expect(backups.create(watched.op)).rejects.toMatchObject({
      error: { code: 'CANCELLED' },
    });
    expect(fs.readdirSync(path.join(core.dataDir, 'backups', 'manual'))).toEqual([]);
  });
});
