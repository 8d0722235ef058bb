// Dispatch cases for the progress channel: a record over them, so a channel added to
// shared/ipc/channels/progress.ts without cases here fails to compile.
import { expect } from 'vitest';
import type { progressChannels } from '../../../shared/ipc/channels/progress.ts';
import type { ChannelCases } from './types.ts';

export const progressCases: Record<keyof typeof progressChannels, ChannelCases> = {
  'operations:cancel': {
    // Long work that runs until it is cancelled.
    prepare: ({ core }) => {
      void core.operations
        .run(
          { id: 'op-1', kind: 'backup', unit: 'bytes', cancelledMessage: 'Stopped.' },
          (op) =>
            new Promise((_resolve, reject) => {
              op.signal.addEventListener('abort', () => {
                reject(new Error('aborted'));
              });
            }),
        )
        .catch(() => undefined);
      return Promise.resolve({ operation: 'op-1' });
    },
    valid: ({ made }) => ({ operation: made?.['operation'] ?? '' }),
    check: (v) => {
      expect(v).toEqual({ operation: 'op-1', cancelled: true });
    },
    invalid: [
      {},
      { operation: '' },
      { operation: 7 },
      { operation: 'a/b' },
      { operation: 'o'.repeat(65) },
      { operation: 'op-1', extra: true },
      'op-1',
    ],
  },
};
