// The import wizard's and the backups section's state: the picked CSV, its dry-run
// report, the import's outcome, and the list of backups.
import { create } from 'zustand';
import type { BackupInfo, ExportFormat, ImportReport } from '../../../../shared/data.ts';
import { getBridge } from '../../bridge/bridge.ts';

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
  /** Changes the client; a picked file is checked again for it. */
  setClient: (clientId: string) => Promise<void>;
}

export const useCsvImport = create<ImportState>()((set, get) => ({
  clientId: '',
  fileName: null,
  csv: null,
  grant: null,
  report: null,
  error: null,
  busy: null,
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
    set({ fileName, csv, grant: null, report: null, error: null, done: null, busy: 'checking' });
    const { clientId } = get();
    const result = await getBridge().invoke('data:import-csv', {
      csv,
      fileName,
      dryRun: true,
      ...(clientId !== '' && { clientId }),
    });
    if (result.ok) set({ report: result.value, busy: null });
    else set({ error: result.error.message, busy: null });
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
    const result = await getBridge().invoke('data:import-csv', {
      grant,
      dryRun: true,
      ...(clientId !== '' && { clientId }),
    });
    if (result.ok) set({ report: result.value, busy: null });
    else set({ error: result.error.message, busy: null });
  },

  async run(validRowsOnly) {
    const { csv, grant, fileName, clientId } = get();
    if (csv === null && grant === null) return;
    set({ busy: 'importing', error: null });
    const result = await getBridge().invoke('data:import-csv', {
      ...(grant !== null ? { grant } : { csv: csv ?? '' }),
      ...(fileName !== null && grant === null && { fileName }),
      ...(clientId !== '' && { clientId }),
      dryRun: false,
      validRowsOnly,
    });
    if (result.ok) set({ done: result.value, report: null, csv: null, grant: null, busy: null });
    else set({ error: result.error.message, busy: null });
  },

  reset() {
    set({
      fileName: null,
      csv: null,
      grant: null,
      report: null,
      error: null,
      busy: null,
      done: null,
    });
  },

  async setClient(clientId) {
    set({ clientId });
    const { csv, fileName, grant } = get();
    if (grant !== null) {
      set({ busy: 'checking', error: null });
      await get().check();
    } else if (csv !== null && fileName !== null) await get().pick(fileName, csv, Infinity);
  },
}));

interface BackupsState {
  backups: BackupInfo[] | null;
  error: string | null;
  busy: boolean;
  load: () => Promise<void>;
  backUpNow: () => Promise<void>;
}

export const useBackups = create<BackupsState>()((set, get) => ({
  backups: null,
  error: null,
  busy: false,

  async load() {
    const result = await getBridge().invoke('backups:list', {});
    if (result.ok) set({ backups: result.value, error: null });
    else set({ error: result.error.message });
  },

  async backUpNow() {
    if (get().busy) return;
    set({ busy: true, error: null });
    const result = await getBridge().invoke('backups:create', {});
    set({ busy: false });
    if (result.ok) await get().load();
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
