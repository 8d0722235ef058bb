// The app feature's handlers (see ../feature.ts): what is running where, and the user's
// preferences.
import type { AppInfo, HostKind } from '../../../shared/app.ts';
import type { RestoreSummary } from '../../../shared/data.ts';
import type { appChannels } from '../../../shared/ipc/channels/app.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';
import type { PreferencesService } from '../services/preferences.ts';

export interface AppFeatureDeps {
  info: Omit<AppInfo, 'host' | 'restored'>;
  host: HostKind;
  /** Set once this run's start has reconciled a restore (create-core.ts). */
  restored: () => RestoreSummary | null;
  /** Forgets it for the rest of this run; false when there was nothing to forget. */
  dismissRestored: () => boolean;
  preferences: PreferencesService;
}

export function createAppFeature(
  context: Pick<CoreContext, 'events'>,
  { info, host, restored, dismissRestored, preferences }: AppFeatureDeps,
): CoreFeature<keyof typeof appChannels> {
  return {
    handlers: {
      'app:get-info': () => Promise.resolve({ ...info, host, restored: restored() }),
      'app:dismiss-restore-notice': () => {
        const dismissed = dismissRestored();
        if (dismissed) context.events.emit('app:restore-notice-dismissed', { dismissed });
        return Promise.resolve({ dismissed });
      },
      'settings:get-preferences': () => Promise.resolve(preferences.get()),
      'settings:update-preferences': (input) => {
        const next = preferences.update(input);
        context.events.emit('preferences:changed', { preferences: next });
        return Promise.resolve(next);
      },
    },
  };
}
