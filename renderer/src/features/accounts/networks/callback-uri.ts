// The loopback address a browser sign-in comes back to, for every network that signs in
// through the user's own app: the core listens on one port for all of them, so each
// network's guide shows the same address to register. The port is kept in the preference
// `xCallbackPort` (X was the first network to need it, and a stored key keeps its name);
// read it through useCallbackPort so that name stays in this file and X's app form.
import { usePreferences } from '../../../app/preferences-store.ts';

export const callbackUri = (port: number) => `http://127.0.0.1:${port}/callback`;

/** The callback port as saved now (X's app form is where it is changed). */
export function useCallbackPort(): number {
  return usePreferences((s) => s.preferences.xCallbackPort);
}
