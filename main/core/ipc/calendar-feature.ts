// The calendar feature's handlers and background work (see ../feature.ts): the range
// query, ghost-cell slots, campaigns and each account's weekly queue slots.
import type { calendarChannels } from '../../../shared/ipc/channels/calendar.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';
import { createCalendarService } from '../services/calendar.ts';
import { createCampaignsService } from '../services/campaigns.ts';
import { createQueueSlots } from '../services/queue-slots.ts';

export function createCalendarFeature(
  context: CoreContext,
): CoreFeature<keyof typeof calendarChannels> {
  const db = context.database.db;
  const slots = createQueueSlots(db, context.ports);
  const calendar = createCalendarService(db, slots);
  const campaigns = createCampaignsService(db, context.ports, context.events);
  return {
    handlers: {
      'calendar:range': (input) => calendar.range(input),
      'calendar:day-counts': (input) => calendar.dayCounts(input),
      'calendar:days': (input) => calendar.days(input),
      'calendar:free-slots': (input) => calendar.freeSlots(input),
      'campaigns:list': (input) => campaigns.list(input),
      'campaigns:create': (input) => campaigns.create(input),
      'campaigns:update': (input) => campaigns.update(input),
      'campaigns:archive': (input) => campaigns.archive(input.id),
      'posts:set-campaign': (input) => campaigns.setPostCampaign(input),
      'slots:list': (input) => slots.list(input.accountId),
      'slots:replace': async (input) => {
        const saved = await slots.replace(input.accountId, input.slots);
        context.events.emit('slots:saved', { accountId: input.accountId, slots: saved });
        return saved;
      },
    },
  };
}
