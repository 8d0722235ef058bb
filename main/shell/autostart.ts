// "Start at login": login items on macOS and Windows, an XDG autostart entry on Linux
// (~/.config/autostart/starling.desktop). The entry's text is built by a plain function.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Quotes one Exec argument as the Desktop Entry spec asks. */
function execArg(arg: string): string {
  if (!/[\s"'\\$`<>~|&;*?#()]/.test(arg) && arg !== '') return arg.replace(/%/g, '%%');
  const escaped = arg.replace(/[\\"`$]/g, (c) => `\\${c}`).replace(/%/g, '%%');
  return `"${escaped}"`;
}

export function desktopEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Starling',
    'Comment=Publishes your scheduled posts',
    `Exec=${command.map(execArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function autostartFile(env: NodeJS.ProcessEnv, home: string): string {
  const config = env.XDG_CONFIG_HOME;
  const base =
    config !== undefined && path.isAbsolute(config) ? config : path.join(home, '.config');
  return path.join(base, 'autostart', 'starling.desktop');
}

export interface LoginItems {
  get(): boolean;
  set(enabled: boolean): void;
}

/** Login items for the platform; `loginItems` is Electron's (macOS, Windows). */
export function createAutostart(options: {
  platform: NodeJS.Platform;
  command: readonly string[];
  loginItems: LoginItems;
  env?: NodeJS.ProcessEnv;
  home?: string;
}): LoginItems {
  if (options.platform !== 'linux') return options.loginItems;
  const file = autostartFile(options.env ?? process.env, options.home ?? os.homedir());
  return {
    get: () => fs.existsSync(file),
    set(enabled) {
      if (!enabled) {
        fs.rmSync(file, { force: true });
        return;
      }
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, desktopEntry(options.command));
    },
  };
}
