// SQLite's quick_check of a whole database file on a worker thread
// (integrity-check-worker.ts), so the thread that serves the UI and publishes keeps
// answering while it reads every page (about a minute for a million posts).
import { Worker } from 'node:worker_threads';

/**
 * The worker's entry next to this file. [Note: worker entries] From the sources this is the
 * .ts file itself (Node strips its types); each build emits it as a file of its own and
 * rewrites this literal to that file's path relative to the chunk holding this code.
 */
const workerEntry = () => new URL('./integrity-check-worker.ts', import.meta.url);

export interface BackgroundCheck {
  /** The damage SQLite found, or null for a sound file; rejects if it could not look. */
  result: Promise<string | null>;
  /** Ends the check early (the core is closing); `result` then rejects. */
  stop(): Promise<void>;
}

export function quickCheckInBackground(file: string): BackgroundCheck {
  const worker = new Worker(workerEntry(), { name: 'integrity-check', workerData: { file } });
  worker.unref();
  const result = new Promise<string | null>((resolve, reject) => {
    worker.once('message', (answer: { damage: string | null } | { error: string }) => {
      if ('error' in answer) reject(new Error(answer.error));
      else resolve(answer.damage);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      reject(new Error(`The integrity check stopped (exit code ${String(code)}).`));
    });
  });
  return {
    result,
    stop: async () => {
      await worker.terminate();
    },
  };
}
