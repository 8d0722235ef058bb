// The core's openUrl port in the desktop app: the system browser, through Electron's
// shell.openExternal (passed in, so this stays testable without Electron). Only https:
// pages and the loopback origins Starling itself uses (a local stand-in for X) are
// handed to the OS: openExternal would also run file:, smb: or custom-scheme handlers.
import type { Logger } from '../core/ports.ts';

export function opensInBrowser(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1';
}

export function createUrlOpener(
  openExternal: (url: string) => Promise<void>,
  logger: Logger,
): (url: string) => Promise<boolean> {
  return async (url) => {
    if (!opensInBrowser(url)) {
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
