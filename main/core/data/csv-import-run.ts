// The CSV import as its worker thread runs it: the file is streamed and parsed in batches,
// each row checked against lookups read once, and each batch written at once, so memory
// holds one batch however big the file. [Note: all-or-nothing import] Every post goes into
// ONE transaction on the worker's own connection: a refused row (unless the user asked for
// "the valid rows"), a malformed line, an error or a cancel rolls it all back (and takes
// the copied media back), so the file is imported whole or not at all. A dry run opens the
// database read-only and writes nothing. Rows without a time are placed in queue slots
// once the whole file is read, then written last.
import type { ImportReport } from '../../../shared/data.ts';
import { plural } from '../../../shared/plural.ts';
import type { ProgressUnit } from '../../../shared/progress.ts';
import { failure } from '../../../shared/result.ts';
import { bufferedUuidv7 } from '../adapters/buffered-uuidv7.ts';
import { openSecondConnection } from '../db/second-connection.ts';
import { createQueueSlots } from '../services/queue-slots.ts';
import { mapColumns, type ColumnMap } from './csv-columns.ts';
import { createReportBuilder, type ReportBuilder } from './csv-import-report.ts';
import type { ImportJob } from './csv-import-protocol.ts';
import { createImportWriter, type PlannedPost } from './csv-import-writer.ts';
import { loadLookups } from './csv-lookups.ts';
import { placeQueuedRows, type QueuedRow } from './csv-queue-times.ts';
import { recordBatches } from './csv-records.ts';
import { readRow, type Lookups } from './csv-rows.ts';
import { countRecords, sourceBytes } from './csv-source.ts';

/** Rows parsed, checked and written at a time: one progress report and cancel check each. */
const rowsPerBatch = 1000;

export interface ImportChannel {
  progress(phase: string, done: number, total: number | null, unit: ProgressUnit): void;
  /** Throws CANCELLED once the user asked to stop. */
  throwIfCancelled(): void;
  /** Aborted by a cancel: stops a media copy half-way. */
  signal: AbortSignal;
  /** Whether the import may commit; false when it was cancelled meanwhile. */
  mayCommit(): Promise<boolean>;
  /** Resolves when media may be copied in (see csv-import-thread.ts). */
  mediaReady: () => Promise<void>;
  /** The transaction was rolled back early: other writers may go on. */
  unlocked(): void;
}

export async function runCsvImport(job: ImportJob, channel: ImportChannel): Promise<ImportReport> {
  sourceBytes(job.source);
  // Header included; only for the progress bar's total.
  const expected = Math.max(0, (await countRecords(job.source)) - 1);
  const connection = openSecondConnection(job.dbFile, { readonly: job.dryRun });
  const ports = { clock: { now: () => job.now }, newId: bufferedUuidv7() };
  const writer = job.dryRun
    ? null
    : createImportWriter({
        connection,
        dataDir: job.dataDir,
        ports,
        signal: channel.signal,
        mediaReady: channel.mediaReady,
        onMedia: (files) => {
          channel.progress('copying media', files, null, 'files');
        },
      });
  let phase = job.dryRun ? 'checking' : 'writing';
  let writing = writer !== null;
  const stopWriting = async () => {
    writing = false;
    phase = 'checking';
    await writer?.rollback();
    channel.unlocked();
  };

  try {
    let columns: ColumnMap | null = null;
    let lookups: Lookups | null = null;
    let report: ReportBuilder | null = null;
    let row = 1;
    const queued: QueuedRow[] = [];
    /** Instants the file's own rows take, per account, so queued rows avoid them. */
    const taken = new Map<string, Set<number>>();
    for await (const batch of recordBatches(job.source, rowsPerBatch)) {
      let records = batch;
      if (columns === null || lookups === null || report === null) {
        columns = mapColumns(batch[0] ?? []);
        lookups = await loadLookups(connection.db, job.clientId, job.now, job.baseDir);
        report = createReportBuilder({
          dryRun: job.dryRun,
          validRowsOnly: job.validRowsOnly,
          columns,
        });
        records = batch.slice(1);
      }
      const ready: PlannedPost[] = [];
      const readyRows: number[] = [];
      for (const record of records) {
        row += 1;
        report.read();
        const result = readRow(record, columns, lookups);
        if (!result.ok) {
          report.refused(row, result.issues);
          if (writing && !job.validRowsOnly) await stopWriting();
          continue;
        }
        const { plan } = result;
        if (plan.time === null) {
          queued.push({ row, plan });
          continue;
        }
        for (const account of plan.accounts) {
          const instants = taken.get(account.id) ?? new Set<number>();
          instants.add(plan.time.instant);
          taken.set(account.id, instants);
        }
        report.accepted(row, plan, plan.time, false);
        if (writing) {
          ready.push({ plan, time: plan.time });
          readyRows.push(row);
        }
      }
      if (writer !== null && writing && ready.length > 0) {
        const ids = await writer.write(ready);
        report.written(
          ids.map((postId, i) => ({ row: readyRows[i] ?? 0, postId })),
          false,
        );
      }
      channel.progress(phase, row - 1, Math.max(expected, row - 1), 'rows');
      channel.throwIfCancelled();
    }
    if (report === null) throw failure('VALIDATION', 'The CSV file is empty.');

    const { placed, refused } = await placeQueuedRows(
      queued,
      createQueueSlots(connection.db, ports),
      job.now,
      taken,
    );
    for (const r of refused) report.refused(r.row, r.issues);
    if (refused.length > 0 && writing && !job.validRowsOnly) await stopWriting();
    for (const p of placed) report.accepted(p.row, p.plan, p.time, true);
    if (writer !== null && writing && placed.length > 0) {
      const ids = await writer.write(placed);
      report.written(
        ids.map((postId, i) => ({ row: placed[i]?.row ?? 0, postId })),
        true,
      );
    }
    if (!writing) report.unwritten();
    channel.progress(phase, row - 1, row - 1, 'rows');

    const built = report.report();
    if (writer === null) return built;
    if (built.total === 0) throw failure('VALIDATION', 'The CSV has a header but no rows.');
    if (built.invalid > 0 && !job.validRowsOnly) {
      throw failure(
        'VALIDATION',
        `${String(built.invalid)} of ${plural(built.total, 'row')} ${built.invalid === 1 ? 'has' : 'have'} errors, so nothing was imported. Fix ${built.invalid === 1 ? 'it' : 'them'}, or import only the valid rows.`,
        { details: { report: built } },
      );
    }
    if (built.valid === 0) {
      throw failure('VALIDATION', 'No row can be imported: every row has errors.', {
        details: { report: built },
      });
    }
    channel.throwIfCancelled();
    // Asked on the main thread, where a cancel is answered: from here it is refused.
    if (!(await channel.mayCommit())) throw failure('CANCELLED', job.cancelledMessage);
    writer.commit();
    return built;
  } catch (error) {
    await writer?.rollback();
    throw error;
  } finally {
    await connection.db.destroy();
  }
}
