// Applies the rules of window-options.ts to every web contents the app ever creates:
// no navigation away from the app, no new windows, no <webview>, no web permissions.
import { app, shell, type Session } from 'electron';
import type { Logger } from '../core/ports.ts';
import {
  grantsPermission,
  mayNavigate,
  opensExternally,
  windowOpenResponse,
} from './window-options.ts';

/** Call before any window exists. */
export function guardAllWebContents(logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => {
    // will-frame-navigate covers the main frame (what will-navigate sees) and subframes.
    contents.on('will-frame-navigate', (event) => {
      if (mayNavigate(event.url)) return;
      event.preventDefault();
      logger.warn('blocked navigation', { url: event.url });
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (opensExternally(url)) {
        shell.openExternal(url).catch((error: unknown) => {
          logger.warn('could not open link in the browser', { url, error: String(error) });
        });
      } else {
        logger.warn('blocked window.open', { url });
      }
      return windowOpenResponse;
    });
  });
}

/** Call once the app is ready, for the session the window uses. */
export function denyWebPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(grantsPermission(permission));
  });
  session.setPermissionCheckHandler((_contents, permission) => grantsPermission(permission));
  session.setDevicePermissionHandler(() => false);
}
