// User preferences over the key-value port (electron-store in the app, a JSON file in
// headless hosts). Stored values are re-validated on read: the file is user-editable.
import { defaultPreferences, preferencesPatch, type Preferences } from '../../../shared/app.ts';
import type { ParsedInput } from '../../../shared/ipc/contract.ts';
import type { KeyValueStore } from '../ports.ts';

const key = 'preferences';

export function createPreferencesService(store: KeyValueStore) {
  function get(): Preferences {
    const parsed = preferencesPatch.safeParse(store.get(key) ?? {});
    const stored = parsed.success ? parsed.data : {};
    return {
      theme: stored.theme ?? defaultPreferences.theme,
      timezone: stored.timezone === undefined ? defaultPreferences.timezone : stored.timezone,
      xClientId: stored.xClientId === undefined ? defaultPreferences.xClientId : stored.xClientId,
      xCallbackPort: stored.xCallbackPort ?? defaultPreferences.xCallbackPort,
      firstRunDone: stored.firstRunDone ?? defaultPreferences.firstRunDone,
    };
  }
  return {
    get,
    update(patch: ParsedInput<'settings:update-preferences'>): Preferences {
      const current = get();
      const next: Preferences = {
        theme: patch.theme ?? current.theme,
        timezone: patch.timezone === undefined ? current.timezone : patch.timezone,
        xClientId: patch.xClientId === undefined ? current.xClientId : patch.xClientId,
        xCallbackPort: patch.xCallbackPort ?? current.xCallbackPort,
        firstRunDone: patch.firstRunDone ?? current.firstRunDone,
      };
      store.set(key, next);
      return next;
    },
  };
}

export type PreferencesService = ReturnType<typeof createPreferencesService>;
