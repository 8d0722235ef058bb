// The tray icon that keeps Starling reachable while its window is hidden: Open and Quit.
// Where the desktop has no tray (some Linux sessions), a second launch reveals the window.
import { Menu, Tray, nativeImage } from 'electron';

export interface TrayActions {
  open: () => void;
  quit: () => void;
}

export function createTray(iconPath: string, actions: TrayActions): Tray {
  const size = process.platform === 'linux' ? 22 : 16;
  const image = nativeImage.createFromPath(iconPath).resize({ width: size, height: size });
  const tray = new Tray(image);
  tray.setToolTip('Starling');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Starling', click: actions.open },
      { type: 'separator' },
      { label: 'Quit Starling', click: actions.quit },
    ]),
  );
  // Windows and most Linux trays: a plain click opens the window too.
  tray.on('click', actions.open);
  return tray;
}
