// The calendar feature's handlers and background work (see ../feature.ts).
import type { calendarChannels } from '../../../shared/ipc/channels/calendar.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';

export function createCalendarFeature(
  _context: CoreContext,
): CoreFeature<keyof typeof calendarChannels> {
  return { handlers: {} };
}
