// Database copies taken with SQLite's online backup API, which copies a consistent
// snapshot even while the app keeps writing; the backups folder's layout and list; and
// the checks a database file must pass before it is opened or restored.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo } from '../../../shared/data.ts';
import { failure } from '../../../shared/result.ts';

export type BackupKind = BackupInfo['kind'];

export const backupKinds: readonly BackupKind[] = ['daily', 'manual', 'pre-restore', 'pre-migrate'];

export const backupsDir = (dataDir: string): string => path.join(dataDir, 'backups');

/** Damaged databases moved aside (never deleted) before a restore. */
export const damagedDir = (dataDir: string): string => path.join(backupsDir(dataDir), 'damaged');

/** better-sqlite3's own step: pages copied between two turns of the event loop. */
const backupPagesPerStep = 100;

/** Copies the database open on `sqlite` to `target`; `onCopied` hears the share copied (0–1). */
export async function backupDatabase(
  sqlite: Database.Database,
  target: string,
  onCopied?: (fraction: number) => void,
): Promise<void> {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (onCopied === undefined) {
    await sqlite.backup(target);
    return;
  }
  await sqlite.backup(target, {
    progress: ({ totalPages, remainingPages }) => {
      if (totalPages > 0) onCopied((totalPages - remainingPages) / totalPages);
      return backupPagesPerStep;
    },
  });
  // better-sqlite3 does not call back after the last step.
  onCopied(1);
}

/** Keeps the newest `keep` .db files in `dir` (names sort by time) and deletes the rest. */
export function pruneBackups(dir: string, keep: number): void {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.db'))
    .sort();
  for (const old of files.slice(0, Math.max(0, files.length - keep))) {
    fs.rmSync(path.join(dir, old), { force: true });
  }
}

/** `2026-11-24T09-00-00-000Z`: an ISO instant that is a safe file name and sorts by time. */
export const fileStamp = (ms: number): string =>
  new Date(ms).toISOString().replaceAll(':', '-').replace('.', '-');

const stampPattern = /(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})(?:-(\d{3}))?Z/;

function stampOf(name: string): number | null {
  const m = stampPattern.exec(name);
  if (m === null) return null;
  const ms = Date.parse(
    `${m[1] ?? ''}T${m[2] ?? ''}:${m[3] ?? ''}:${m[4] ?? ''}.${m[5] ?? '000'}Z`,
  );
  return Number.isNaN(ms) ? null : ms;
}

/** Every backup in the data folder, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const found: BackupInfo[] = [];
  for (const kind of backupKinds) {
    const dir = path.join(backupsDir(dataDir), kind);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      if (!name.endsWith('.db')) continue;
      const file = path.join(dir, name);
      const stat = fs.statSync(file);
      found.push({ name, file, kind, createdAt: stampOf(name) ?? stat.mtimeMs, bytes: stat.size });
    }
  }
  return found.sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}

/**
 * Why a file is not a readable SQLite database, from its header alone (cheap enough for
 * every start): wrong magic, or shorter than the page count its header promises (a
 * truncated copy). null when the header is sound.
 */
export function headerProblem(file: string): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    return `it cannot be opened (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) return null; // SQLite treats an empty file as a new database.
    const header = Buffer.alloc(100);
    const read = fs.readSync(fd, header, 0, 100, 0);
    if (read < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\0') {
      return 'it is not an SQLite database';
    }
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    const pages = header.readUInt32BE(28);
    const headerValid = header.readUInt32BE(24) === header.readUInt32BE(92);
    if (size % pageSize !== 0 || (headerValid && pages * pageSize > size)) {
      return `it is truncated (${String(size)} bytes where ${String(pages * pageSize)} are expected)`;
    }
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

export interface CheckedDatabase {
  /** Applied migration names, oldest first. */
  applied: string[];
}

/**
 * How deep a check goes: 'header' reads the header, the schema and the migrations (a few
 * pages, for starts of big databases), 'quick' adds SQLite's quick_check over every page,
 * 'full' its integrity_check (before a restore).
 */
export type CheckLevel = 'header' | 'quick' | 'full';

/**
 * Reads a Starling database file read-only and checks it to `level`, then reads its
 * migrations table. Throws DATABASE_CORRUPT with the reason; never writes to the file.
 */
export function checkDatabaseFile(
  file: string,
  options: { level: CheckLevel; migrationTable: string },
): CheckedDatabase {
  const corrupt = (reason: string) =>
    failure('DATABASE_CORRUPT', `${file} cannot be used: ${reason}.`, {
      details: { file, reason },
    });
  const problem = headerProblem(file);
  if (problem !== null) throw corrupt(problem);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw corrupt(`SQLite cannot open it (${(error as Error).message})`);
  }
  try {
    if (options.level !== 'header') {
      const damage = integrityProblems(
        db,
        options.level === 'full' ? 'integrity_check' : 'quick_check',
      );
      if (damage !== null) throw corrupt(damage);
    }
    // Reading the whole schema touches its pages: a garbled one fails here.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const table = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(options.migrationTable);
    if (table === undefined) return { applied: [] };
    const applied = db
      .prepare(`SELECT name FROM ${options.migrationTable} ORDER BY name`)
      .all() as { name: string }[];
    return { applied: applied.map((r) => r.name) };
  } catch (error) {
    if (error instanceof Error && error.name === 'AppFailure') throw error;
    throw corrupt(`SQLite cannot read it (${(error as Error).message})`);
  } finally {
    db.close();
  }
}

/** SQLite's own verdict on an open database: null when it says ok, else what it found. */
export function integrityProblems(
  db: Database.Database,
  pragma: 'quick_check' | 'integrity_check',
): string | null {
  const rows = db.pragma(pragma) as Record<string, string>[];
  const messages = rows.map((r) => Object.values(r)[0] ?? '');
  if (messages.length === 1 && messages[0] === 'ok') return null;
  return `SQLite's integrity check found damage (${messages.slice(0, 3).join('; ')})`;
}
