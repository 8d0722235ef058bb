// The app itself: what is running where, and the user's preferences.
// Spread into the contract (../contract.ts) and the push events (../events.ts).
import { preferencesPatch, type AppInfo, type Preferences } from '../../app.ts';
import { channel, event, none, type PayloadsOf } from '../channel.ts';

export const appChannels = {
  /** Version, data folder and which host the UI is running in. */
  'app:get-info': channel<AppInfo>()(() => none),
  /** User preferences (theme, default time zone). */
  'settings:get-preferences': channel<Preferences>()(() => none),
  /** Change some preferences; returns all of them. */
  'settings:update-preferences': channel<Preferences>()(() => preferencesPatch),
  /**
   * The notice after a restore is dismissed in every window, and windows opened later in
   * this run no longer show it; `dismissed` is false when there was none to dismiss.
   */
  'app:dismiss-restore-notice': channel<{ dismissed: boolean }>()(() => none),
} as const;

export const appEventList = {
  'preferences:changed': event<{ preferences: Preferences }>(),
  /** The notice after a restore was dismissed (in some window): every window hides it. */
  'app:restore-notice-dismissed': event<{ dismissed: true }>(),
} as const;

export type AppEvents = PayloadsOf<typeof appEventList>;
