// Entry of the integrity check's worker thread (started by integrity-check-thread.ts;
// bundled as a file of its own, see workerEntryChunks in vite.electron.config.ts): runs
// SQLite's quick_check of one database file read-only on a connection of its own and
// answers with the damage found, or null.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { integrityProblems } from './backups.ts';

const port = parentPort;
if (port === null) throw new Error('integrity-check-worker.ts runs as a worker thread only.');
const { file } = workerData as { file: string };

let answer: { damage: string | null } | { error: string };
try {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    answer = { damage: integrityProblems(db, 'quick_check') };
  } finally {
    db.close();
  }
} catch (error) {
  answer = { error: error instanceof Error ? error.message : String(error) };
}
port.postMessage(answer);
