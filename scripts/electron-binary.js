// Finds the Electron binary and the Electron zip cache WITHOUT loading the electron
// package: its index.js downloads the binary on first require, which hangs or throws
// without internet. Plain JavaScript for any Node from 20 on, no dependencies; used by
// `npm start`, `npm run dist` and the Electron e2e tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const readText = (file) => {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
};

/**
 * Where the Electron executable is, as `{ path, reason }`: `path` is null when there is
 * none, and `reason` is one line saying what was found or why nothing was.
 */
export function findElectronBinary(root) {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  if (readText(path.join(pkgDir, 'package.json')) === null) {
    return { path: null, reason: 'the electron package is not installed (run npm ci)' };
  }
  const relative = readText(path.join(pkgDir, 'path.txt'));
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.join(override, relative || 'electron');
    return fs.existsSync(candidate)
      ? { path: candidate, reason: `found at ${candidate} (ELECTRON_OVERRIDE_DIST_PATH)` }
      : {
          path: null,
          reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron executable at ${candidate}`,
        };
  }
  if (relative === null || relative === '') {
    return {
      path: null,
      reason:
        'the Electron binary was never downloaded (node_modules/electron/path.txt is missing)',
    };
  }
  const candidate = path.join(pkgDir, 'dist', relative);
  return fs.existsSync(candidate)
    ? { path: candidate, reason: `found at ${candidate}` }
    : { path: null, reason: `the Electron binary is missing (${candidate} does not exist)` };
}

/** The folders @electron/get (used by electron and electron-builder) caches zips in. */
export function electronCacheDirs(env = process.env) {
  const dirs = [env.ELECTRON_CACHE, env.electron_config_cache];
  const home = os.homedir();
  if (process.platform === 'darwin') dirs.push(path.join(home, 'Library', 'Caches', 'electron'));
  else if (process.platform === 'win32') {
    dirs.push(
      path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'electron', 'Cache'),
    );
  } else dirs.push(path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'electron'));
  return dirs.filter((d) => typeof d === 'string' && d !== '');
}

/** The cached Electron zip for this machine, or null. Looks two levels deep. */
export function findElectronZip(root, env = process.env) {
  const pkg = readText(path.join(root, 'node_modules', 'electron', 'package.json'));
  if (pkg === null) return null;
  const { version } = JSON.parse(pkg);
  const name = `electron-v${version}-${process.platform}-${process.arch}.zip`;
  for (const dir of electronCacheDirs(env)) {
    if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const candidate = path.join(dir, entry.name, name);
      if (entry.isDirectory() && fs.existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/** `electron-v45.4.1-linux-x64.zip`: what packaging needs, for messages. */
export function electronZipName(root) {
  const pkg = readText(path.join(root, 'node_modules', 'electron', 'package.json'));
  const version = pkg === null ? '<version>' : JSON.parse(pkg).version;
  return `electron-v${version}-${process.platform}-${process.arch}.zip`;
}
