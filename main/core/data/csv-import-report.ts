// The report of a CSV import, kept bounded as rows stream past ([Note: bounded import
// report] in shared/data.ts): the first rows in full, then refused rows up to a cap, and
// figures that cover every row. Post ids are kept for every row written, in file order.
import {
  importRefusedListed,
  importRowsListed,
  type ImportIssue,
  type ImportReport,
  type ImportRowReport,
} from '../../../shared/data.ts';
import type { ScheduleTime } from '../../../shared/schedule-time.ts';
import type { ColumnMap } from './csv-columns.ts';
import type { RowPlan } from './csv-rows.ts';

/**
 * Posts written, each with the file row it came from, in file order: two lists rather than
 * an object a post, which 100,000 of would keep the old generation busy.
 */
interface Written {
  rows: number[];
  postIds: string[];
}

export function createReportBuilder(options: {
  dryRun: boolean;
  validRowsOnly: boolean;
  columns: ColumnMap;
}) {
  const rows: ImportRowReport[] = [];
  /** Entries of listed rows by row number, to add post ids to. */
  const listed = new Map<number, ImportRowReport>();
  const accepted: ImportReport['accepted'] = { byClient: {}, from: null, to: null, queued: 0 };
  let total = 0;
  let valid = 0;
  let refusedListed = 0;
  let refusedUnlisted = 0;
  // Rows with a time are written batch by batch in file order, queued ones after them.
  const timed: Written = { rows: [], postIds: [] };
  const queuedWritten: Written = { rows: [], postIds: [] };

  /** Row 2 is the first after the header, as a spreadsheet counts. */
  const inFirstRows = (row: number) => row - 2 < importRowsListed;

  function list(entry: ImportRowReport): void {
    rows.push(entry);
    listed.set(entry.row, entry);
  }

  return {
    /** A row was read (counted once, however it ends). */
    read(): void {
      total += 1;
    },

    refused(row: number, issues: ImportIssue[]): void {
      if (inFirstRows(row)) {
        list({ row, ok: false, issues });
      } else if (refusedListed < importRefusedListed) {
        refusedListed += 1;
        list({ row, ok: false, issues });
      } else {
        refusedUnlisted += 1;
      }
    },

    accepted(row: number, plan: RowPlan, time: ScheduleTime, queued: boolean): void {
      valid += 1;
      accepted.byClient[plan.clientId] = (accepted.byClient[plan.clientId] ?? 0) + 1;
      accepted.from = Math.min(accepted.from ?? time.instant, time.instant);
      accepted.to = Math.max(accepted.to ?? time.instant, time.instant);
      if (queued) accepted.queued += 1;
      if (!inFirstRows(row)) return;
      list({
        row,
        ok: true,
        issues: [],
        handles: plan.accounts.map((a) => a.handle),
        accountIds: plan.accounts.map((a) => a.id),
        clientId: plan.clientId,
        scheduledAt: time.instant,
        timezone: time.zone,
        localTime: time.localTime,
        ...(queued && { queued: true }),
        parts: plan.parts.length,
        media: plan.media.length,
        firstLine: (plan.parts[0] ?? '').split('\n')[0]?.slice(0, 80) ?? '',
      });
    },

    /**
     * Posts written for rows with a time (`queued` false) or from queue slots: the file
     * rows, in file order, and their posts' ids.
     */
    written(fileRows: readonly number[], postIds: readonly string[], queued: boolean): void {
      const into = queued ? queuedWritten : timed;
      for (const [i, row] of fileRows.entries()) {
        const postId = postIds[i] ?? '';
        into.rows.push(row);
        into.postIds.push(postId);
        const entry = listed.get(row);
        if (entry !== undefined) entry.postId = postId;
      }
    },

    /** Nothing written after all (rolled back): no row keeps a post id. */
    unwritten(): void {
      for (const list of [timed, queuedWritten]) {
        list.rows = [];
        list.postIds = [];
      }
      for (const entry of rows) delete entry.postId;
    },

    invalid: () => total - valid,

    report(): ImportReport {
      const postIds = mergeByRow(timed, queuedWritten);
      return {
        dryRun: options.dryRun,
        mode: options.validRowsOnly ? 'valid-rows' : 'all',
        columns: options.columns.columns,
        total,
        valid,
        invalid: total - valid,
        imported: postIds.length,
        postIds,
        // Queued rows are settled last; the list reads in file order all the same.
        rows: rows.sort((a, b) => a.row - b.row),
        refusedUnlisted,
        accepted,
      };
    },
  };
}

export type ReportBuilder = ReturnType<typeof createReportBuilder>;

/** Two lists of posts each in file order, merged into one list of ids in file order. */
function mergeByRow(a: Written, b: Written): string[] {
  if (b.rows.length === 0) return a.postIds;
  const ids: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.rows.length || j < b.rows.length) {
    const x = a.rows[i];
    const y = b.rows[j];
    if (y === undefined || (x !== undefined && x < y)) {
      ids.push(a.postIds[i] ?? '');
      i += 1;
    } else {
      ids.push(b.postIds[j] ?? '');
      j += 1;
    }
  }
  return ids;
}
