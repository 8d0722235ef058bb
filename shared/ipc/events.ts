// Push events from the core to every connected renderer, named in the past tense.
import type { Client } from '../clients.ts';
import type { Preferences } from '../app.ts';
import type { SocialAccount } from '../accounts.ts';
import type { AppError } from '../result.ts';
import type { PostSummary, SchedulerState } from '../posts.ts';
import { analyticsEventNames, type AnalyticsEvents } from './channels/analytics.ts';
import { calendarEventNames, type CalendarEvents } from './channels/calendar.ts';
import { composerEventNames, type ComposerEvents } from './channels/composer.ts';
import { dataEventNames, type DataEvents } from './channels/data.ts';
import { mediaEventNames, type MediaEvents } from './channels/media.ts';

export interface Events
  extends CalendarEvents, MediaEvents, DataEvents, AnalyticsEvents, ComposerEvents {
  /** A client was created, edited, archived or unarchived. */
  'client:saved': { client: Client };
  'preferences:changed': { preferences: Preferences };
  /** A connect flow finished: the account (new or reconnected) is stored and active. */
  'account:connected': { flowId: string; account: SocialAccount };
  /** A connect flow ended without an account (denied, expired, cancelled, refused). */
  'account:connect-failed': { flowId: string; error: AppError };
  /** An account's status changed outside a connect flow (needs_reauth after a refused refresh). */
  'account:saved': { account: SocialAccount };
  /** An account and its tokens were removed. */
  'account:removed': { id: string };
  /** A post was created, edited, scheduled, published, failed … (any state change). */
  'post:saved': { post: PostSummary };
  /** The publishing engine changed state, or was paused or resumed. */
  'scheduler:state-changed': { state: SchedulerState; paused: boolean };
  /** The desktop shell asks the window to open one post (a notification or tray line was clicked). */
  'post:open-requested': { postId: string };
}

export type EventName = keyof Events;

export const eventNames: readonly EventName[] = [
  'client:saved',
  'preferences:changed',
  'account:connected',
  'account:connect-failed',
  'account:saved',
  'account:removed',
  'post:saved',
  'scheduler:state-changed',
  'post:open-requested',
  ...calendarEventNames,
  ...mediaEventNames,
  ...dataEventNames,
  ...analyticsEventNames,
  ...composerEventNames,
];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}
