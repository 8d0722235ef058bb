// The one app window: secure options from window-options.ts, the UI from app://starling,
// shown when painted, hidden (not closed) by its close button so the app stays in the
// tray, reloaded if its renderer crashes.
import { BrowserWindow } from 'electron';
import type { Logger } from '../core/ports.ts';
import type { Placement } from './window-bounds.ts';
import { appEntryUrl, windowOptions } from './window-options.ts';

export interface MainWindowOptions {
  preloadPath: string;
  iconPath: string;
  placement: Placement;
  devTools: boolean;
  /** True once the user chose Quit: then closing really closes. */
  isQuitting: () => boolean;
  logger: Logger;
}

const maxCrashReloads = 3;

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { placement, logger } = options;
  const window = new BrowserWindow({
    ...windowOptions(options.preloadPath, options.devTools, placement.bounds),
    icon: options.iconPath,
  });

  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });

  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });

  let crashReloads = 0;
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
    if (details.reason === 'clean-exit' || crashReloads >= maxCrashReloads) return;
    crashReloads += 1;
    window.webContents.reload();
  });

  window.loadURL(appEntryUrl).catch((error: unknown) => {
    logger.error('could not load the UI', { url: appEntryUrl, error: String(error) });
  });
  return window;
}

/** Brings the window to the front, from the tray, the dock or a second launch. */
export function revealWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
