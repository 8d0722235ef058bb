// The tray icon that keeps Starling reachable while its window is hidden. Its look and
// menu come from tray-menu.ts as plain data; this file only hands them to Electron.
// Where the desktop has no tray (some Linux sessions), a second launch reveals the window.
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { PostSummary } from '../../shared/posts.ts';
import { buildTrayMenu, trayLook, type TrayAction, type TrayView } from './tray-menu.ts';

export type TrayActions = Record<TrayAction, () => void> & {
  /** Shows the window on one post (a line of the upcoming list). */
  openPost: (postId: string) => void;
};

export interface StarlingTray {
  show(view: TrayView, upcoming: readonly PostSummary[], now: number, timeZone: string): void;
  destroy(): void;
}

export function createTray(iconPath: string, actions: TrayActions): StarlingTray {
  const size = process.platform === 'linux' ? 22 : 16;
  const image = nativeImage.createFromPath(iconPath).resize({ width: size, height: size });
  const tray = new Tray(image);
  tray.setToolTip('Starling');
  // Windows and most Linux trays: a plain click opens the window too.
  tray.on('click', actions.open);
  return {
    show(view, upcoming, now, timeZone) {
      const look = trayLook(view);
      tray.setToolTip(look.tooltip);
      if (process.platform === 'darwin') tray.setTitle(look.title);
      const template = buildTrayMenu(view, upcoming, now, timeZone).map(
        (item): MenuItemConstructorOptions => {
          if (item.type === 'separator') return { type: 'separator' };
          if (item.type === 'checkbox') {
            const { action, ...rest } = item;
            return { ...rest, click: actions[action] };
          }
          const { action, postId, ...rest } = item;
          if (postId !== undefined) {
            return {
              ...rest,
              click: () => {
                actions.openPost(postId);
              },
            };
          }
          return action === undefined ? rest : { ...rest, click: actions[action] };
        },
      );
      tray.setContextMenu(Menu.buildFromTemplate(template));
    },
    destroy() {
      tray.destroy();
    },
  };
}
