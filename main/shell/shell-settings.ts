// Settings only the desktop shell uses, in shell-settings.json (electron-store) in the
// data folder: whether each publish shows a notification (on unless turned off).
import Store from 'electron-store';

export interface ShellSettings {
  notifyOnPublish(): boolean;
  setNotifyOnPublish(on: boolean): void;
}

export function createShellSettings(dataDir: string): ShellSettings {
  const store = new Store<Record<string, unknown>>({
    name: 'shell-settings',
    cwd: dataDir,
    clearInvalidConfig: true,
  });
  return {
    notifyOnPublish: () => store.get('notifyOnPublish') !== false,
    setNotifyOnPublish(on) {
      store.set('notifyOnPublish', on);
    },
  };
}
