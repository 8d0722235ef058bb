// Long work's progress and its cancel button (see [Note: progress] in shared/progress.ts).
// Spread into the contract (../contract.ts) and the push events (../events.ts).
import { cancelOperationInput, type OperationProgress } from '../../progress.ts';
import { channel, event, type PayloadsOf } from '../channel.ts';

export const progressChannels = {
  /**
   * Stop a running operation (named by the id its request carried) where stopping is safe:
   * a CSV import rolls back, a media import or backup removes its partial file, a metric
   * sync stops between posts. The stopped request answers CANCELLED. `cancelled` is false
   * when it got past the point where stopping is safe; NOT_FOUND when none by that id is
   * running here (never started, or already ended).
   */
  'operations:cancel': channel<{ operation: string; cancelled: boolean }>()(
    () => cancelOperationInput,
  ),
} as const;

export const progressEventList = {
  /**
   * Long work moved on: at most about ten a second per operation, and always once at the
   * end with how it ended (a finished one with done = total).
   */
  'operation:progressed': event<OperationProgress>(),
} as const;

export type ProgressEvents = PayloadsOf<typeof progressEventList>;
