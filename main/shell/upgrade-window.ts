// The window the upgrade page shows in while the core upgrades the user's data, before the
// app window exists ([Note: upgrade progress]): opened at the upgrade's first report,
// destroyed once the core is open (or failed to open). Closing it early stops nothing: the
// upgrade goes on and the app window still opens.
import { BrowserWindow } from 'electron';
import type { Logger } from '../core/ports.ts';
import { upgradePageUrl, upgradeWindowOptions } from './window-options.ts';

export function openUpgradeWindow(options: {
  iconPath: string;
  devTools: boolean;
  logger: Logger;
}): { close(): void } {
  const window = new BrowserWindow({
    ...upgradeWindowOptions(options.devTools),
    icon: options.iconPath,
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  window.loadURL(upgradePageUrl).catch((error: unknown) => {
    options.logger.error('could not load the upgrade page', { error: String(error) });
  });
  return {
    close: () => {
      if (!window.isDestroyed()) window.destroy();
    },
  };
}
