// Runs a CSV import on a worker thread (csv-import-worker.ts) and stands in for it on the
// thread that serves the UI: progress goes to the operation, a cancel goes to the worker,
// and the worker's outcome comes back as the import's answer, once the thread has ended
// (its database connection closed).
import { Worker } from 'node:worker_threads';
import type { ImportReport } from '../../../shared/data.ts';
import { AppFailure } from '../../../shared/result.ts';
import { loadSharp } from '../media/load-sharp.ts';
import type { Operation } from '../progress/operations.ts';
import type { ImportJob, MainMessage, Question, WorkerMessage } from './csv-import-protocol.ts';

/**
 * The worker's entry next to this file. [Note: worker entries] From the sources this is the
 * .ts file itself (Node strips its types); each build emits it as a file of its own and
 * rewrites this literal to that file's path relative to the chunk holding this code.
 */
const workerEntry = () => new URL('./csv-import-worker.ts', import.meta.url);

export function runInWorker(
  job: Omit<ImportJob, 'cancel'>,
  op: Operation,
  /** Called when the worker no longer holds the database's write lock (it rolled back). */
  onUnlocked: () => void,
): Promise<ImportReport> {
  const cancel = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const worker = new Worker(workerEntry(), {
    name: 'csv-import',
    workerData: { ...job, cancel },
    // Each batch's rows live briefly: a small nursery collects them often and keeps the
    // thread's memory at about half of V8's default (measured: +100 MB for 100,000 rows
    // instead of +200 MB) at no measurable cost in time. The old space is left unbounded,
    // so a file of a million short rows slows down rather than failing.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  const send = (message: MainMessage) => {
    worker.postMessage(message);
  };
  const onAbort = () => {
    Atomics.store(new Int32Array(cancel), 0, 1);
    send({ type: 'cancel' });
  };
  if (op.signal.aborted) onAbort();
  else op.signal.addEventListener('abort', onAbort, { once: true });

  async function answer(id: number, question: Question): Promise<void> {
    if (question === 'commit') {
      // Here, not in the worker: a cancel is answered on this thread, so none slips past.
      const yes = !op.signal.aborted;
      if (yes) op.setCancellable(false);
      send({ type: 'answer', id, yes });
      return;
    }
    // [Note: sharp in workers] On glibc Linux a thread that loads sharp must not be the only
    // one holding it when it ends (its libraries would be unloaded under it), so this
    // thread loads it first. A failure to load is the worker's to report, with the file.
    await loadSharp().catch(() => undefined);
    send({ type: 'answer', id, yes: true });
  }

  return new Promise((resolve, reject) => {
    let outcome: { report: ImportReport } | { error: unknown } | null = null;
    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'progress':
          op.report(message.phase, message.done, message.total, message.unit);
          break;
        case 'ask':
          void answer(message.id, message.question);
          break;
        case 'unlocked':
          onUnlocked();
          break;
        case 'done':
          outcome = { report: message.report };
          break;
        case 'failed':
          outcome = {
            error:
              'known' in message.error
                ? new AppFailure(message.error.known)
                : new Error(`The CSV import failed: ${message.error.unexpected}`),
          };
          break;
      }
    });
    worker.on('error', (error) => {
      outcome ??= { error };
    });
    worker.on('exit', (code) => {
      op.signal.removeEventListener('abort', onAbort);
      if (outcome === null) {
        reject(new Error(`The CSV import's worker thread stopped (exit code ${String(code)}).`));
      } else if ('report' in outcome) {
        resolve(outcome.report);
      } else {
        reject(outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error)));
      }
    });
  });
}
