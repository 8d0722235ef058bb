// Push events from the core to every connected renderer, named in the past tense.
import type { Client } from '../clients.ts';
import type { Preferences } from '../app.ts';
import type { SocialAccount } from '../accounts.ts';
import type { AppError } from '../result.ts';
import type { PostSummary, SchedulerState } from '../posts.ts';
import { event, type PayloadsOf } from './channel.ts';
import { analyticsEventList } from './channels/analytics.ts';
import { calendarEventList } from './channels/calendar.ts';
import { composerEventList } from './channels/composer.ts';
import { dataEventList } from './channels/data.ts';
import { mediaEventList } from './channels/media.ts';
import { progressEventList } from './channels/progress.ts';

/**
 * [Note: events declared once] Every push event, keyed by name with its payload type: the
 * names the preload and the socket accept are this object's keys, so an event cannot be
 * declared without being allowed, or allowed without a payload type.
 */
export const eventList = {
  /** A client was created, edited, archived or unarchived. */
  'client:saved': event<{ client: Client }>(),
  'preferences:changed': event<{ preferences: Preferences }>(),
  /** A connect flow finished: the account (new or reconnected) is stored and active. */
  'account:connected': event<{ flowId: string; account: SocialAccount }>(),
  /** A connect flow ended without an account (denied, expired, cancelled, refused). */
  'account:connect-failed': event<{ flowId: string; error: AppError }>(),
  /** An account was stored or its status changed (needs_reauth after a refused refresh). */
  'account:saved': event<{ account: SocialAccount }>(),
  /** An account and its tokens were removed. */
  'account:removed': event<{ id: string }>(),
  /** A post was created, edited, scheduled, published, failed … (any state change). */
  'post:saved': event<{ post: PostSummary }>(),
  /** The publishing engine changed state, or was paused or resumed. */
  'scheduler:state-changed': event<{ state: SchedulerState; paused: boolean }>(),
  /** The desktop shell asks the window to open one post (a notification or tray line was clicked). */
  'post:open-requested': event<{ postId: string }>(),
  ...calendarEventList,
  ...mediaEventList,
  ...dataEventList,
  ...analyticsEventList,
  ...composerEventList,
  ...progressEventList,
} as const;

export type Events = PayloadsOf<typeof eventList>;
export type EventName = keyof Events;
/** A listener for one event, as the bridge and the core's event bus take it. */
export type EventListener<E extends EventName> = (payload: Events[E]) => void;

export const eventNames = Object.keys(eventList) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(eventList, name);
}
