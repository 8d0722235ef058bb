// The import wizard's and the backups section's state: the picked CSV, its dry-run
// report, the import's outcome, and the list of backups.
import { create } from 'zustand';
import type { BackupInfo, ExportFormat, ImportReport } from '../../../../shared/data.ts';
import type { Result } from '../../../../shared/result.ts';
import { beginOperation, cancelOperation, endOperation } from '../../app/operations-store.ts';
import { getBridge } from '../../bridge/bridge.ts';

/** Runs one request as an operation whose progress the view shows; forgets it after. */
async function asOperation<T>(
  started: (operation: string) => void,
  request: (operation: string) => Promise<Result<T>>,
): Promise<Result<T>> {
  const operation = beginOperation();
  started(operation);
  try {
    return await request(operation);
  } finally {
    endOperation(operation);
  }
}

interface ImportState {
  /** Only this client's accounts ('' = whichever client each row's accounts belong to). */
  clientId: string;
  fileName: string | null;
  csv: string | null;
  /** A file the desktop dialog picked (its media resolve in its folder), instead of `csv`. */
  grant: string | null;
  report: ImportReport | null;
  /** What the last step said went wrong (a file that cannot be read, a refused import). */
  error: string | null;
  busy: 'checking' | 'importing' | null;
  /** The running check's or import's operation id (its progress bar), else null. */
  operation: string | null;
  /** Said after a cancel: what was (not) kept. */
  notice: string | null;
  /** The last real import's report. */
  done: ImportReport | null;
  /** `maxBytes`: what this host's channel carries (the browser host's socket: 1 MB). */
  pick: (fileName: string, csv: string, maxBytes: number) => Promise<void>;
  /** The desktop app: the main process's file dialog, then the dry run of that file. */
  choose: () => Promise<void>;
  /** The dry run of the picked file, again (e.g. for another client). */
  check: () => Promise<void>;
  run: (validRowsOnly: boolean) => Promise<void>;
  reset: () => void;
  /** Stops the running check or import (an import then writes nothing). */
  cancel: () => void;
  /** Changes the client; a picked file is checked again for it. */
  setClient: (clientId: string) => Promise<void>;
}

export const useCsvImport = create<ImportState>()((set, get) => {
  /** Ends a check or import: its value, its error, or what a cancel left. */
  function settle<T>(result: Result<T>, onValue: (value: T) => Partial<ImportState>): void {
    if (result.ok) set({ ...onValue(result.value), busy: null, operation: null });
    else if (result.error.code === 'CANCELLED') {
      set({ notice: result.error.message, busy: null, operation: null });
    } else set({ error: result.error.message, busy: null, operation: null });
  }
  return {
    clientId: '',
    fileName: null,
    csv: null,
    grant: null,
    report: null,
    error: null,
    busy: null,
    operation: null,
    notice: null,
    done: null,

    async pick(fileName, csv, maxBytes) {
      const bytes = new TextEncoder().encode(csv).length;
      if (bytes > maxBytes) {
        const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
        set({
          fileName,
          csv: null,
          report: null,
          done: null,
          busy: null,
          error: `${fileName} is ${mb(bytes)}; this window can send at most ${mb(maxBytes)}. Split the file, or import it with: starling import csv ${fileName}`,
        });
        return;
      }
      set({
        fileName,
        csv,
        grant: null,
        report: null,
        error: null,
        notice: null,
        done: null,
        busy: 'checking',
      });
      const { clientId } = get();
      const result = await asOperation(
        (operation) => {
          set({ operation });
        },
        (operation) =>
          getBridge().invoke('data:import-csv', {
            csv,
            fileName,
            dryRun: true,
            operation,
            ...(clientId !== '' && { clientId }),
          }),
      );
      settle(result, (report) => ({ report }));
    },

    async choose() {
      const picked = await getBridge().invoke('data:pick-csv', {});
      if (!picked.ok) {
        set({ error: picked.error.message });
        return;
      }
      if (picked.value.picked === null) return;
      const { grant, fileName } = picked.value.picked;
      set({ fileName, csv: null, grant, report: null, error: null, done: null, busy: 'checking' });
      await get().check();
    },

    async check() {
      const { grant, clientId } = get();
      if (grant === null) return;
      const result = await asOperation(
        (operation) => {
          set({ operation });
        },
        (operation) =>
          getBridge().invoke('data:import-csv', {
            grant,
            dryRun: true,
            operation,
            ...(clientId !== '' && { clientId }),
          }),
      );
      settle(result, (report) => ({ report }));
    },

    async run(validRowsOnly) {
      const { csv, grant, fileName, clientId } = get();
      if (csv === null && grant === null) return;
      set({ busy: 'importing', error: null, notice: null });
      const result = await asOperation(
        (operation) => {
          set({ operation });
        },
        (operation) =>
          getBridge().invoke('data:import-csv', {
            ...(grant !== null ? { grant } : { csv: csv ?? '' }),
            ...(fileName !== null && grant === null && { fileName }),
            ...(clientId !== '' && { clientId }),
            dryRun: false,
            validRowsOnly,
            operation,
          }),
      );
      // A cancelled import wrote nothing: the checked file stays, ready to import again.
      settle(result, (done) => ({ done, report: null, csv: null, grant: null }));
    },

    reset() {
      set({
        fileName: null,
        csv: null,
        grant: null,
        report: null,
        error: null,
        notice: null,
        busy: null,
        operation: null,
        done: null,
      });
    },

    cancel() {
      const { operation } = get();
      if (operation !== null) cancelOperation(operation);
    },

    async setClient(clientId) {
      set({ clientId });
      const { csv, fileName, grant } = get();
      if (grant !== null) {
        set({ busy: 'checking', error: null });
        await get().check();
      } else if (csv !== null && fileName !== null) await get().pick(fileName, csv, Infinity);
    },
  };
});

interface BackupsState {
  backups: BackupInfo[] | null;
  error: string | null;
  /** Said after a cancelled backup. */
  notice: string | null;
  busy: boolean;
  /** The running backup's operation id (its progress bar), else null. */
  operation: string | null;
  load: () => Promise<void>;
  backUpNow: () => Promise<void>;
  cancel: () => void;
}

export const useBackups = create<BackupsState>()((set, get) => ({
  backups: null,
  error: null,
  notice: null,
  busy: false,
  operation: null,

  cancel() {
    const { operation } = get();
    if (operation !== null) cancelOperation(operation);
  },

  async load() {
    const result = await getBridge().invoke('backups:list', {});
    if (result.ok) set({ backups: result.value, error: null });
    else set({ error: result.error.message });
  },

  async backUpNow() {
    if (get().busy) return;
    set({ busy: true, error: null, notice: null });
    const result = await asOperation(
      (operation) => {
        set({ operation });
      },
      (operation) => getBridge().invoke('backups:create', { operation }),
    );
    set({ busy: false, operation: null });
    if (result.ok) await get().load();
    else if (result.error.code === 'CANCELLED') set({ notice: result.error.message });
    else set({ error: result.error.message });
  },
}));

/** Asks the core for an export and hands it to the browser as a download. */
export async function downloadExport(format: ExportFormat): Promise<string | null> {
  const result = await getBridge().invoke('data:export', { format });
  if (!result.ok) return result.error.message;
  const blob = new Blob([result.value.content], { type: result.value.mime });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = result.value.fileName;
  link.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
  return null;
}
