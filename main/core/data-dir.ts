// Where Starling keeps its data when no --data-dir or STARLING_DATA_DIR is given: the
// platform's app-data folder, the same one Electron's app.getPath('userData') uses.
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.STARLING_DATA_DIR !== undefined && env.STARLING_DATA_DIR !== '') {
    return path.resolve(env.STARLING_DATA_DIR);
  }
  const home = os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Starling');
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Starling');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Starling');
  }
}
