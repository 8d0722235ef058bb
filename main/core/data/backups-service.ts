// Backups of starling.db: by hand ("Back up now", `starling backup create`), daily while
// a publishing host runs (kept: 7 daily and 4 weekly), and restore. [Note: restore with
// the app closed] A restore swaps the database file, so it runs without a core: the CLI
// refuses while another process holds the database, checks the backup (full integrity
// check, migrations this version knows), keeps the current database as a backup (or, if
// damaged, moves it aside untouched), then renames the checked copy into place. The next
// start carries forward from the replaced one what went out since the backup.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo } from '../../../shared/data.ts';
import { failure } from '../../../shared/result.ts';
import { migrations as appMigrations } from '../../../migrations/index.ts';
import {
  backupDatabase,
  backupsDir,
  checkDatabaseFile,
  damagedDir,
  fileStamp,
  headerProblem,
  integrityProblems,
  listBackups,
  type BackupKind,
} from '../db/backups.ts';
import { databaseFileName, migrationTable, quickCheckMaxBytes } from '../db/open-database.ts';
import { quickCheckInBackground } from '../db/integrity-check-thread.ts';
import { copyOnWorker } from './backup-copy-thread.ts';
import { markRestore, restoreMarker, unmarkRestore } from './restore-reconcile.ts';
import type { Logger } from '../ports.ts';
import { cancelledFailure, silentOperation, type Operation } from '../progress/operations.ts';

export const dailyKept = 7;
export const weeklyKept = 4;
const manualKept = 20;
const preRestoreKept = 10;
const dayMs = 24 * 60 * 60 * 1000;
const pagesPerStep = 100;
/** At most this much of the copy waits in the OS cache: all a commit's WAL sync may queue behind. */
const flushEveryBytes = 32 * 1024 * 1024;

/** Where a new backup of `kind` taken at `now` goes. */
export function backupTarget(dataDir: string, kind: BackupKind, now: number): string {
  return path.join(backupsDir(dataDir), kind, `starling-${kind}-${fileStamp(now)}.db`);
}

function infoOf(file: string, kind: BackupKind, createdAt: number): BackupInfo {
  return { name: path.basename(file), file, kind, createdAt, bytes: fs.statSync(file).size };
}

/** The Monday (UTC) of an instant's week, e.g. 2026-11-23: one key per ISO week. */
function weekKey(ms: number): string {
  const d = new Date(ms);
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - sinceMonday))
    .toISOString()
    .slice(0, 10);
}

/**
 * The daily backups to delete: kept are the newest of each of the 7 most recent days,
 * and the newest of each of the 4 most recent weeks (older than those days).
 */
export function dailyToPrune(backups: { name: string; createdAt: number }[]): string[] {
  const newestFirst = [...backups].sort((a, b) => b.createdAt - a.createdAt);
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const b of newestFirst) {
    const day = new Date(b.createdAt).toISOString().slice(0, 10);
    if (days.size < dailyKept && !days.has(day)) {
      days.add(day);
      keep.add(b.name);
    }
  }
  for (const b of newestFirst) {
    if (keep.has(b.name)) continue;
    const day = new Date(b.createdAt).toISOString().slice(0, 10);
    if (days.has(day)) continue;
    const week = weekKey(b.createdAt);
    if (weeks.size < weeklyKept && !weeks.has(week)) {
      weeks.add(week);
      keep.add(b.name);
    }
  }
  return newestFirst.filter((b) => !keep.has(b.name)).map((b) => b.name);
}

/**
 * Deletes on libuv's thread pool: unlinking a file of gigabytes takes the file system a
 * while (seconds for one just written), which on this thread would hold up publishing.
 */
async function removeFiles(files: string[]): Promise<void> {
  for (const file of files) await fs.promises.rm(file, { force: true });
}

async function pruneKind(dataDir: string, kind: BackupKind, keep: number): Promise<void> {
  const old = listBackups(dataDir)
    .filter((b) => b.kind === kind)
    .slice(keep);
  await removeFiles(old.map((b) => b.file));
}

export function createBackupsService(deps: {
  dataDir: string;
  sqlite: Database.Database;
  now: () => number;
  logger: Logger;
  onCreated?: (backup: BackupInfo) => void;
}) {
  const { dataDir, sqlite, now, logger } = deps;

  /**
   * SQLite's online backup on a worker thread, a hundred pages a step, reporting bytes
   * copied ([Note: backup copy] in backup-copy-worker.ts); a cancel stops it between steps
   * (the caller removes the partial file).
   */
  async function copyDatabase(target: string, op: Operation): Promise<void> {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const ended = await copyOnWorker(
      { source: path.join(dataDir, databaseFileName), target, pagesPerStep, flushEveryBytes },
      op,
    );
    // A cancel that came as the last step ended still keeps no file.
    if (ended === 'cancelled' || op.signal.aborted) {
      throw cancelledFailure('The backup was cancelled; no file was kept.');
    }
  }

  async function create(
    kind: 'daily' | 'manual',
    op: Operation = silentOperation,
  ): Promise<BackupInfo> {
    const at = now();
    const target = backupTarget(dataDir, kind, at);
    if (fs.existsSync(target))
      throw failure('CONFLICT', 'A backup was taken this very moment: try again.');
    // Written beside the target and renamed, so a half-written copy never looks like a backup.
    const partial = `${target}.partial`;
    try {
      await copyDatabase(partial, op);
      op.setCancellable(false);
      fs.renameSync(partial, target);
    } catch (error) {
      // The journal too: a copy stopped mid-way may leave its rollback journal beside it.
      await removeFiles([partial, `${partial}-journal`]);
      throw error;
    }
    const info = infoOf(target, kind, at);
    if (kind === 'manual') await pruneKind(dataDir, 'manual', manualKept);
    else {
      const daily = listBackups(dataDir).filter((b) => b.kind === 'daily');
      const dir = path.join(backupsDir(dataDir), 'daily');
      await removeFiles(dailyToPrune(daily).map((name) => path.join(dir, name)));
    }
    logger.info('database backed up', { kind, target });
    deps.onCreated?.(info);
    return info;
  }

  return {
    list: () => Promise.resolve(listBackups(dataDir)),
    create: (op?: Operation) => create('manual', op),
    /**
     * Takes the daily backup when the newest one is a day old or more; returns it, or
     * null. The live database is quick-checked first: a damaged one is reported and not
     * backed up, so the rotation never pushes out the good backups a restore needs.
     */
    async dailyIfDue(): Promise<BackupInfo | null> {
      const newest = listBackups(dataDir).find((b) => b.kind === 'daily');
      if (newest !== undefined && newest.createdAt > now() - dayMs && newest.createdAt <= now()) {
        return null;
      }
      // A big one on a worker thread: a full read of a million posts' database would stall
      // publishing on this thread ([Note: start-up check] in db/open-database.ts).
      const file = path.join(dataDir, databaseFileName);
      const damage =
        fs.statSync(file).size <= quickCheckMaxBytes
          ? integrityProblems(sqlite, 'quick_check')
          : await quickCheckInBackground(file).result;
      if (damage !== null) {
        throw failure(
          'DATABASE_CORRUPT',
          `The database is damaged (${damage}); no daily backup was taken, so the existing ones are kept. Quit Starling and restore the newest good backup.`,
        );
      }
      return create('daily');
    },
  };
}

export type BackupsService = ReturnType<typeof createBackupsService>;

/** A backup named by path, or by its name in the backups list. */
export function resolveBackup(dataDir: string, nameOrPath: string): string {
  if (fs.existsSync(nameOrPath)) return path.resolve(nameOrPath);
  const listed = listBackups(dataDir).find((b) => b.name === nameOrPath);
  if (listed !== undefined) return listed.file;
  throw failure(
    'NOT_FOUND',
    `No backup ${nameOrPath}: give a file path or a name from "starling backup list".`,
  );
}

export interface RestoreResult {
  restored: string;
  /** Where the database that was replaced now is. */
  keptAs: string | null;
  migrations: string[];
}

/** Refuses while another connection (the app, a daemon, serve) uses the database. */
function assertNotInUse(file: string): void {
  if (!fs.existsSync(file) || headerProblem(file) !== null) return;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0 });
    // An exclusive lock cannot be had while any other connection has the file open in WAL mode.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY') === true) {
      throw failure(
        'CONFLICT',
        'Starling is using this database right now (the app, "starling daemon" or "starling serve"): close it, then restore.',
      );
    }
    // A damaged database cannot be locked either; it is moved aside below, untouched.
  } finally {
    db?.close();
  }
}

export async function restoreBackup(options: {
  dataDir: string;
  backup: string;
  now: number;
  logger: Logger;
}): Promise<RestoreResult> {
  const { dataDir, backup, now, logger } = options;
  const current = path.join(dataDir, databaseFileName);
  if (path.resolve(backup) === path.resolve(current)) {
    throw failure('VALIDATION', 'That is the database in use, not a backup.');
  }
  // 1. The backup must be whole and from this version or older.
  const checked = checkDatabaseFile(backup, { level: 'full', migrationTable });
  if (checked.applied.length === 0) {
    throw failure('VALIDATION', `${backup} is an SQLite file but not a Starling database.`);
  }
  const known = Object.keys(appMigrations);
  const unknown = checked.applied.filter((m) => !known.includes(m));
  if (unknown.length > 0) {
    throw failure(
      'DATABASE_TOO_NEW',
      `${backup} was written by a newer version of Starling (migration ${unknown.join(', ')}): update Starling to restore it. Nothing was changed.`,
      { details: { file: backup, unknownMigrations: unknown } },
    );
  }
  assertNotInUse(current);

  // 2. Keep the current database: a backup if it is readable, else moved aside as it is.
  let keptAs: string | null = null;
  if (fs.existsSync(current)) {
    let healthy = true;
    try {
      checkDatabaseFile(current, { level: 'quick', migrationTable });
    } catch {
      healthy = false;
    }
    if (healthy) {
      keptAs = backupTarget(dataDir, 'pre-restore', now);
      const db = new Database(current, { fileMustExist: true });
      try {
        await backupDatabase(db, keptAs);
      } finally {
        db.close();
      }
      await pruneKind(dataDir, 'pre-restore', preRestoreKept);
    } else {
      const dir = path.join(damagedDir(dataDir), `starling-damaged-${fileStamp(now)}`);
      fs.mkdirSync(dir, { recursive: true });
      for (const suffix of ['', '-wal', '-shm']) {
        if (fs.existsSync(current + suffix)) {
          fs.renameSync(current + suffix, path.join(dir, databaseFileName + suffix));
        }
      }
      keptAs = path.join(dir, databaseFileName);
    }
  }

  // 3. Copy the backup beside the database, then swap it in by rename, leaving word for
  // the next start to carry forward what went out since the backup ([Note: restore
  // reconciliation]); written first, so a crash after the swap still leaves it.
  const incoming = `${current}.restoring`;
  fs.copyFileSync(backup, incoming);
  const fd = fs.openSync(incoming, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  const hadMarker = fs.existsSync(restoreMarker(dataDir));
  markRestore(dataDir, keptAs, now, keptAs !== null && keptAs.startsWith(damagedDir(dataDir)));
  try {
    for (const suffix of ['-wal', '-shm']) fs.rmSync(current + suffix, { force: true });
    fs.renameSync(incoming, current);
  } catch (error) {
    // Nothing was swapped: a marker of this restore would compare the database with itself.
    if (!hadMarker) unmarkRestore(dataDir);
    throw error;
  }
  logger.info('database restored from backup', { backup, keptAs });
  return { restored: backup, keptAs, migrations: checked.applied };
}
