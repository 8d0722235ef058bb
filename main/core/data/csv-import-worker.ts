// Entry of the CSV import's worker thread (started by csv-import-thread.ts; bundled as a file
// of its own by the builds, see workerEntryChunks in vite.electron.config.ts): runs each
// import it is given, one at a time, on a database connection of its own, and reports
// progress, questions and the outcome to the thread that serves the UI.
import { parentPort } from 'node:worker_threads';
import { AppFailure, failure } from '../../../shared/result.ts';
import type { ImportJob, MainMessage, Question, WorkerMessage } from './csv-import-protocol.ts';
import { runCsvImport } from './csv-import-run.ts';
import { writersEnded } from './csv-write-link.ts';

const port = parentPort;
if (port === null) throw new Error('csv-import-worker.ts runs as a worker thread only.');

/** The import running now: its cancel and the questions it waits on. */
let current: {
  id: number;
  controller: AbortController;
  waiting: Map<number, (yes: boolean) => void>;
} | null = null;
let asked = 0;

const post = (message: WorkerMessage) => {
  port.postMessage(message);
};

async function run(job: ImportJob): Promise<void> {
  const cancelFlag = new Int32Array(job.cancel);
  const state = {
    id: job.id,
    controller: new AbortController(),
    waiting: new Map<number, (yes: boolean) => void>(),
  };
  current = state;
  const ask = (question: Question) =>
    new Promise<boolean>((resolve) => {
      asked += 1;
      state.waiting.set(asked, resolve);
      post({ job: job.id, type: 'ask', id: asked, question });
    });
  try {
    const report = await runCsvImport(job, {
      progress: (phase, done, total, unit) => {
        post({ job: job.id, type: 'progress', phase, done, total, unit });
      },
      throwIfCancelled: () => {
        if (Atomics.load(cancelFlag, 0) !== 0) throw failure('CANCELLED', job.cancelledMessage);
      },
      signal: state.controller.signal,
      mayCommit: () => ask('commit'),
      mediaReady: async () => {
        await ask('media');
      },
      unlocked: () => {
        post({ job: job.id, type: 'unlocked' });
      },
    });
    post({ job: job.id, type: 'done', report });
  } catch (error) {
    post({
      job: job.id,
      type: 'failed',
      error:
        error instanceof AppFailure
          ? { known: error.error }
          : { unexpected: error instanceof Error ? (error.stack ?? error.message) : String(error) },
    });
  } finally {
    current = null;
  }
  await writersEnded();
  post({ job: job.id, type: 'settled' });
}

port.on('message', (message: MainMessage) => {
  if (message.type === 'run') {
    void run(message.job);
    return;
  }
  if (message.job !== current?.id) return;
  if (message.type === 'cancel') {
    current.controller.abort();
    return;
  }
  current.waiting.get(message.id)?.(message.yes);
  current.waiting.delete(message.id);
});
