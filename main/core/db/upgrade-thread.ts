// Upgrades the user's database on a worker thread (upgrade-worker.ts): the full check, the
// backup, the migrations and the compaction take minutes for a big archive, all of it
// blocking SQLite calls, and the thread that asked must keep serving the upgrade page
// meanwhile ([Note: upgrade progress]). The worker opens the file, upgrades it and closes
// it; the caller then opens it as usual, with nothing left to migrate.
import { Worker } from 'node:worker_threads';
import { failure } from '../../../shared/result.ts';
import type { UpgradeProgress } from '../../../shared/upgrade-progress.ts';
import type { Logger } from '../ports.ts';

/** The worker's entry next to this file ([Note: worker entries] in vite.electron.config.ts). */
const workerEntry = () => new URL('./upgrade-worker.ts', import.meta.url);

export interface UpgradeJob {
  dataDir: string;
  /** The instant the pre-migrate backup is named for. */
  now: number;
  compactMinFreeBytes?: number;
}

/** What the worker posts: progress and log lines while it works, then how it ended. */
export type UpgradeMessage =
  | { kind: 'progress'; progress: UpgradeProgress }
  | {
      kind: 'log';
      level: 'info' | 'warn' | 'error';
      message: string;
      fields?: Record<string, unknown>;
    }
  | { kind: 'done' }
  | {
      kind: 'failed';
      message: string;
      /** An AppFailure's code and details, so DATABASE_CORRUPT reaches the caller as such. */
      code?: string;
      details?: Record<string, unknown>;
    };

export function upgradeOnWorker(
  job: UpgradeJob,
  listeners: { onProgress: (progress: UpgradeProgress) => void; logger: Logger },
): Promise<void> {
  const worker = new Worker(workerEntry(), { name: 'database-upgrade', workerData: job });
  // Settled once the thread is gone, not at its last message: the caller opens the file
  // next, and no thread of ours should still be tearing down a connection to it (nor be
  // left for the process's exit to stop).
  return new Promise<void>((resolve, reject) => {
    let outcome: { error?: Error } | null = null;
    worker.on('message', (message: UpgradeMessage) => {
      if (message.kind === 'progress') listeners.onProgress(message.progress);
      else if (message.kind === 'log') {
        listeners.logger[message.level](message.message, message.fields);
      } else if (message.kind === 'done') outcome ??= {};
      else if (message.code !== undefined) {
        outcome ??= {
          error: failure(message.code as Parameters<typeof failure>[0], message.message, {
            ...(message.details !== undefined && { details: message.details }),
          }),
        };
      } else outcome ??= { error: new Error(message.message) };
    });
    worker.once('error', (error: Error) => {
      outcome ??= { error };
    });
    worker.once('exit', (code) => {
      const ended = outcome ?? {
        error: new Error(`The database upgrade stopped (exit code ${String(code)}).`),
      };
      if (ended.error === undefined) resolve();
      else reject(ended.error);
    });
  });
}
