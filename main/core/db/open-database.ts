// Opens starling.db in the data folder: refuses a database from a newer Starling, or a
// damaged one (naming the newest good backup), without touching it; backs up an existing
// database before migrating it, then migrates, saying what it does meanwhile
// ([Note: upgrade progress] in shared/upgrade-progress.ts).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { ensurePrivateFolder } from '../adapters/private-folder.ts';
import { StarlingSqliteDialect } from './dialect.ts';
import { setConnectionPragmas } from './second-connection.ts';
import { createWriteGate, type WriteGate } from './write-gate.ts';
import { createGroupCommit, walSync } from './group-commit.ts';
import { quickCheckInBackground } from './integrity-check-thread.ts';
import { compactAfterMigrating, compactMinFreeBytes } from './compact-after-migrating.ts';
import { Migrator, type Migration } from 'kysely/migration';
import {
  migrations as appMigrations,
  compactAfter,
  migrationDescriptions,
} from '../../../migrations/index.ts';
import type { UpgradeProgress } from '../../../shared/upgrade-progress.ts';
import { upgradeOnWorker } from './upgrade-thread.ts';
import { failure } from '../../../shared/result.ts';
import type { Schema } from './schema.ts';
import type { Logger } from '../ports.ts';
import { AppFailure } from '../../../shared/result.ts';
import {
  backupDatabase,
  checkDatabaseFile,
  listBackups,
  pruneBackups,
  type CheckedDatabase,
} from './backups.ts';

export const databaseFileName = 'starling.db';
export const migrationTable = 'kysely_migration';
const preMigrateBackupsKept = 5;

export interface OpenDatabase {
  sqlite: Database.Database;
  db: Kysely<Schema>;
  file: string;
  /** Applied migration names, oldest first. */
  applied: string[];
  /** Held by work writing on another connection; `db`'s writes wait for it ([Note: held writes]). */
  writes: WriteGate;
  /**
   * Resolves once every commit so far is on disk ([Note: group commit]). Writes through
   * `db` wait for it themselves; a write straight on `sqlite` must call it.
   */
  durable: () => Promise<void>;
  /**
   * Settles once SQLite's quick_check has passed: at once for a database checked while
   * opening, shortly after for a big one (see [Note: start-up check]). Rejects with
   * DATABASE_CORRUPT (naming the newest good backup) when it finds damage.
   */
  verified: Promise<void>;
  /** Ends a full check still running after start (the core is closing). */
  stopChecking(): Promise<void>;
}

export interface OpenDatabaseOptions {
  dataDir: string;
  now: () => number;
  logger: Logger;
  /** The app's static list unless a test passes its own. */
  migrations?: Record<string, Migration>;
  /**
   * False for a one-off command that only reads (`starling clients list`): a big database
   * then gets the header, size and schema check but not the full one after start, which
   * would take longer than the command (see [Note: start-up check]).
   */
  fullCheck?: boolean;
  /**
   * Free bytes an upgrade must leave before the file is compacted, beside a quarter of the
   * file ([Note: compaction after migrating]); tests lower it to compact small files.
   */
  compactMinFreeBytes?: number;
  /**
   * Told what an upgrade is doing ([Note: upgrade progress]): never called when no
   * migration is pending, so a normal start does no extra work.
   */
  onProgress?: (progress: UpgradeProgress) => void;
  /**
   * Upgrade an existing database on a worker thread (upgrade-worker.ts), so this thread's
   * event loop keeps serving the upgrade page for the minutes a big archive takes. Only
   * with the app's own migrations (a worker cannot be handed functions).
   */
  upgradeOnWorker?: boolean;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenDatabase> {
  const { dataDir, now, logger, migrations = appMigrations, fullCheck = true } = options;
  ensurePrivateFolder(dataDir);
  const file = path.join(dataDir, databaseFileName);
  const known = Object.keys(migrations).sort();

  // Look before writing anything: a read-only peek cannot change a newer database
  // (SQLite may add its -wal/-shm side files, never the database file itself).
  // [Note: never overwrite a damaged database] The quick integrity check runs read-only;
  // a damaged file is refused and left exactly as it is, so it can still be rescued.
  let checked = fs.existsSync(file) ? checkOnOpen(file, dataDir) : null;
  let existing = checked?.applied ?? [];
  const unknown = existing.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw failure(
      'DATABASE_TOO_NEW',
      `The database at ${file} was written by a newer version of Starling ` +
        `(it has migration ${unknown.join(', ')}, which this version does not know). ` +
        'Update Starling to open it; the file was left untouched.',
      { details: { file, unknownMigrations: unknown } },
    );
  }

  // Only an upgrade is reported: creating a new database takes milliseconds.
  const report =
    existing.length > 0 && options.onProgress !== undefined ? options.onProgress : () => undefined;
  // Checked in full and migrated just now: no second full check after start.
  let upgradedOnWorker = false;
  if (
    options.upgradeOnWorker === true &&
    options.migrations === undefined &&
    existing.length > 0 &&
    known.some((name) => !existing.includes(name))
  ) {
    await upgradeOnWorker(
      {
        dataDir,
        now: now(),
        ...(options.compactMinFreeBytes !== undefined && {
          compactMinFreeBytes: options.compactMinFreeBytes,
        }),
      },
      { onProgress: report, logger },
    );
    upgradedOnWorker = true;
    checked = checkOnOpen(file, dataDir);
    existing = checked.applied;
  }

  const sqlite = new Database(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    setConnectionPragmas(sqlite);

    const pending = known.filter((name) => !existing.includes(name));
    // Migrating writes: a big database only header-checked gets the full check first.
    if (pending.length > 0 && checked?.level === 'header') {
      report({ phase: 'checking', step: null, fraction: null });
      deepCheck(file, dataDir);
    }
    if (pending.length > 0 && existing.length > 0) {
      const dir = path.join(dataDir, 'backups', 'pre-migrate');
      const stamp = new Date(now()).toISOString().replaceAll(':', '-');
      const target = path.join(dir, `starling-${stamp}-before-${pending[0] ?? ''}.db`);
      report({ phase: 'backing-up', step: null, fraction: 0 });
      // A step copies 100 pages (25,000 steps for 10 GB): told once per whole percent.
      let percent = 0;
      await backupDatabase(sqlite, target, (fraction) => {
        if (Math.floor(fraction * 100) === percent) return;
        percent = Math.floor(fraction * 100);
        report({ phase: 'backing-up', step: null, fraction });
      });
      pruneBackups(dir, preMigrateBackupsKept);
      logger.info('database backed up before migrating', { target, pending });
    }

    const writes = createWriteGate();
    // Durable as with FULL, the syncs off this thread and shared ([Note: group commit]).
    sqlite.pragma('synchronous = NORMAL');
    const durable = createGroupCommit(walSync(sqlite, file));
    const db = new Kysely<Schema>({
      dialect: new StarlingSqliteDialect({ database: sqlite, writes, durable }),
    });
    const migrator = new Migrator({
      db,
      migrationTableName: migrationTable,
      provider: { getMigrations: () => Promise.resolve(migrations) },
    });
    // One step per call, so each migration commits in its own transaction and a failure
    // leaves the database at the last good version. Foreign keys are off meanwhile (a
    // table rebuilt to change a CHECK must not cascade its drop: [Note: CHECK rebuilds] in
    // migrations/0007-networks.ts) and checked in full before they are on again.
    if (pending.length > 0) {
      sqlite.pragma('foreign_keys = OFF');
      sqlite.pragma('legacy_alter_table = ON');
    }
    for (let i = 0; i < pending.length; i += 1) {
      const name = pending[i] ?? '';
      report({
        phase: 'migrating',
        step: {
          index: i + 1,
          count: pending.length,
          description: migrationDescriptions[name] ?? name,
        },
        fraction: i / pending.length,
      });
      const { error, results } = await migrator.migrateUp();
      if (error !== undefined) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
        throw new Error(`Migration ${failed} failed`, { cause: error });
      }
    }
    if (pending.length > 0) {
      report({ phase: 'verifying', step: null, fraction: null });
      const broken = sqlite.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) {
        throw new Error(`Migrations left ${String(broken.length)} rows with broken references`);
      }
      sqlite.pragma('legacy_alter_table = OFF');
      sqlite.pragma('foreign_keys = ON');
    }
    // An upgrade of the user's file (a new one has nothing to give back).
    if (pending.length > 0 && existing.length > 0)
      compactAfterMigrating(
        sqlite,
        file,
        logger,
        options.compactMinFreeBytes ?? compactMinFreeBytes,
        () => {
          report({ phase: 'compacting', step: null, fraction: null });
        },
        pending.some((name) => compactAfter.has(name)),
      );
    let stopChecking = () => Promise.resolve();
    const verified =
      checked?.level === 'header' && pending.length === 0 && fullCheck && !upgradedOnWorker
        ? (() => {
            // After the caller is up, on a worker thread: reads are answered meanwhile,
            // writes wait (create-core.ts), so nothing is written into a damaged file.
            const release = writes.hold();
            const check = quickCheckInBackground(file);
            let stopped = false;
            stopChecking = async () => {
              stopped = true;
              await check.stop();
            };
            return check.result.then(
              (damage) => {
                // Damage keeps writes held for good: the app then answers DATABASE_CORRUPT.
                if (damage !== null) reportDamage(file, dataDir, damage);
                release();
              },
              (error: unknown) => {
                if (stopped) throw error;
                // The thread could not look (it failed to start): check here instead.
                deepCheck(file, dataDir);
                release();
              },
            );
          })()
        : Promise.resolve();
    // Seen by whoever awaits it; never an unhandled rejection of its own.
    verified.catch(() => undefined);
    return {
      sqlite,
      db,
      file,
      applied: known,
      verified,
      writes,
      durable,
      stopChecking: () => stopChecking(),
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * [Note: start-up check] SQLite's quick_check reads every page (~170 ms for 100,000
 * posts, 30–90 s for a million: beyond any start-up budget), so before opening it
 * runs only for databases up to `quickCheckMaxBytes`; bigger ones get the header, size and
 * schema check here, the quick_check before any migration, and otherwise right after start
 * on a worker thread (`verified`) while the core's writes are held: reads are answered at
 * once, writes and background work (publishing) wait for it, and damage found turns every
 * answer into DATABASE_CORRUPT. It runs again before every daily
 * backup (backups-service.ts), which never rotates good backups out for a damaged one.
 * A one-off command that only reads (`fullCheck: false`) skips the after-start check: it
 * writes nothing a damaged file could take in, SQLite still refuses a page it cannot read,
 * and every process that writes (the app, the daemon, a command that changes something)
 * runs the check as before.
 */
export const quickCheckMaxBytes = 16 * 1024 * 1024;

function checkOnOpen(
  file: string,
  dataDir: string,
): CheckedDatabase & { level: 'quick' | 'header' } {
  const level = fs.statSync(file).size <= quickCheckMaxBytes ? 'quick' : 'header';
  return {
    ...explained(file, dataDir, () => checkDatabaseFile(file, { level, migrationTable })),
    level,
  };
}

/** Throws the DATABASE_CORRUPT a damaged file gets, explained with the newest good backup. */
function reportDamage(file: string, dataDir: string, damage: string): never {
  return explained(file, dataDir, () => {
    throw failure('DATABASE_CORRUPT', `${file} cannot be used: ${damage}.`, {
      details: { file, reason: damage },
    });
  });
}

/** The full quick_check of a database already open (read-only, on its own connection). */
function deepCheck(file: string, dataDir: string): void {
  explained(file, dataDir, () => checkDatabaseFile(file, { level: 'quick', migrationTable }));
}

/** Runs a check; damage is explained with the newest good backup to restore. */
function explained<T>(file: string, dataDir: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof AppFailure) || error.error.code !== 'DATABASE_CORRUPT') throw error;
    const backup = newestGoodBackup(dataDir);
    const found = error.error.details?.reason;
    const reason = typeof found === 'string' ? found : 'it is damaged';
    throw failure(
      'DATABASE_CORRUPT',
      `The database at ${file} cannot be read: ${reason}. It was left untouched. ` +
        (backup === null
          ? 'No good backup was found in the backups folder.'
          : `The newest good backup is ${backup} — restore it with: starling backup restore "${backup}" (the damaged file is kept in backups/damaged/).`),
      { details: { file, reason, newestGoodBackup: backup } },
    );
  }
}

/** The newest backup that passes SQLite's quick check, or null. */
export function newestGoodBackup(dataDir: string): string | null {
  for (const backup of listBackups(dataDir)) {
    try {
      checkDatabaseFile(backup.file, { level: 'quick', migrationTable });
      return backup.file;
    } catch {
      // Damaged too: try the next older one.
    }
  }
  return null;
}
