// What the thread that serves the UI and the CSV import's worker thread say to each other
// (csv-import-thread.ts and csv-import-worker.ts). Plain data: it crosses by structured
// clone. The thread runs one import at a time and every message names its import, so a
// late message of one never reaches the next. A cancel is a flag in shared memory, so the
// worker sees it between any two batches without waiting for its event loop, and a
// message, so a media copy stops too.
import type { AppError } from '../../../shared/result.ts';
import type { ImportReport } from '../../../shared/data.ts';
import type { ProgressUnit } from '../../../shared/progress.ts';
import type { CsvSource } from './csv-source.ts';

/** One import as the worker receives it. */
export interface ImportJob {
  /** Unique in this process: every message about the import carries it. */
  id: number;
  /** The database file the core has open (the worker opens its own connection). */
  dbFile: string;
  dataDir: string;
  source: CsvSource;
  /** The CSV's folder, where media paths are read; null when only the text is known. */
  baseDir: string | null;
  clientId: string | undefined;
  dryRun: boolean;
  validRowsOnly: boolean;
  /** The core's clock when the import started: "already passed" and created_at use it. */
  now: number;
  cancelledMessage: string;
  /** One Int32: 0 running, 1 cancel asked. */
  cancel: SharedArrayBuffer;
}

/** Questions the worker waits on: may it commit (not cancelled meanwhile), may it copy media. */
export type Question = 'commit' | 'media';

export type WorkerMessage = { job: number } & (
  | { type: 'progress'; phase: string; done: number; total: number | null; unit: ProgressUnit }
  | { type: 'ask'; id: number; question: Question }
  /** The worker rolled back early: other writers need not wait for it any longer. */
  | { type: 'unlocked' }
  /** Sent once the import's database connection is closed. */
  | { type: 'done'; report: ImportReport }
  | { type: 'failed'; error: { known: AppError } | { unexpected: string } }
);

export type MainMessage =
  | { type: 'run'; job: ImportJob }
  | { type: 'answer'; job: number; id: number; yes: boolean }
  | { type: 'cancel'; job: number };
