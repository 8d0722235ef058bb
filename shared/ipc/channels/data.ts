// Data in and out: CSV import, exports, backups and client archives.
// Spread into the contract (../contract.ts) and the push events (../events.ts).
import {
  exportInput,
  importCsvInput,
  type BackupInfo,
  type ExportFile,
  type ImportReport,
  type PickedCsv,
  type RestoreSummary,
} from '../../data.ts';
import { z } from 'zod';
import { operationId } from '../../progress.ts';
import { channel, none, event, type PayloadsOf } from '../channel.ts';

export const dataChannels = {
  /**
   * Import posts from a CSV's text (the wizard's pick or drop), or from a file the desktop
   * dialog picked (`grant` from data:pick-csv). `dryRun`: report per row what would
   * happen, write nothing. Otherwise all rows in one transaction, or nothing (VALIDATION
   * with `details.report`) when any row is wrong, unless `validRowsOnly`. Media paths
   * resolve only for a picked file (in its folder); with text they are refused per row.
   * NOT_FOUND: a grant this process did not give out. `operation` names its progress
   * events (rows checked, then written); operations:cancel before the commit rolls it back
   * and it answers CANCELLED, having written nothing.
   */
  'data:import-csv': channel<ImportReport>()(() => importCsvInput),
  /**
   * The desktop app's file dialog, opened by the main process: the chosen CSV as a grant
   * (never a path) for data:import-csv; `picked` is null when the user cancelled. VALIDATION where
   * there is no dialog (the browser host: choose or drop the file in the page).
   */
  'data:pick-csv': channel<{ picked: PickedCsv | null }>()(() => none),
  /** Scheduled posts as CSV, JSON or an ICS calendar (one event per post), as text to save. */
  'data:export': channel<ExportFile>()(() => exportInput),
  /** Backups in the data folder, newest first. */
  'backups:list': channel<BackupInfo[]>()(() => none),
  /**
   * Back up the database now (SQLite's online backup API); returns the new backup.
   * `operation` names its progress events (bytes copied); operations:cancel stops it and
   * removes the partial file (CANCELLED).
   */
  'backups:create': channel<BackupInfo>()(() =>
    z.strictObject({ operation: operationId.optional() }),
  ),
} as const;

export const dataEventList = {
  /** A CSV import wrote posts (bigger imports send this instead of one post:saved each). */
  'data:posts-imported': event<{ count: number; clientIds: string[] }>(),
  /** A backup was written (daily or by hand). */
  'backup:created': event<{ backup: BackupInfo }>(),
  /** The first start after a restore brought the restored posts up to date. */
  'data:restore-reconciled': event<{ summary: RestoreSummary }>(),
} as const;

export type DataEvents = PayloadsOf<typeof dataEventList>;
