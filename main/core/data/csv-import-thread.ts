// Runs CSV imports on a worker thread (csv-import-worker.ts) and stands in for it on the
// thread that serves the UI: progress goes to the operation, a cancel goes to the worker,
// and the worker's outcome comes back as the import's answer once its database connection
// is closed. [Note: one import thread] The process keeps one such thread, started by the
// first import, reused by the next ones (a dry run and then the import, or many small files
// in a row, pay its start once) and ended after a while without work; it never keeps the
// process alive. Imports take turns on it.
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

/** How long the thread waits for another import before it ends, unless told otherwise. */
const defaultIdleMs = 20_000;

let thread: Worker | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let turn: Promise<unknown> = Promise.resolve();
let jobs = 0;
/** Imports still listening to the thread: it may rest (and end) only when none is. */
let attached = 0;
/** Imports answered but not fully ended (their writing thread still running), by job. */
const unsettled = new Map<number, PromiseWithResolvers<undefined>>();

/**
 * Resolves once every import answered so far has fully ended, its writing thread's
 * checkpoint included ([Note: checkpoint after the answer] in csv-import-writer.ts): the
 * core waits for it when it closes, so a CLI run does not exit with the WAL not copied.
 * An import still running is not waited for: closing abandons it, and it rolls back.
 */
export async function importsSettled(): Promise<void> {
  await Promise.all([...unsettled.values()].map((u) => u.promise));
}

function markSettled(job: number): void {
  unsettled.get(job)?.resolve(undefined);
  unsettled.delete(job);
}

function importThread(): Worker {
  if (idleTimer !== null) clearTimeout(idleTimer);
  idleTimer = null;
  if (thread !== null) return thread;
  const worker = new Worker(workerEntry(), {
    name: 'csv-import',
    // Each batch's rows live briefly: a small nursery collects them often and keeps the
    // thread's memory at about half of V8's default (measured: +100 MB for 100,000 rows
    // instead of +200 MB) at no measurable cost in time. The old space's bound is not
    // expected to be reached (a 64 MB file's rows take far less); it is there because V8
    // lets a heap grow up to 4× its live data between full collections when the bound is
    // its default of several GB, and about 1.6× under 1 GB. Once this thread no longer
    // paused for SQLite ([Note: import pipeline]) that was the difference between +184–208
    // MB and +139–154 MB for 100,000 rows (2026-12-05), for about 0.5 s of CPU.
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 1024 },
  });
  // [Note: a thread held while it works] Unreferenced, so an idle thread does not keep the
  // process alive. Node references it again while a 'message' listener is on it (only
  // from none to one: one added before unref() would keep the next ones from doing so), so
  // runOne's listener keeps the process alive from an import's start until it settled, and
  // nothing else listens for messages.
  worker.unref();
  worker.once('exit', () => {
    if (thread === worker) thread = null;
  });
  thread = worker;
  return worker;
}

function rest(idleMs: number): void {
  if (idleTimer !== null) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = null;
    const idle = thread;
    thread = null;
    void idle?.terminate();
  }, idleMs);
  idleTimer.unref();
}

export function runInWorker(
  job: Omit<ImportJob, 'id' | 'cancel'>,
  op: Operation,
  /** Called when the worker no longer holds the database's write lock (it rolled back). */
  onUnlocked: () => void,
  idleMs = defaultIdleMs,
): Promise<ImportReport> {
  const run = turn.then(() => runOne(job, op, onUnlocked, idleMs));
  turn = run.catch(() => undefined);
  return run;
}

function runOne(
  job: Omit<ImportJob, 'id' | 'cancel'>,
  op: Operation,
  onUnlocked: () => void,
  idleMs: number,
): Promise<ImportReport> {
  const worker = importThread();
  jobs += 1;
  const id = jobs;
  const cancel = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const send = (message: MainMessage) => {
    worker.postMessage(message);
  };
  const onAbort = () => {
    Atomics.store(new Int32Array(cancel), 0, 1);
    send({ type: 'cancel', job: id });
  };

  async function answer(question: Question, asked: number): Promise<void> {
    if (question === 'commit') {
      // Here, not in the worker: a cancel is answered on this thread, so none slips past.
      const yes = !op.signal.aborted;
      if (yes) op.setCancellable(false);
      send({ type: 'answer', job: id, id: asked, yes });
      return;
    }
    // [Note: sharp in workers] On glibc Linux a thread that loads sharp must not be the only
    // one holding it when it ends (its libraries would be unloaded under it), so this
    // thread loads it first. A failure to load is the worker's to report, with the file.
    await loadSharp().catch(() => undefined);
    send({ type: 'answer', job: id, id: asked, yes: true });
  }

  return new Promise((resolve, reject) => {
    const onMessage = (message: WorkerMessage) => {
      if (message.job !== id) return;
      switch (message.type) {
        case 'progress':
          op.report(message.phase, message.done, message.total, message.unit);
          break;
        case 'ask':
          void answer(message.question, message.id);
          break;
        case 'unlocked':
          onUnlocked();
          break;
        case 'done':
          conclude(() => {
            resolve(message.report);
          });
          break;
        case 'failed':
          conclude(() => {
            reject(
              'known' in message.error
                ? new AppFailure(message.error.known)
                : new Error(`The CSV import failed: ${message.error.unexpected}`),
            );
          });
          break;
        case 'settled':
          detach();
          break;
      }
    };
    const onError = (error: Error) => {
      conclude(() => {
        reject(error);
      });
      detach();
    };
    const onExit = (code: number) => {
      conclude(() => {
        reject(new Error(`The CSV import's worker thread stopped (exit code ${String(code)}).`));
      });
      detach();
    };
    /** Running, then answered (its writing thread may still be checkpointing), then ended. */
    let stage: 'running' | 'answered' | 'ended' = 'running';
    /** The import's outcome, once. */
    function conclude(outcome: () => void): void {
      if (stage !== 'running') return;
      stage = 'answered';
      unsettled.set(id, Promise.withResolvers<undefined>());
      op.signal.removeEventListener('abort', onAbort);
      outcome();
    }
    /** Once the import has fully ended, its writing thread included. */
    function detach(): void {
      if (stage === 'ended') return;
      stage = 'ended';
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      markSettled(id);
      // The next import may have started meanwhile (imports run one after another, each
      // once the one before has answered): the thread rests only when none listens.
      attached -= 1;
      if (attached === 0) rest(idleMs);
    }
    attached += 1;
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    if (op.signal.aborted) onAbort();
    else op.signal.addEventListener('abort', onAbort, { once: true });
    send({ type: 'run', job: { ...job, id, cancel } });
  });
}
