// `npm run dist [-- --e2e]`: builds Starling and packages it with electron-builder for this OS.
// Packaging needs the Electron binary (node_modules/electron/dist) or its zip in the
// Electron cache; where neither exists (no internet) it says so in one line and stops.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builderArgs } from './dist-args.js';
import {
  electronCacheDirs,
  electronZipName,
  findElectronBinary,
  findElectronZip,
} from './electron-binary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const windows = process.platform === 'win32';

const binary = findElectronBinary(root);
const zip = findElectronZip(root);
if (binary.path === null && zip === null) {
  process.stderr.write(
    `npm run dist: cannot package here: ${binary.reason} and ${electronZipName(root)} is not in ` +
      `the Electron cache (${electronCacheDirs().join(', ')}); on a machine with internet run ` +
      '"npm ci && npm run dist" (or put that zip in ELECTRON_CACHE) and it will build the installers.\n',
  );
  process.exit(1);
}

const run = (command, args) =>
  spawnSync(command, args, { stdio: 'inherit', cwd: root, shell: windows }).status ?? 1;

if (run(windows ? 'npm.cmd' : 'npm', ['run', '--silent', 'build']) !== 0) process.exit(1);

const builder = path.join(
  root,
  'node_modules',
  '.bin',
  windows ? 'electron-builder.cmd' : 'electron-builder',
);
// No cached zip: package the unpacked Electron that is already installed instead.
const electronDist =
  zip === null && binary.path !== null
    ? process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(root, 'node_modules', 'electron', 'dist')
    : null;
process.exit(run(builder, builderArgs(process.argv.slice(2), { electronDist })));
