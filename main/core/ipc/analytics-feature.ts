// The analytics feature's handlers and background work (see ../feature.ts).
import type { analyticsChannels } from '../../../shared/ipc/channels/analytics.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';

export function createAnalyticsFeature(
  _context: CoreContext,
): CoreFeature<keyof typeof analyticsChannels> {
  return { handlers: {} };
}
