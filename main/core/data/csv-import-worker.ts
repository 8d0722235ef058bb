// Entry of the CSV import's worker thread (started by csv-import-thread.ts; bundled as a file
// of its own by the builds, see workerEntries in vite.electron.config.ts): runs the import
// on its own database connection and reports progress, questions and the outcome to the
// thread that serves the UI.
import { parentPort, workerData } from 'node:worker_threads';
import { AppFailure, failure } from '../../../shared/result.ts';
import type { ImportJob, MainMessage, Question, WorkerMessage } from './csv-import-protocol.ts';
import { runCsvImport } from './csv-import-run.ts';

const port = parentPort;
if (port === null) throw new Error('csv-import-worker.ts runs as a worker thread only.');
const job = workerData as ImportJob;
const cancelFlag = new Int32Array(job.cancel);
const controller = new AbortController();
const waiting = new Map<number, (yes: boolean) => void>();
let asked = 0;

const post = (message: WorkerMessage) => {
  port.postMessage(message);
};

function onMessage(message: MainMessage): void {
  if (message.type === 'cancel') {
    controller.abort();
    return;
  }
  waiting.get(message.id)?.(message.yes);
  waiting.delete(message.id);
}
port.on('message', onMessage);

function ask(question: Question): Promise<boolean> {
  asked += 1;
  const id = asked;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    post({ type: 'ask', id, question });
  });
}

try {
  const report = await runCsvImport(job, {
    progress: (phase, done, total, unit) => {
      post({ type: 'progress', phase, done, total, unit });
    },
    throwIfCancelled: () => {
      if (Atomics.load(cancelFlag, 0) !== 0) throw failure('CANCELLED', job.cancelledMessage);
    },
    signal: controller.signal,
    mayCommit: () => ask('commit'),
    mediaReady: async () => {
      await ask('media');
    },
    unlocked: () => {
      post({ type: 'unlocked' });
    },
  });
  post({ type: 'done', report });
} catch (error) {
  post({
    type: 'failed',
    error:
      error instanceof AppFailure
        ? { known: error.error }
        : { unexpected: error instanceof Error ? (error.stack ?? error.message) : String(error) },
  });
} finally {
  // No listener left: the thread ends once its last message is on its way.
  port.off('message', onMessage);
}
