// Long work this window started (a CSV import, an upload, a sync, a backup): each gets a
// fresh operation id sent with its request, and the core's `operation:progressed` events
// for those ids are kept here for the progress bar. [Note: progress] in shared/progress.ts.
import { create } from 'zustand';
import type { OperationProgress } from '../../../shared/progress.ts';
import { getBridge } from '../bridge/bridge.ts';

interface OperationsState {
  byId: Partial<Record<string, OperationProgress>>;
}

export const useOperations = create<OperationsState>()(() => ({ byId: {} }));

const tracked = new Set<string>();
let unsubscribe: (() => void) | null = null;

function listen(): void {
  if (unsubscribe !== null) return;
  unsubscribe = getBridge().on('operation:progressed', (p) => {
    if (!tracked.has(p.operation)) return;
    useOperations.setState((s) => ({ byId: { ...s.byId, [p.operation]: p } }));
  });
}

/** A fresh id for a request to carry; its progress shows up in `useOperation(id)`. */
export function beginOperation(): string {
  listen();
  const id = crypto.randomUUID();
  tracked.add(id);
  return id;
}

/** Forgets an operation once its request answered. */
export function endOperation(id: string): void {
  tracked.delete(id);
  useOperations.setState((s) => ({
    byId: Object.fromEntries(Object.entries(s.byId).filter(([key]) => key !== id)),
  }));
}

/** Asks the core to stop it; the request then answers CANCELLED. */
export function cancelOperation(id: string): void {
  void getBridge().invoke('operations:cancel', { operation: id });
}

/** The latest progress of one operation, or null before its first event. */
export function useOperation(id: string | null): OperationProgress | null {
  return useOperations((s) => (id === null ? null : (s.byId[id] ?? null)));
}
