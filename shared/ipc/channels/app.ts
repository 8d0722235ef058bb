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
} as const;

export const appEventList = {
  'preferences:changed': event<{ preferences: Preferences }>(),
} as const;

export type AppEvents = PayloadsOf<typeof appEventList>;
