// The application menu: mostly standard roles, so the platform's shortcuts work (on
// macOS copy and paste need an Edit menu). Reload and developer tools only in development.
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function installAppMenu(options: { development: boolean; quit: () => void }): void {
  const mac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(mac
      ? [{ role: 'appMenu' } as const]
      : [
          {
            label: 'File',
            submenu: [
              { role: 'close' },
              { type: 'separator' },
              { label: 'Quit Starling', accelerator: 'CmdOrCtrl+Q', click: options.quit },
            ] satisfies MenuItemConstructorOptions[],
          },
        ]),
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(options.development
          ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
