// The CSV import as its worker thread runs it: the file is streamed and parsed in batches,
// each row checked against lookups read once, and each batch's rows handed to the writing
// thread ([Note: import pipeline] in csv-import-protocol.ts), so memory holds a few batches
// however big the file. [Note: all-or-nothing import] Every post goes into ONE transaction
// on the writing thread's own connection: a refused row (unless the user asked for
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
import { exportedRowCheck } from './csv-export-rows.ts';
import { createReportBuilder, type ReportBuilder } from './csv-import-report.ts';
import { postsPerHandOver, postsPerMessage, type ImportJob } from './csv-import-protocol.ts';
import { buildImportRows, rowNumbers, timeOrder, type PlannedPost } from './csv-import-rows.ts';
import { loadLookups } from './csv-lookups.ts';
import { placeQueuedRows, type QueuedRow } from './csv-queue-times.ts';
import { recordBatches } from './csv-records.ts';
import { readRow, type Lookups } from './csv-rows.ts';
import { countRecords, sourceBytes } from './csv-source.ts';
import { startWriter, type WriteLink } from './csv-write-link.ts';

/** Rows parsed and checked at a time: one progress report and cancel check each. */
const rowsPerBatch = 1000;

export interface ImportChannel {
  progress(phase: string, done: number, total: number | null, unit: ProgressUnit): void;
  /** Throws CANCELLED once the user asked to stop. */
  throwIfCancelled(): void;
  /** Aborted by a cancel: stops a media copy half-way. */
  signal: AbortSignal;
  /** Whether the import may commit; false when it was cancelled meanwhile. */
  mayCommit(): Promise<boolean>;
  /** Resolves when media may be copied in ([Note: sharp in workers] in csv-import-thread.ts). */
  mediaReady: () => Promise<void>;
  /** The transaction was rolled back early: other writers may go on. */
  unlocked(): void;
}

export async function runCsvImport(job: ImportJob, channel: ImportChannel): Promise<ImportReport> {
  sourceBytes(job.source);
  // Read-only: every write is the writing thread's. It sees the posts committed before the
  // import, and none after that thread took the write lock.
  const connection = openSecondConnection(job.dbFile, { readonly: true });
  let link: WriteLink | null = null;
  const onCancel = () => link?.cancel();
  channel.signal.addEventListener('abort', onCancel);
  const newId = bufferedUuidv7();
  let phase = job.dryRun ? 'checking' : 'writing';
  let writing = !job.dryRun;
  let mediaAsked = false;
  /** The file's rows (header left out), for the progress bar's total only; null until counted. */
  let expected = null as number | null;
  let counted = null as Promise<void> | null;
  /** Stops the count once the import has ended, however it ended. */
  const counting = new AbortController();
  /**
   * Counts the rows, once. A first pass over the file (about 0.1 s for 100,000 rows) stood
   * between the start and the first batch, and the writing thread waited for it; it runs
   * once the first posts are on their way instead (at once in a dry run), while this
   * thread would otherwise wait for the writing thread. The bar has no total until then.
   */
  const count = () => {
    counted ??= countRecords(job.source, counting.signal).then(
      (records) => {
        if (records !== null) expected = Math.max(0, records - 1);
      },
      // An unreadable file is the parser's to report.
      () => undefined,
    );
  };
  const stopWriting = async () => {
    writing = false;
    phase = 'checking';
    await link?.end();
    channel.unlocked();
  };

  try {
    // The writing thread starts (and takes the write lock) while the first rows are checked.
    if (!job.dryRun) {
      link = startWriter(
        {
          dbFile: job.dbFile,
          dataDir: job.dataDir,
          now: job.now,
          cancel: job.cancel,
          cancelledMessage: job.cancelledMessage,
        },
        (files) => {
          channel.progress('copying media', files, null, 'files');
        },
      );
    }
    let columns: ColumnMap | null = null;
    let lookups: Lookups | null = null;
    let report: ReportBuilder | null = null;
    let row = 1;
    const queued: QueuedRow[] = [];
    /**
     * Instants the file's own rows take, per account, so queued rows avoid them: kept as
     * plain lists of numbers (unboxed in V8) and made sets only when some rows are queued.
     */
    const takenAt = new Map<string, number[]>();
    /** Hands checked posts to the writing thread in time order, a message at a time. */
    const handOver = async (posts: (PlannedPost & { row: number })[], queuedRows: boolean) => {
      if (link === null || !writing || posts.length === 0 || lookups === null) return;
      const numbers = rowNumbers(lookups);
      const order = timeOrder(posts);
      const ids = new Array<string>(posts.length);
      for (let start = 0; start < order.length; start += postsPerMessage) {
        const chunk = order.slice(start, start + postsPerMessage);
        const built = buildImportRows(
          chunk.map((i) => posts[i] as PlannedPost),
          { newId, at: job.now, numbers },
        );
        chunk.forEach((i, k) => (ids[i] = built.postIds[k] ?? ''));
        if (built.media.length > 0 && !mediaAsked) {
          mediaAsked = true;
          await channel.mediaReady();
        }
        await link.write(built);
      }
      report?.written(
        posts.map((p) => p.row),
        ids,
        queuedRows,
      );
      count();
    };
    /** Checked posts not yet handed over, and how many were. */
    let ready: (PlannedPost & { row: number })[] = [];
    let handedOver = 0;
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
      const exported = await exportedRowCheck(connection.db, columns, records);
      for (const record of records) {
        row += 1;
        report.read();
        const again = exported.issue(record);
        if (again !== null) {
          report.refused(row, [again]);
          if (writing && !job.validRowsOnly) await stopWriting();
          continue;
        }
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
          let instants = takenAt.get(account.id);
          if (instants === undefined) {
            instants = [];
            takenAt.set(account.id, instants);
          }
          instants.push(plan.time.instant);
        }
        report.accepted(row, plan, plan.time, false);
        if (!writing) continue;
        ready.push({ plan, time: plan.time, row });
        // The first posts go at once: the writing thread has nothing else to start on.
        if (ready.length === (handedOver === 0 ? postsPerMessage : postsPerHandOver)) {
          handedOver += ready.length;
          await handOver(ready, false);
          ready = [];
        }
      }
      if (!writing) count();
      channel.progress(
        phase,
        row - 1,
        expected === null ? null : Math.max(expected, row - 1),
        'rows',
      );
      channel.throwIfCancelled();
    }
    if (report === null) throw failure('VALIDATION', 'The CSV file is empty.');
    await handOver(ready, false);
    ready = [];

    // Queue slots are read once no other process can write: the writing thread holds the
    // lock from here to the commit.
    if (writing && queued.length > 0) await link?.ready();
    const { placed, refused } = await placeQueuedRows(
      queued,
      createQueueSlots(connection.db, { clock: { now: () => job.now }, newId }),
      job.now,
      new Map(
        queued.length === 0 ? [] : [...takenAt].map(([id, instants]) => [id, new Set(instants)]),
      ),
    );
    for (const r of refused) report.refused(r.row, r.issues);
    if (refused.length > 0 && writing && !job.validRowsOnly) await stopWriting();
    for (const p of placed) report.accepted(p.row, p.plan, p.time, true);
    await handOver(placed, true);
    if (!writing) report.unwritten();
    channel.progress(phase, row - 1, row - 1, 'rows');

    const built = report.report();
    if (link === null) return built;
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
    await link.flush();
    channel.throwIfCancelled();
    // Asked on the main thread, where a cancel is answered: from here it is refused.
    if (!(await channel.mayCommit())) throw failure('CANCELLED', job.cancelledMessage);
    await link.commit();
    return built;
  } finally {
    channel.signal.removeEventListener('abort', onCancel);
    // Rolls back unless committed; either way the writing thread has ended after this.
    await link?.end();
    counting.abort();
    await counted;
    await connection.db.destroy();
  }
}
