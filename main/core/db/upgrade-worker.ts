// Entry of the database upgrade's worker thread (started by upgrade-thread.ts; bundled as a
// file of its own, see workerEntries in vite.electron.config.ts): opens the database with
// openDatabase, which checks, backs up, migrates and compacts it, posting its progress and
// log lines to the thread that waits, then closes it.
import { parentPort, workerData } from 'node:worker_threads';
import { AppFailure } from '../../../shared/result.ts';
import type { Logger } from '../ports.ts';
import { openDatabase } from './open-database.ts';
import type { UpgradeJob, UpgradeMessage } from './upgrade-thread.ts';

const port = parentPort;
if (port === null) throw new Error('upgrade-worker.ts runs as a worker thread only.');
const job = workerData as UpgradeJob;
const post = (message: UpgradeMessage) => {
  port.postMessage(message);
};
const logAt =
  (level: 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => {
    post({ kind: 'log', level, message, ...(fields !== undefined && { fields }) });
  };
const logger: Logger = { info: logAt('info'), warn: logAt('warn'), error: logAt('error') };

try {
  const opened = await openDatabase({
    dataDir: job.dataDir,
    now: () => job.now,
    logger,
    // The caller runs the full check after start if it wants one; this one migrates.
    fullCheck: false,
    ...(job.compactMinFreeBytes !== undefined && { compactMinFreeBytes: job.compactMinFreeBytes }),
    onProgress: (progress) => {
      post({ kind: 'progress', progress });
    },
  });
  await opened.durable();
  await opened.db.destroy();
  post({ kind: 'done' });
} catch (error) {
  post(
    error instanceof AppFailure
      ? {
          kind: 'failed',
          message: error.error.message,
          code: error.error.code,
          ...(error.error.details !== undefined && { details: error.error.details }),
        }
      : { kind: 'failed', message: error instanceof Error ? error.message : String(error) },
  );
}
