// App-level DTOs: what the UI is told about its host, and the user's preferences.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { clientTimeZone } from './clients.ts';
import type { RestoreSummary } from './data.ts';
import { callbackPort, defaultXCallbackPort, xClientIdInput } from './accounts.ts';

export type HostKind = 'electron' | 'browser' | 'cli';

export interface AppInfo {
  name: string;
  version: string;
  host: HostKind;
  dataDir: string;
  /** Names of the migrations applied to the open database, oldest first. */
  migrations: string[];
  /** What this run's start did after a restore; null when nothing was restored. */
  restored: RestoreSummary | null;
}

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

export interface Preferences {
  theme: Theme;
  /** Zone the calendar shows by default; null follows the machine. */
  timezone: string | null;
  /** The Client ID of the user's own X app (public, not a secret); null until set. */
  xClientId: string | null;
  /** Loopback port of the OAuth redirect, http://127.0.0.1:PORT/callback. */
  xCallbackPort: number;
  /** The first-run checklist was completed or dismissed: it is never shown again. */
  firstRunDone: boolean;
}

export const defaultPreferences: Preferences = {
  theme: 'system',
  timezone: null,
  xClientId: null,
  xCallbackPort: defaultXCallbackPort,
  firstRunDone: false,
};

export const preferencesPatch = lazySchema(() =>
  z.strictObject({
    theme: z.enum(themes, { error: 'Theme must be system, light or dark.' }).optional(),
    timezone: clientTimeZone.nullable().optional(),
    xClientId: xClientIdInput.nullable().optional(),
    xCallbackPort: callbackPort.optional(),
    firstRunDone: z.boolean({ error: 'firstRunDone must be true or false.' }).optional(),
  }),
);
