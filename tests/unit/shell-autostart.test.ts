// "Start at login" on Linux: the XDG autostart entry's text, where it goes, and turning
// it on and off; macOS and Windows hand the choice to Electron's login items.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { autostartFile, createAutostart, desktopEntry } from '../../main/shell/autostart.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('XDG autostart entry', () => {
  it('runs the app, quoting arguments as the Desktop Entry spec asks', () => {
    const text = desktopEntry(['/opt/Starling/starling']);
    expect(text.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Name=Starling',
      'Comment=Publishes your scheduled posts',
      'Exec=/opt/Starling/starling',
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ]);
    expect(desktopEntry(['/home/a b/My "App"', '100%']).split('\n')[4]).toBe(
      'Exec="/home/a b/My \\"App\\"" 100%%',
    );
  });

  it('goes to $XDG_CONFIG_HOME/autostart, else ~/.config/autostart', () => {
    expect(autostartFile({}, '/home/ann')).toBe(
      path.join('/home/ann', '.config', 'autostart', 'starling.desktop'),
    );
    expect(autostartFile({ XDG_CONFIG_HOME: '/cfg' }, '/home/ann')).toBe(
      path.join('/cfg', 'autostart', 'starling.desktop'),
    );
    // A relative value is invalid per the spec and ignored.
    expect(autostartFile({ XDG_CONFIG_HOME: 'cfg' }, '/home/ann')).toBe(
      path.join('/home/ann', '.config', 'autostart', 'starling.desktop'),
    );
  });

  it('is written when turned on and removed when turned off', () => {
    const home = tempDataDir();
    const unused = { get: () => false, set: () => undefined };
    const autostart = createAutostart({
      platform: 'linux',
      command: ['/opt/Starling/starling'],
      loginItems: unused,
      env: {},
      home,
    });
    const file = path.join(home, '.config', 'autostart', 'starling.desktop');
    expect(autostart.get()).toBe(false);
    autostart.set(true);
    expect(autostart.get()).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toContain('Exec=/opt/Starling/starling');
    autostart.set(false);
    expect(autostart.get()).toBe(false);
    expect(fs.existsSync(file)).toBe(false);
    autostart.set(false);
  });

  it('uses login items on macOS and Windows', () => {
    let on = false;
    const loginItems = {
      get: () => on,
      set: (value: boolean) => {
        on = value;
      },
    };
    for (const platform of ['darwin', 'win32'] as const) {
      const autostart = createAutostart({ platform, command: ['x'], loginItems });
      expect(autostart).toBe(loginItems);
    }
  });
});
