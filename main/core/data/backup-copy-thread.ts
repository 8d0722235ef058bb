// Runs a backup's copy on a worker thread (backup-copy-worker.ts, [Note: backup copy]) and
// stands in for it on the thread that serves the UI: progress goes to the operation, a
// cancel goes to the worker through a shared flag it reads between steps.
import { Worker } from 'node:worker_threads';
import type { Operation } from '../progress/operations.ts';

/**
 * The worker's entry next to this file. [Note: worker entries] From the sources this is the
 * .ts file itself (Node strips its types); each build emits it as a file of its own and
 * rewrites this literal to that file's path relative to the chunk holding this code.
 */
const workerEntry = () => new URL('./backup-copy-worker.ts', import.meta.url);

export interface CopyJob {
  source: string;
  target: string;
  pagesPerStep: number;
  /** How much of the copy may wait in the OS cache before it is written out. */
  flushEveryBytes: number;
  /** An Int32 set to 1 to stop the copy at its next step. */
  cancel: SharedArrayBuffer;
}

export type CopyMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done' }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string };

/**
 * Copies the database `source` into `target` (which must not exist). Resolves 'done', or
 * 'cancelled' when `op` was cancelled before the copy ended; the caller removes `target`.
 */
export function copyOnWorker(
  job: Omit<CopyJob, 'cancel'>,
  op: Operation,
): Promise<'done' | 'cancelled'> {
  const cancel = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const worker = new Worker(workerEntry(), { name: 'backup-copy', workerData: { ...job, cancel } });
  const onAbort = () => {
    Atomics.store(new Int32Array(cancel), 0, 1);
  };
  if (op.signal.aborted) onAbort();
  else op.signal.addEventListener('abort', onAbort, { once: true });
  return new Promise<'done' | 'cancelled'>((resolve, reject) => {
    let settled = false;
    const settle = (end: () => void) => {
      if (settled) return;
      settled = true;
      op.signal.removeEventListener('abort', onAbort);
      end();
    };
    worker.on('message', (message: CopyMessage) => {
      switch (message.type) {
        case 'progress':
          op.report('copying', message.done, message.total);
          break;
        case 'done':
          settle(() => {
            resolve('done');
          });
          break;
        case 'cancelled':
          settle(() => {
            resolve('cancelled');
          });
          break;
        case 'failed':
          settle(() => {
            reject(new Error(`The backup could not be written: ${message.message}`));
          });
          break;
      }
    });
    worker.once('error', (error: Error) => {
      settle(() => {
        reject(error);
      });
    });
    worker.once('exit', (code) => {
      settle(() => {
        reject(new Error(`The backup's worker thread stopped (exit code ${String(code)}).`));
      });
    });
  });
}
