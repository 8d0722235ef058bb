// App-level DTOs: what the UI is told about its host, and the user's preferences.
import { z } from 'zod';
import { clientTimeZone } from './clients.ts';

export type HostKind = 'electron' | 'browser' | 'cli';

export interface AppInfo {
  name: string;
  version: string;
  host: HostKind;
  dataDir: string;
  /** Names of the migrations applied to the open database, oldest first. */
  migrations: string[];
}

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

export interface Preferences {
  theme: Theme;
  /** Zone the calendar shows by default; null follows the machine. */
  timezone: string | null;
}

export const defaultPreferences: Preferences = { theme: 'system', timezone: null };

export const preferencesPatch = z.strictObject({
  theme: z.enum(themes, { error: 'Theme must be system, light or dark.' }).optional(),
  timezone: clientTimeZone.nullable().optional(),
});
