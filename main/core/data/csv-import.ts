// Bulk scheduling from a CSV file, off the thread that serves the UI: the import runs on a
// worker thread with its own database connection (csv-import-run.ts has [Note:
// all-or-nothing import]); this side starts it, holds the core's other writes while the
// worker may hold the write lock ([Note: held writes] in db/write-gate.ts), and announces
// the posts once they are committed.
import type { ImportReport } from '../../../shared/data.ts';
import type { OpenDatabase } from '../db/open-database.ts';
import type { EventBus } from '../events.ts';
import type { Ports } from '../ports.ts';
import { silentOperation, type Operation } from '../progress/operations.ts';
import { loadSummary } from '../services/posts-read.ts';
import type { CsvSource } from './csv-source.ts';
import { runInWorker } from './csv-import-thread.ts';

export type CsvImportRequest = (
  | { /** Text a window sent (or a test wrote). */ csv: string | Buffer }
  | { /** A file on this machine, streamed from disk. */ file: string }
) & {
  /** The CSV's folder, where media paths are read; null when only the text is known. */
  baseDir: string | null;
  clientId?: string | undefined;
  dryRun: boolean;
  validRowsOnly?: boolean | undefined;
};

/** Posts announced one by one after an import; a bigger import only says how many. */
const announcedOneByOne = 200;

const cancelledMessage = 'The import was cancelled; nothing was imported.';

export function createCsvImport(deps: {
  database: Pick<OpenDatabase, 'db' | 'file' | 'writes'>;
  dataDir: string;
  ports: Pick<Ports, 'clock'>;
  events: EventBus;
  /** How long the import thread waits for another import before it ends (tests shorten it). */
  threadIdleMs?: number;
}) {
  const { database, events } = deps;
  return {
    async run(request: CsvImportRequest, op: Operation = silentOperation): Promise<ImportReport> {
      const source: CsvSource = 'file' in request ? { file: request.file } : { text: request.csv };
      // A dry run opens the database read-only: there is no lock to wait for. An import
      // waits for whatever holds the core's writes (the start-up check of a big database).
      if (!request.dryRun) await database.writes.ready();
      const release = request.dryRun ? () => undefined : database.writes.hold();
      let report: ImportReport;
      try {
        report = await runInWorker(
          {
            dbFile: database.file,
            dataDir: deps.dataDir,
            source,
            baseDir: request.baseDir,
            clientId: request.clientId,
            dryRun: request.dryRun,
            validRowsOnly: request.validRowsOnly === true,
            now: deps.ports.clock.now(),
            cancelledMessage,
          },
          op,
          release,
          deps.threadIdleMs,
        );
      } finally {
        release();
      }
      if (request.dryRun) return report;
      events.emit('data:posts-imported', {
        count: report.imported,
        clientIds: Object.keys(report.accepted.byClient),
      });
      if (report.imported <= announcedOneByOne) {
        for (const id of report.postIds) {
          events.emit('post:saved', { post: await loadSummary(database.db, id) });
        }
      }
      return report;
    },
  };
}
