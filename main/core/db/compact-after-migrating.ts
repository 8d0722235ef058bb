// Gives the disk back the pages an upgrade freed: SQLite keeps free pages inside the file
// for later writes, and only VACUUM returns them ([Note: compaction after migrating]).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Logger } from '../ports.ts';

/**
 * [Note: compaction after migrating] A migration that rewrites a big table (0019 rewrote
 * 20 million metric readings) leaves the old table's pages free inside the file: 5.5 GB of
 * a 10.6 GB file at a million posts. SQLite reuses them for later writes but never gives
 * them back by itself. So right after an upgrade that leaves a quarter of the file or
 * 512 MiB free, whichever is less (and at least `minFreeBytes`), the file is compacted with
 * VACUUM, once, while the app is still opening (the upgrade page says so meanwhile:
 * [Note: upgrade progress]; VACUUM writes the live pages three times, to its copy, the
 * WAL and the file: 5.5 min for the 4.8 GB of a million posts on a busy 2-core machine).
 *
 * Why VACUUM after the upgrade and not auto_vacuum = INCREMENTAL with incremental_vacuum
 * in the daily upkeep: turning auto_vacuum on takes a full VACUUM anyway, every later
 * write then keeps pointer-map pages up to date, and an incremental vacuum of gigabytes
 * moves pages one by one behind the user's writes. Pages freed by everyday deletes are few
 * and reused; only migrations free gigabytes at once, and they run at one known moment.
 *
 * What it needs: VACUUM writes the compacted copy to SQLite's temporary folder and then
 * the whole of it through the WAL, so about twice the live data free on disk. With less,
 * the file is left as it is (still correct, only bigger) and the next upgrade tries again.
 * It is one transaction: a crash, a full disk or another process writing midway leaves
 * the file as before, and the app opens it all the same.
 *
 * The search index (post_search, FTS5 with external content) is keyed by post_parts'
 * implicit rowid, which SQLite documents VACUUM may renumber (it keeps them today: the
 * copy preserves rowids). The rowid → part mapping is compared before and after; should it
 * ever differ, the index is rebuilt from the parts before the app uses it.
 */
const compactFreeShare = 0.25;
/**
 * Free pages worth compacting for whatever the file's size: half a gigabyte of the user's
 * disk is worth the minutes a big file's VACUUM takes once, at an upgrade (0032 leaves
 * about 1 GB of a 5.2 GB million-post file free, a fifth).
 */
const compactFreeEnough = 512 * 1024 * 1024;
export const compactMinFreeBytes = 64 * 1024 * 1024;

export interface PageUse {
  fileBytes: number;
  freeBytes: number;
}

function pageUse(sqlite: Database.Database): PageUse {
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  const pages = sqlite.pragma('page_count', { simple: true }) as number;
  const free = sqlite.pragma('freelist_count', { simple: true }) as number;
  return { fileBytes: pages * pageSize, freeBytes: free * pageSize };
}

export type Compaction =
  | { compacted: false; reason: 'little free' | 'disk full' | 'failed'; before: PageUse }
  | { compacted: true; before: PageUse; after: PageUse; ms: number; searchRebuilt: boolean };

/** Whether an upgrade left enough free pages to compact ([Note: compaction after migrating]). */
export function worthCompacting(use: PageUse, minFreeBytes = compactMinFreeBytes): boolean {
  const enough = Math.min(use.fileBytes * compactFreeShare, compactFreeEnough);
  return use.freeBytes >= Math.max(minFreeBytes, enough);
}

/**
 * Compacts the database open on `sqlite` (outside any transaction) when an upgrade left
 * enough free, or always when `always` (a migration in migrations/index.ts' compactAfter ran).
 */
export function compactAfterMigrating(
  sqlite: Database.Database,
  file: string,
  logger: Logger,
  minFreeBytes = compactMinFreeBytes,
  onCompacting?: () => void,
  always = false,
): Compaction {
  const before = pageUse(sqlite);
  if (!always && !worthCompacting(before, minFreeBytes))
    return { compacted: false, reason: 'little free', before };
  const liveBytes = before.fileBytes - before.freeBytes;
  const available = availableBytes(path.dirname(file));
  if (available !== null && available < 2 * liveBytes + minFreeBytes) {
    logger.warn('database not compacted: too little free disk space', {
      file,
      freeInsideBytes: before.freeBytes,
      neededBytes: 2 * liveBytes,
      availableBytes: available,
    });
    return { compacted: false, reason: 'disk full', before };
  }
  onCompacting?.();
  const started = performance.now();
  const parts = partsDigest(sqlite);
  try {
    sqlite.exec('VACUUM');
  } catch (error) {
    // A full temporary folder or another process writing: VACUUM changed nothing, and a
    // bigger file is no reason to keep the app from opening.
    logger.warn('database not compacted: VACUUM failed', { file, error: String(error) });
    return { compacted: false, reason: 'failed', before };
  }
  // The WAL now holds every page once more; write them home and give the WAL's space back.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const searchRebuilt = realignSearch(sqlite, parts);
  const after = pageUse(sqlite);
  const ms = performance.now() - started;
  logger.info('database compacted after migrating', {
    file,
    beforeBytes: before.fileBytes,
    afterBytes: after.fileBytes,
    ms: Math.round(ms),
    searchRebuilt,
  });
  return { compacted: true, before, after, ms, searchRebuilt };
}

/** Free bytes on the disk holding `dir`, or null where the platform cannot say. */
function availableBytes(dir: string): number | null {
  try {
    const stats = fs.statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

/**
 * Rebuilds the search index when the parts' rowids are no longer those of `digest` (taken
 * by partsDigest before); true when it had to.
 */
export function realignSearch(sqlite: Database.Database, digest: string | null): boolean {
  if (digest === null || partsDigest(sqlite) === digest) return false;
  sqlite.exec("INSERT INTO post_search (post_search) VALUES ('rebuild')");
  return true;
}

/**
 * A digest of which rowid holds which thread part: what the search index relies on.
 * Null when the database has no search index over the parts (a test's partial schema).
 */
export function partsDigest(sqlite: Database.Database): string | null {
  const hasIndex = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'post_search'").get();
  if (hasIndex === undefined) return null;
  const hash = crypto.createHash('sha256');
  const rows = sqlite
    .prepare('SELECT rowid, id FROM post_parts ORDER BY rowid')
    .raw()
    .iterate() as IterableIterator<[number, string]>;
  for (const [rowid, id] of rows) hash.update(`${String(rowid)} ${id}\n`);
  return hash.digest('hex');
}
