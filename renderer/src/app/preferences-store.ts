// Preferences (theme, default time zone) and what the host says about itself. Loaded once
// at start, kept current by the `preferences:changed` push event.
import { create } from 'zustand';
import type { AppInfo, Preferences } from '../../../shared/app.ts';
import { defaultPreferences } from '../../../shared/app.ts';
import type { RestoreSummary } from '../../../shared/data.ts';
import type { ChannelInput } from '../../../shared/ipc/contract.ts';
import type { Result } from '../../../shared/result.ts';
import { getBridge } from '../bridge/bridge.ts';
import { applyTheme } from './theme.ts';

interface PreferencesState {
  preferences: Preferences;
  loaded: boolean;
  info: AppInfo | null;
  infoError: string | null;
  /** What this run's start did after a restore (from the info or its push event). */
  restored: RestoreSummary | null;
  load: () => Promise<void>;
  loadInfo: () => Promise<void>;
  /** Applies the change at once and reverts it if the core refuses. */
  update: (patch: ChannelInput<'settings:update-preferences'>) => Promise<Result<Preferences>>;
  receive: (preferences: Preferences) => void;
  /**
   * The core's start reconciled a restore (perhaps after the info was read), or the notice
   * was dismissed in some window (null).
   */
  receiveRestored: (summary: RestoreSummary | null) => void;
}

export const usePreferences = create<PreferencesState>()((set, get) => ({
  preferences: defaultPreferences,
  loaded: false,
  info: null,
  infoError: null,
  restored: null,

  async load() {
    const result = await getBridge().invoke('settings:get-preferences', {});
    if (result.ok) get().receive(result.value);
  },

  async loadInfo() {
    const result = await getBridge().invoke('app:get-info', {});
    if (result.ok) {
      // Null too: after a reconnect it may say the notice was dismissed meanwhile (one
      // socket keeps order, so no older answer overtakes a later restore event).
      set({ info: result.value, infoError: null, restored: result.value.restored });
    } else set({ infoError: result.error.message });
  },

  async update(patch) {
    const before = get().preferences;
    // Optimistic: show the change at once, fall back if the core refuses it.
    get().receive({
      theme: patch.theme ?? before.theme,
      timezone: patch.timezone === undefined ? before.timezone : patch.timezone,
      xClientId: patch.xClientId === undefined ? before.xClientId : patch.xClientId,
      xCallbackPort: patch.xCallbackPort ?? before.xCallbackPort,
      firstRunDone: patch.firstRunDone ?? before.firstRunDone,
    });
    const result = await getBridge().invoke('settings:update-preferences', patch);
    get().receive(result.ok ? result.value : before);
    return result;
  },

  receive(preferences) {
    applyTheme(preferences.theme);
    set({ preferences, loaded: true });
  },

  receiveRestored(restored) {
    set({ restored });
  },
}));
