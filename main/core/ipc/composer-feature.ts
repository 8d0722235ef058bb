// The composer feature's handlers (see ../feature.ts).
import type { composerChannels } from '../../../shared/ipc/channels/composer.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';

export function createComposerFeature(
  _context: CoreContext,
): CoreFeature<keyof typeof composerChannels> {
  return { handlers: {} };
}
