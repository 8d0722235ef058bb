// Database copies taken with SQLite's online backup API, which copies a consistent
// snapshot even while the app keeps writing.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

export async function backupDatabase(sqlite: Database.Database, target: string): Promise<void> {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await sqlite.backup(target);
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
