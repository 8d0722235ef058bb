// The analytics view's state: which client, account and range are shown, the dashboard
// the core computed for them, the post whose curve is open, and the actions (sync,
// refresh a post or an account, export). Refetched on `metrics:synced` from the core.
import { create } from 'zustand';
import type { Platform } from '../../../../shared/accounts.ts';
import type {
  AnalyticsDashboard,
  PostCurve,
  ReportFile,
  ReportFormat,
  SyncResult,
} from '../../../../shared/analytics.ts';
import type { Result } from '../../../../shared/result.ts';
import { beginOperation, cancelOperation, endOperation } from '../../app/operations-store.ts';
import { getBridge } from '../../bridge/bridge.ts';

export const rangeChoices = [
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 365, label: 'Last 12 months' },
] as const;

const dayMs = 86_400_000;

interface AnalyticsState {
  clientId: string | null;
  accountId: string | null;
  /** Only the client's accounts on this network (null: every network). */
  platform: Platform | null;
  days: number;
  dashboard: AnalyticsDashboard | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadError: string | null;
  curve: PostCurve | null;
  busy: 'sync' | 'refresh-post' | 'refresh-account' | 'csv' | 'pdf' | null;
  /** The running "Sync now" (its progress bar and Cancel), else null. */
  syncOperation: string | null;
  choose: (
    patch: Partial<Pick<AnalyticsState, 'clientId' | 'accountId' | 'platform' | 'days'>>,
  ) => void;
  load: () => Promise<void>;
  openCurve: (targetId: string | null) => Promise<void>;
  /** "Sync now"; CANCELLED when stopped (what was read before is kept). */
  sync: () => Promise<Result<SyncResult>>;
  cancelSync: () => void;
  refreshPost: (targetId: string) => Promise<string | null>;
  refreshAccount: (accountId: string) => Promise<Result<SyncResult>>;
  exportReport: (format: ReportFormat) => Promise<Result<ReportFile>>;
}

/** The range ends at the next whole hour, so repeated loads ask for the same window. */
function range(days: number) {
  const to = Math.ceil((Date.now() + 1) / 3_600_000) * 3_600_000;
  return { from: to - days * dayMs, to };
}

// Loads overlap (choices, events, actions); only the newest may write.
let loadSeq = 0;

export const useAnalytics = create<AnalyticsState>()((set, get) => ({
  clientId: null,
  accountId: null,
  platform: null,
  days: 30,
  dashboard: null,
  status: 'idle',
  loadError: null,
  curve: null,
  busy: null,
  syncOperation: null,

  choose(patch) {
    const next = { ...patch };
    if (patch.clientId !== undefined && patch.clientId !== get().clientId) next.accountId = null;
    // One account and a network are two ways to narrow: choosing one clears the other.
    if (patch.platform !== undefined && patch.platform !== null) next.accountId = null;
    if (patch.accountId !== undefined && patch.accountId !== null) next.platform = null;
    set({ ...next, curve: null });
    void get().load();
  },

  async load() {
    const { clientId, accountId, platform, days } = get();
    if (clientId === null) return;
    const seq = ++loadSeq;
    if (get().dashboard?.clientId !== clientId) set({ status: 'loading' });
    const result = await getBridge().invoke('analytics:get-dashboard', {
      clientId,
      ...(accountId !== null && { accountId }),
      ...(platform !== null && { platform }),
      ...range(days),
    });
    if (seq !== loadSeq) return;
    if (!result.ok) {
      set({ status: 'error', loadError: result.error.message });
      return;
    }
    set({ dashboard: result.value, status: 'ready', loadError: null });
    const open = get().curve;
    if (open !== null) void get().openCurve(open.targetId);
  },

  async openCurve(targetId) {
    if (targetId === null) {
      set({ curve: null });
      return;
    }
    const result = await getBridge().invoke('analytics:get-post-curve', { targetId });
    if (result.ok) set({ curve: result.value });
  },

  async sync() {
    const operation = beginOperation();
    set({ busy: 'sync', syncOperation: operation });
    const { accountId } = get();
    const result = await getBridge().invoke('analytics:sync-now', {
      operation,
      ...(accountId !== null && { accountId }),
    });
    endOperation(operation);
    set({ busy: null, syncOperation: null });
    await get().load();
    return result;
  },

  cancelSync() {
    const { syncOperation } = get();
    if (syncOperation !== null) cancelOperation(syncOperation);
  },

  async refreshPost(targetId) {
    set({ busy: 'refresh-post' });
    const result = await getBridge().invoke('analytics:refresh-post', { targetId });
    set({ busy: null });
    if (!result.ok) return result.error.message;
    set({ curve: result.value.curve });
    await get().load();
    return result.value.problem;
  },

  async refreshAccount(accountId) {
    set({ busy: 'refresh-account' });
    const result = await getBridge().invoke('analytics:refresh-account', { accountId });
    set({ busy: null });
    await get().load();
    return result;
  },

  async exportReport(format) {
    const { clientId, accountId, platform, days } = get();
    set({ busy: format });
    const result = await getBridge().invoke('analytics:export-report', {
      clientId: clientId ?? '',
      ...(accountId !== null && { accountId }),
      ...(platform !== null && { platform }),
      ...range(days),
      format,
    });
    set({ busy: null });
    return result;
  },
}));

/** Hands a report file to the browser as a download. */
export function saveReport(file: ReportFile): void {
  const bytes =
    file.encoding === 'base64'
      ? Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0))
      : new TextEncoder().encode(file.content);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
