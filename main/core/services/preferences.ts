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
    };
  }
  return {
    get,
    update(patch: ParsedInput<'settings:update-preferences'>): Preferences {
      const next: Preferences = {
        theme: patch.theme ?? get().theme,
        timezone: patch.timezone === undefined ? get().timezone : patch.timezone,
      };
      store.set(key, next);
      return next;
    },
  };
}

export type PreferencesService = ReturnType<typeof createPreferencesService>;
