// The progress feature's one handler (see ../feature.ts): cancel a running operation.
// The operations themselves run inside the other features (progress/operations.ts).
import type { progressChannels } from '../../../shared/ipc/channels/progress.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';

export function createProgressFeature(
  context: Pick<CoreContext, 'operations'>,
): CoreFeature<keyof typeof progressChannels> {
  return {
    handlers: {
      'operations:cancel': ({ operation }) => Promise.resolve(context.operations.cancel(operation)),
    },
  };
}
