// The data feature's handlers and background work (see ../feature.ts).
import type { dataChannels } from '../../../shared/ipc/channels/data.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';

export function createDataFeature(_context: CoreContext): CoreFeature<keyof typeof dataChannels> {
  return { handlers: {} };
}
