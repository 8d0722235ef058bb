// The core's openUrl port in the desktop app: the system browser, through Electron's
// shell.openExternal (passed in, so this stays testable without Electron). Only https:
// pages are handed to the OS — openExternal would also run file:, smb: or custom-scheme
// handlers — plus http://127.0.0.1 when the app is pointed at a local stand-in for X
// (STARLING_X_API_ORIGIN), whose sign-in page is served there.
import type { Logger } from '../core/ports.ts';

export interface OpenPolicy {
  /** http://127.0.0.1 pages too: only while X is a local stand-in. */
  loopbackHttp: boolean;
}

export function opensInBrowser(url: string, policy: OpenPolicy): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === 'https:') return true;
  return policy.loopbackHttp && parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1';
}

export function createUrlOpener(
  openExternal: (url: string) => Promise<void>,
  logger: Logger,
  policy: OpenPolicy,
): (url: string) => Promise<boolean> {
  return async (url) => {
    if (!opensInBrowser(url, policy)) {
      logger.warn('refused to open a URL in the browser', { scheme: url.split(':')[0] });
      return false;
    }
    try {
      await openExternal(url);
      return true;
    } catch (error) {
      logger.warn('could not open the system browser', { error: String(error) });
      return false;
    }
  };
}
