// Data work on files named on this machine's command line, which never crosses IPC (a
// page must not name paths): a CSV import read beside its media, and client archives out
// and in. Each runs as an operation, so its caller shows progress and can cancel it where
// that is safe; time and ids come from the core's ports.
import path from 'node:path';
import type { CoreContext } from '../feature.ts';
import { buildCsvImport } from '../ipc/data-feature.ts';
import { exportClientArchive } from './client-archive-export.ts';
import { importClientArchive } from './client-archive-import.ts';
import type { CsvImportRequest } from './csv-import.ts';

export function createLocalFiles(context: CoreContext) {
  const { database, dataDir, ports, operations } = context;
  const csvImport = buildCsvImport(context);
  return {
    /** A CSV import; `request.baseDir` is where its media paths are read. */
    importCsv: (request: CsvImportRequest, operation: string) =>
      operations.run(
        {
          id: operation,
          kind: 'csv-import',
          unit: 'rows',
          cancelledMessage: 'The import was cancelled; nothing was imported.',
        },
        (op) => csvImport.run(request, op),
      ),
    /** One client's rows and media to a new zip at `out`. */
    exportArchive: (input: { clientId: string; out: string }, operation: string) =>
      operations.run(
        {
          id: operation,
          kind: 'archive-export',
          unit: 'bytes',
          cancelledMessage: 'The export was cancelled; no archive was kept.',
        },
        (op) =>
          exportClientArchive({
            sqlite: database.sqlite,
            dataDir,
            clientId: input.clientId,
            out: path.resolve(input.out),
            now: ports.clock.now(),
            op,
          }),
      ),
    /** A client from an archive, under new ids. */
    importArchive: async (file: string, operation: string) => {
      // It writes on the core's connection outside the gate: wait for whoever holds it.
      await database.writes.ready();
      return operations.run(
        {
          id: operation,
          kind: 'archive-import',
          unit: 'entries',
          cancelledMessage: 'The import was cancelled; nothing was imported.',
        },
        async (op) => {
          const imported = await importClientArchive({
            sqlite: database.sqlite,
            dataDir,
            file: path.resolve(file),
            newId: ports.newId,
            op,
          });
          // Committed straight on the connection: on disk before it is reported.
          await database.durable();
          return imported;
        },
      );
    },
  };
}

export type LocalFiles = ReturnType<typeof createLocalFiles>;
