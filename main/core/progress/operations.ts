// The running long operations of one core: each reports its progress as
// `operation:progressed` (throttled, so a fast loop cannot flood a window) and carries an
// AbortSignal that `operations:cancel` trips while the work says stopping is safe.
// [Note: progress] in shared/progress.ts.
import type {
  OperationKind,
  OperationProgress,
  OperationState,
  ProgressUnit,
} from '../../../shared/progress.ts';
import { AppFailure, failure } from '../../../shared/result.ts';
import type { EventBus } from '../events.ts';

/** One operation as its work sees it. */
export interface Operation {
  readonly id: string;
  /** Tripped by a cancel; the work checks it where stopping is safe. */
  readonly signal: AbortSignal;
  /** Where the work is; sent at most every `minIntervalMs`, and at once on a new phase. */
  report(phase: string, done: number, total: number | null, unit?: ProgressUnit): void;
  /** From here on a cancel is refused (the work is past the point of no return), or allowed again. */
  setCancellable(cancellable: boolean): void;
  /** Throws CANCELLED when a cancel was asked for. */
  throwIfCancelled(): void;
}

/** Work that reports nowhere and cannot be cancelled (callers without a UI). */
export const silentOperation: Operation = {
  id: 'silent',
  signal: new AbortController().signal,
  report: () => undefined,
  setCancellable: () => undefined,
  throwIfCancelled: () => undefined,
};

export function cancelledFailure(message: string): AppFailure {
  return failure('CANCELLED', message);
}

export interface OperationOptions {
  /** The caller's id (so it can match events and cancel); a fresh one when none is given. */
  id?: string | undefined;
  kind: OperationKind;
  unit: ProgressUnit;
  /** Whether a cancel is honoured from the start (default true). */
  cancellable?: boolean;
  /** What "cancelled" means for this work, said in the CANCELLED answer. */
  cancelledMessage: string;
}

export function createOperations(deps: {
  events: EventBus;
  newId: () => string;
  /** A monotonic clock in ms for the throttle (performance.now by default). */
  now?: () => number;
  /** The shortest gap between two progress events of one operation (default 100 ms: ≤ 10/s). */
  minIntervalMs?: number;
}) {
  const now = deps.now ?? (() => performance.now());
  const minIntervalMs = deps.minIntervalMs ?? 100;
  const running = new Map<string, { controller: AbortController; state: () => boolean }>();

  /**
   * Runs `work` as one operation: its progress goes out as events, a final event says how
   * it ended (done = total when it finished), and a cancel while allowed aborts its signal;
   * work that stops because of it answers CANCELLED with `cancelledMessage`.
   */
  async function run<T>(
    options: OperationOptions,
    work: (op: Operation) => Promise<T>,
  ): Promise<T> {
    const id = options.id ?? deps.newId();
    if (running.has(id)) throw failure('CONFLICT', `Operation ${id} is already running.`);
    const controller = new AbortController();
    let cancellable = options.cancellable ?? true;
    const last: OperationProgress = {
      operation: id,
      kind: options.kind,
      phase: 'starting',
      done: 0,
      total: null,
      unit: options.unit,
      cancellable,
      state: 'running',
    };
    let sentAt = Number.NEGATIVE_INFINITY;
    const emit = () => {
      sentAt = now();
      deps.events.emit('operation:progressed', { ...last });
    };
    running.set(id, { controller, state: () => cancellable });
    const op: Operation = {
      id,
      signal: controller.signal,
      report(phase, done, total, unit) {
        const newPhase = phase !== last.phase || (unit !== undefined && unit !== last.unit);
        Object.assign(last, { phase, done, total, unit: unit ?? last.unit });
        if (newPhase || now() - sentAt >= minIntervalMs) emit();
      },
      setCancellable(value) {
        if (value === cancellable) return;
        cancellable = value;
        last.cancellable = value;
        emit();
      },
      throwIfCancelled() {
        if (controller.signal.aborted) throw cancelledFailure(options.cancelledMessage);
      },
    };
    emit();
    const end = (state: OperationState) => {
      running.delete(id);
      last.state = state;
      last.cancellable = false;
      if (state === 'done' && last.total !== null) last.done = last.total;
      if (state === 'done' && last.total === null) last.total = last.done;
      emit();
    };
    try {
      const value = await work(op);
      end('done');
      return value;
    } catch (error) {
      const cancelled =
        controller.signal.aborted ||
        (error instanceof AppFailure && error.error.code === 'CANCELLED');
      end(cancelled ? 'cancelled' : 'failed');
      if (cancelled && !(error instanceof AppFailure && error.error.code === 'CANCELLED')) {
        throw cancelledFailure(options.cancelledMessage);
      }
      throw error;
    }
  }

  return {
    run,
    /** Asks a running operation to stop; false when it is past the point where that is safe. */
    cancel(id: string): { operation: string; cancelled: boolean } {
      const entry = running.get(id);
      if (entry === undefined) {
        throw failure('NOT_FOUND', `No operation ${id} is running here (it may have ended).`);
      }
      if (!entry.state()) return { operation: id, cancelled: false };
      entry.controller.abort();
      return { operation: id, cancelled: true };
    },
    /** Ids of the operations running now. */
    running: () => [...running.keys()],
  };
}

export type Operations = ReturnType<typeof createOperations>;

/** Lets other work (timers, a socket's cancel) run between chunks of a long loop. */
export const yieldToEvents = () =>
  new Promise<void>((resolve) => {
    setImmediate(resolve);
  });
