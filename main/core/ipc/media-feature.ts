// The media feature's handlers and background work (see ../feature.ts).
import type { mediaChannels } from '../../../shared/ipc/channels/media.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';

export function createMediaFeature(_context: CoreContext): CoreFeature<keyof typeof mediaChannels> {
  return { handlers: {} };
}
