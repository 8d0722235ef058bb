// The core's KeyValueStore port over electron-store. The file is preferences.json in the
// data folder, the same file the headless hosts' JSON store uses, so the desktop app,
// `starling serve` and the CLI agree on the user's preferences.
import Store from 'electron-store';
import type { KeyValueStore } from '../core/ports.ts';

export function createPreferencesStore(dataDir: string): KeyValueStore {
  const store = new Store<Record<string, unknown>>({
    name: 'preferences',
    cwd: dataDir,
    // Keys are opaque to this port: 'a.b' is one key, not a path.
    accessPropertiesByDotNotation: false,
    // A damaged file holds nothing worth refusing to start over; the core re-validates.
    clearInvalidConfig: true,
  });
  return {
    get: (key) => store.get(key),
    set(key, value) {
      if (value === undefined) store.delete(key);
      else store.set(key, value);
    },
  };
}
