// Data in and out as the UI, CLI and push events see it: CSV import reports, exports,
// backups and client archives. Instants are epoch ms UTC.
import { z } from 'zod';
import { epochInstant } from './instant.ts';
import { lazySchema } from './lazy-schema.ts';
import { clientId } from './clients.ts';
import { operationId } from './progress.ts';
import type { PostStatus } from './post-statuses.ts';

/** One problem with one CSV row; `column` is the header as written in the file (null: the row). */
export interface ImportIssue {
  column: string | null;
  message: string;
}

/** What happens (or would happen) to one CSV row. `row` counts like a spreadsheet: header = 1. */
export interface ImportRowReport {
  row: number;
  ok: boolean;
  issues: ImportIssue[];
  /** For good rows: the handles it posts to (and those accounts' ids), when, and what. */
  handles?: string[];
  accountIds?: string[];
  clientId?: string;
  scheduledAt?: number;
  timezone?: string;
  localTime?: string;
  /** The time came from the account's free queue slots. */
  queued?: boolean;
  parts?: number;
  media?: number;
  firstLine?: string;
  /** The post written for this row (real imports). */
  postId?: string | undefined;
}

/** The accepted rows in a few figures: all of them, listed in the report's rows or not. */
export interface ImportAccepted {
  /** Accepted rows per client id. */
  byClient: Record<string, number>;
  /** The earliest and latest scheduled instants (epoch ms); null when no row is accepted. */
  from: number | null;
  to: number | null;
  /** Rows given their accounts' next free queue slots. */
  queued: number;
}

export interface ImportReport {
  dryRun: boolean;
  /** 'all': every row or nothing; 'valid-rows': the good rows, the others reported. */
  mode: 'all' | 'valid-rows';
  /** Header names as found, mapped to what they were read as. */
  columns: { header: string; field: string | null }[];
  total: number;
  valid: number;
  invalid: number;
  /** Posts written (0 on a dry run). */
  imported: number;
  /** Every post written, in file order. */
  postIds: string[];
  /**
   * [Note: bounded import report] The first `importRowsListed` rows of the file in full,
   * then only refused rows, up to `importRefusedListed` of those: a report listing each of
   * 100,000 rows would be tens of MB in every process it crosses. The counts and `accepted`
   * always cover the whole file.
   */
  rows: ImportRowReport[];
  /** Refused rows past `importRefusedListed`, counted but not listed. */
  refusedUnlisted: number;
  accepted: ImportAccepted;
}

/** Rows of a file listed in its import report whatever they hold (the UI previews as many). */
export const importRowsListed = 300;
/** Refused rows listed after those: enough to fix a file by, bounded for a file of errors. */
export const importRefusedListed = 1000;

/** Largest CSV the import reads (the UI sends its text; the CLI reads the file). */
export const csvImportMaxBytes = 64 * 1024 * 1024;

export const importCsvInput = lazySchema(() =>
  z
    .strictObject({
      /** The CSV's text, as the user picked or dropped it. Media paths cannot be resolved from here. */
      csv: z
        .string()
        .min(1, 'The CSV file is empty.')
        .max(csvImportMaxBytes, 'The CSV file is larger than 64 MB: split it.')
        .optional(),
      /**
       * Instead of the text: a file the desktop's own dialog picked (data:pick-csv); its media
       * paths resolve in its folder.
       */
      grant: z.string().min(1).max(100).optional(),
      fileName: z.string().max(255).optional(),
      clientId: clientId.optional(),
      dryRun: z.boolean(),
      validRowsOnly: z.boolean().optional(),
      /** Names this import's progress events; operations:cancel stops it (nothing written). */
      operation: operationId.optional(),
    })
    .refine((input) => (input.csv === undefined) !== (input.grant === undefined), {
      message: 'Send the CSV text, or a file chosen in this window, not both and not neither.',
    }),
);

/** A CSV the desktop's file dialog picked: named by a grant, never by its path. */
export interface PickedCsv {
  grant: string;
  fileName: string;
  bytes: number;
}

export interface BackupInfo {
  /** File name inside the backups folder. */
  name: string;
  file: string;
  kind: 'daily' | 'manual' | 'pre-restore' | 'pre-migrate';
  createdAt: number;
  bytes: number;
}

/**
 * What the first start after a restore found ([Note: restore reconciliation]): the
 * restored database brought up to date with what happened after its backup was taken.
 */
export interface RestoreSummary {
  /** Posts given what the replaced database knew (sent, held, cancelled, …). */
  updated: number;
  /** Posts stopped for the user: nothing could tell whether they went out. */
  review: number;
  /** The earliest scheduled time among those, to show them from. */
  firstReviewAt: number | null;
  /** Their posts' statuses (a partly published post may have a target to review). */
  reviewStatuses: PostStatus[];
  /** False when there was no readable record of what happened since the backup. */
  recordRead: boolean;
}

export const backupNameInput = lazySchema(() =>
  z.strictObject({
    name: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[A-Za-z0-9._-]+\.db$/, 'A backup name is a .db file name from the backups list.'),
  }),
);

export const exportFormats = ['csv', 'json', 'ics'] as const;
export type ExportFormat = (typeof exportFormats)[number];

const instantBound = lazySchema(() => epochInstant());

export const exportInput = lazySchema(() =>
  z
    .strictObject({
      format: z.enum(exportFormats, { error: 'Export as csv, json or ics.' }),
      clientId: clientId.optional(),
      /** Scheduled from (inclusive), epoch ms. */
      from: instantBound.optional(),
      /** Scheduled before (exclusive), epoch ms. */
      to: instantBound.optional(),
    })
    .refine((v) => v.from === undefined || v.to === undefined || v.from < v.to, {
      message: 'The end of the range must be after its start.',
      path: ['to'],
    }),
);

export interface ExportFile {
  fileName: string;
  mime: string;
  content: string;
  posts: number;
}
