// Push events from the core to every connected renderer, named in the past tense.
import type { PayloadsOf } from './channel.ts';
import { accountsEventList } from './channels/accounts.ts';
import { analyticsEventList } from './channels/analytics.ts';
import { appEventList } from './channels/app.ts';
import { calendarEventList } from './channels/calendar.ts';
import { clientsEventList } from './channels/clients.ts';
import { composerEventList } from './channels/composer.ts';
import { dataEventList } from './channels/data.ts';
import { mediaEventList } from './channels/media.ts';
import { postsEventList } from './channels/posts.ts';
import { progressEventList } from './channels/progress.ts';
import { reviewEventList } from './channels/review.ts';

/**
 * [Note: events declared once] Every push event, keyed by name with its payload type: the
 * names the preload and the socket accept are this object's keys, so an event cannot be
 * declared without being allowed, or allowed without a payload type.
 */
export const eventList = {
  ...appEventList,
  ...clientsEventList,
  ...postsEventList,
  ...accountsEventList,
  ...calendarEventList,
  ...mediaEventList,
  ...dataEventList,
  ...analyticsEventList,
  ...composerEventList,
  ...progressEventList,
  ...reviewEventList,
} as const;

export type Events = PayloadsOf<typeof eventList>;
export type EventName = keyof Events;
/** A listener for one event, as the bridge and the core's event bus take it. */
export type EventListener<E extends EventName> = (payload: Events[E]) => void;

export const eventNames = Object.keys(eventList) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(eventList, name);
}
