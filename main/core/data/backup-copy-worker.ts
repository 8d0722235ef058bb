// Entry of the backup copy's worker thread (started by backup-copy-thread.ts; bundled as a
// file of its own, see workerEntries in vite.electron.config.ts). [Note: backup copy]
// SQLite's online backup of the database into `target`, from a read-only connection of
// its own inside one read transaction: the copy is the database as it was when the
// transaction began, and the core's commits meanwhile neither wait for it nor restart it
// (a backup restarts when another connection writes its source between steps, unless a
// read transaction spans them). Every `flushEveryBytes` copied, the copy so far is
// written out to the disk before the next step: otherwise gigabytes of the copy sit in
// the OS cache, and a publishing commit's sync of the WAL (group-commit.ts) queued for
// seconds behind their write-back (4.5 s at the end of a 5 GB copy, bench
// daily-backup-1m). The thread serving the UI and publishing only relays progress.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CopyJob, CopyMessage } from './backup-copy-thread.ts';

const port = parentPort;
if (port === null) throw new Error('backup-copy-worker.ts runs as a worker thread only.');
const job = workerData as CopyJob;
const cancelled = new Int32Array(job.cancel);
const send = (message: CopyMessage) => {
  port.postMessage(message);
};

class Cancelled extends Error {}

/** Writes out what the copy wrote so far, from a descriptor of its own opened at first use. */
function diskFlusher(file: string) {
  let fd: number | null = null;
  return {
    flush() {
      fd ??= fs.openSync(file, 'r+');
      fs.fdatasyncSync(fd);
    },
    close() {
      if (fd !== null) fs.closeSync(fd);
    },
  };
}

async function copy(): Promise<void> {
  const source = new Database(job.source, { readonly: true, fileMustExist: true });
  const target = diskFlusher(job.target);
  try {
    source.pragma('busy_timeout = 5000');
    const pageBytes = source.pragma('page_size', { simple: true }) as number;
    source.exec('BEGIN');
    // A deferred BEGIN takes its snapshot at the first read.
    source.prepare('SELECT count(*) FROM sqlite_schema').get();
    let flushed = 0;
    await source.backup(job.target, {
      progress: ({ totalPages, remainingPages }) => {
        // Thrown inside better-sqlite3's step: it closes the backup and rejects.
        if (Atomics.load(cancelled, 0) === 1) throw new Cancelled();
        const copied = (totalPages - remainingPages) * pageBytes;
        send({ type: 'progress', done: copied, total: totalPages * pageBytes });
        if (copied - flushed >= job.flushEveryBytes) {
          target.flush();
          flushed = copied;
        }
        return job.pagesPerStep;
      },
    });
    source.exec('COMMIT');
  } finally {
    target.close();
    source.close();
  }
}

copy().then(
  () => {
    send({ type: 'done' });
  },
  (error: unknown) => {
    send(
      error instanceof Cancelled
        ? { type: 'cancelled' }
        : { type: 'failed', message: error instanceof Error ? error.message : String(error) },
    );
  },
);
