// What the thread that serves the UI and the CSV import's worker thread say to each other
// (csv-import-thread.ts and csv-import-worker.ts). Plain data: it crosses by structured
// clone. The thread runs one import at a time and every message names its import, so a
// late message of one never reaches the next. A cancel is a flag in shared memory, so the
// worker sees it between any two batches without waiting for its event loop, and a
// message, so a media copy stops too.
import { AppFailure, type AppError } from '../../../shared/result.ts';
import type { ImportReport } from '../../../shared/data.ts';
import type { ProgressUnit } from '../../../shared/progress.ts';
import type { PackedRows } from './packed-rows.ts';
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
  | { type: 'failed'; error: ThreadError }
  /** After done or failed, once its writing thread has ended too (after its checkpoint). */
  | { type: 'settled' }
);

/** An error as it crosses threads: an AppError as it is, anything else as its text. */
export type ThreadError = { known: AppError } | { unexpected: string };

export type MainMessage =
  | { type: 'run'; job: ImportJob }
  | { type: 'answer'; job: number; id: number; yes: boolean }
  | { type: 'cancel'; job: number };

/**
 * [Note: import pipeline] An import that writes runs on two threads: the import thread
 * reads, checks and builds each batch's rows (csv-import-run.ts), and a writing thread of
 * its own (csv-write-worker.ts, started per import by csv-write-link.ts) holds the
 * transaction and writes them, so checking one batch overlaps writing the one before. Rows
 * cross packed ([Note: rows packed for the writing thread] in packed-rows.ts),
 * `postsPerMessage` posts at a time: rows that small die young on both threads instead of
 * piling up in the old generation. At most `messagesInFlight` are
 * on their way (about 2,000 posts), so memory stays flat.
 */
export const postsPerMessage = 64;
export const messagesInFlight = 32;

/**
 * Checked posts handed over at a time, in time order. The time-keyed indexes (four on
 * posts, two on publish jobs) take each hand-over's posts in fewer, longer runs the more it
 * holds: writing 100,000 posts cost SQLite about 8% less CPU time in hand-overs of 4,000
 * than of 1,000 (2026-12-07), for about 2 MB more held on the checking thread.
 */
export const postsPerHandOver = 4096;

/** The writing thread's start (its workerData). */
export interface WriteJob {
  dbFile: string;
  dataDir: string;
  now: number;
  /** The import's cancel flag (ImportJob.cancel): a batch after a cancel is not written. */
  cancel: SharedArrayBuffer;
  cancelledMessage: string;
}

/** A batch as it crosses to the writing thread. */
export interface SentRows {
  rows: PackedRows;
  /** As ImportRows' media (csv-import-rows.ts). */
  media: string[];
}

/** To the writing thread, handled in order. */
export type WriteOrder =
  | { type: 'rows'; batch: SentRows }
  | { type: 'commit' }
  | { type: 'rollback' }
  /** Stops a media copy half-way (handled at once). */
  | { type: 'cancel' };

/** From the writing thread; after committed, rolled-back or failed it closes and ends. */
export type WriteReply =
  | { type: 'began' }
  | { type: 'written' }
  | { type: 'media'; files: number }
  | { type: 'committed' }
  | { type: 'rolled-back' }
  | { type: 'failed'; error: ThreadError };

export function toThreadError(error: unknown): ThreadError {
  return error instanceof AppFailure
    ? { known: error.error }
    : { unexpected: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

export function fromThreadError(error: ThreadError, what: string): Error {
  return 'known' in error
    ? new AppFailure(error.known)
    : new Error(`${what} failed: ${error.unexpected}`);
}
