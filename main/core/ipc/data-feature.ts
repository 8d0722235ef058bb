// The data feature's handlers and background work (see ../feature.ts): CSV import,
// exports, backups by hand, and the daily backup while a publishing host runs.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { csvImportMaxBytes } from '../../../shared/data.ts';
import { failure } from '../../../shared/result.ts';
import type { dataChannels } from '../../../shared/ipc/channels/data.ts';
import { createBackupsService } from '../data/backups-service.ts';
import { writeCalendarFeed } from '../data/calendar-feed.ts';
import { createCsvImport } from '../data/csv-import.ts';
import { importsSettled } from '../data/csv-import-thread.ts';
import { exportPosts } from '../data/exports.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';
import { realTimers } from '../scheduler/timers.ts';

/**
 * How often the daily backup checks whether it is due (timers stop in sleep; this catches
 * up), and how often the subscribed calendar feed is rewritten.
 */
const dailyCheckMs = 60 * 60 * 1000;
/** How long the feed waits after a change: a burst of changes (a publishing run) rewrites it once. */
const feedDebounceMs = 60_000;

/** The CSV import over a core's database (its rows are written on a worker thread). */
export function buildCsvImport(
  context: Pick<CoreContext, 'dataDir' | 'database' | 'events'> & {
    ports: Pick<CoreContext['ports'], 'clock'>;
    threadIdleMs?: number;
  },
) {
  return createCsvImport(context);
}

export function createDataFeature(context: CoreContext): CoreFeature<keyof typeof dataChannels> {
  const { database, ports, events, operations } = context;
  const csvImport = buildCsvImport(context);
  const backups = createBackupsService({
    dataDir: context.dataDir,
    sqlite: database.sqlite,
    now: () => ports.clock.now(),
    logger: ports.logger,
    onCreated: (backup) => {
      events.emit('backup:created', { backup });
    },
  });
  const timers = ports.timers ?? realTimers;
  let timer: unknown = null;
  let feedTimer: unknown = null;
  let unsubscribe: (() => void) | null = null;
  let stopped = false;

  /** Rewrites the feed shortly after posts change, once for a burst of changes. */
  function feedSoon(): void {
    if (stopped || feedTimer !== null) return;
    feedTimer = timers.set(() => {
      feedTimer = null;
      void refreshFeed();
    }, feedDebounceMs);
  }

  async function refreshFeed(): Promise<void> {
    try {
      await writeCalendarFeed(database.db, context.dataDir, ports.clock.now());
    } catch (error) {
      ports.logger.warn('calendar feed not written', { error: String(error) });
    }
  }

  // [Note: one writer at a time] A CSV import holds the write lock on its worker's
  // connection for seconds; a backup meanwhile would start over once the import commits
  // (SQLite restarts a backup whose source another connection changed), so imports and
  // backups take turns.
  let turn: Promise<unknown> = Promise.resolve();
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = turn.then(work, work);
    turn = next.catch(() => undefined);
    return next;
  }

  async function dailyCheck(): Promise<void> {
    try {
      await exclusive(() => backups.dailyIfDue());
    } catch (error) {
      ports.logger.error('daily backup failed', { error: String(error) });
    }
    await refreshFeed();
    if (!stopped) timer = timers.set(() => void dailyCheck(), dailyCheckMs);
  }

  // Files the desktop dialog picked, by grant: the only paths the window can import from.
  const grants = new Map<string, string>();
  function pickedFile(grant: string): string {
    const file = grants.get(grant);
    if (file === undefined) {
      throw failure('NOT_FOUND', 'That file is no longer open here: choose it again.');
    }
    return file;
  }

  return {
    handlers: {
      'data:import-csv': (input) => {
        // A picked file's media resolve in its folder; pasted text has no folder.
        const picked = input.grant === undefined ? null : pickedFile(input.grant);
        return exclusive(() =>
          operations.run(
            {
              id: input.operation,
              kind: 'csv-import',
              unit: 'rows',
              cancelledMessage: 'The import was cancelled; nothing was imported.',
            },
            (op) =>
              csvImport.run(
                {
                  // The picked file is streamed from disk by the import's worker.
                  ...(picked === null ? { csv: input.csv ?? '' } : { file: picked }),
                  baseDir: picked === null ? null : path.dirname(picked),
                  clientId: input.clientId,
                  dryRun: input.dryRun,
                  validRowsOnly: input.validRowsOnly,
                },
                op,
              ),
          ),
        );
      },
      'data:pick-csv': async () => {
        if (ports.pickCsvFile === undefined) {
          throw failure(
            'VALIDATION',
            'There is no file dialog here: choose the CSV or drop it on the import box.',
          );
        }
        // The path comes from the dialog this process opened, never from the window.
        const file = await ports.pickCsvFile();
        if (file === null) return { picked: null };
        const bytes = fs.statSync(file).size;
        if (bytes > csvImportMaxBytes) {
          throw failure('VALIDATION', `${path.basename(file)} is larger than 64 MB: split it.`);
        }
        const grant = randomUUID();
        grants.set(grant, file);
        return { picked: { grant, fileName: path.basename(file), bytes } };
      },
      'data:export': (input) => exportPosts(database.db, input, ports.clock.now()),
      'backups:list': () => backups.list(),
      'backups:create': ({ operation }) =>
        exclusive(() =>
          operations.run(
            {
              id: operation,
              kind: 'backup',
              unit: 'bytes',
              cancelledMessage: 'The backup was cancelled; no file was kept.',
            },
            (op) => backups.create(op),
          ),
        ),
    },
    start: async () => {
      stopped = false;
      // A publishing host keeps the subscribed calendar current; one-shot hosts do not.
      const stopSaved = events.on('post:saved', feedSoon);
      const stopImported = events.on('data:posts-imported', feedSoon);
      unsubscribe = () => {
        stopSaved();
        stopImported();
      };
      await dailyCheck();
    },
    stop: async () => {
      // An import answered may still be copying its WAL back on its writing thread.
      await importsSettled();
      stopped = true;
      unsubscribe?.();
      unsubscribe = null;
      if (timer !== null) timers.clear(timer);
      if (feedTimer !== null) timers.clear(feedTimer);
      timer = null;
      feedTimer = null;
    },
  };
}
