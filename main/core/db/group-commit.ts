// [Note: group commit] The core's connection commits with synchronous = NORMAL, which
// writes each commit into the WAL file without waiting for the disk, and every write made
// through kysely resolves only after a sync of the WAL has followed its commit (dialect.ts).
// So whoever awaits a write may act on it (send a post, tell the user) exactly as with
// synchronous = FULL: it is on disk. The difference is where the wait happens. FULL
// fsyncs inside the commit, on the thread that serves the UI and publishes, one fsync per
// commit, one after another (2–5 ms each here; at thousands of posts due together they,
// not the networks, set the pace). Here the fsync runs on libuv's thread pool, the thread
// goes on meanwhile, and every commit made while one sync runs shares the next one.
//
// Syncing the WAL file from a descriptor of our own is what FULL does at a commit: fsync
// flushes the file, not one descriptor's writes, and the WAL is append-only between
// checkpoints, so a sync makes every commit before it durable (a checkpoint syncs the WAL
// itself before copying from it). A commit read by a query in between, before its sync,
// is durable once the reader's own write is, which comes later in the same file.
import fs from 'node:fs';
import type Database from 'better-sqlite3';

/** Resolves once every commit made before the call is on disk. */
export type Durable = () => Promise<void>;

/** Runs `sync` for the waiting callers together: one at a time, each shared by all who came while the one before ran. */
export function createGroupCommit(sync: () => Promise<void>): Durable {
  let current: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  function begin(): Promise<void> {
    const run = sync().finally(() => {
      if (current === run) current = null;
    });
    current = run;
    return run;
  }
  return () => {
    if (current === null) return begin();
    // The sync running now may have begun before the caller's commit: wait for the next.
    queued ??= current
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return begin();
      });
    return queued;
  };
}

/**
 * Syncs the WAL of `sqlite` (open on `file` in WAL mode). Where that cannot be done (the
 * file system refuses), the connection goes back to synchronous = FULL for good, and a
 * checkpoint (which syncs the WAL before copying from it) covers the commits made so far.
 */
export function walSync(sqlite: Database.Database, file: string): () => Promise<void> {
  let fallback = false;
  return async () => {
    if (fallback) return;
    try {
      const handle = await fs.promises.open(`${file}-wal`, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // Closed meanwhile: SQLite checkpointed, synced and removed the WAL itself.
      if (!sqlite.open) return;
      fallback = true;
      sqlite.pragma('synchronous = FULL');
      sqlite.pragma('wal_checkpoint(PASSIVE)');
    }
  };
}
