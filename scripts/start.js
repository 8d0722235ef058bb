// `npm start` after bootstrap: builds the UI, then opens the Electron app, or, where the
// Electron binary cannot be had, says so in one line and starts the browser host.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (command, commandArgs) =>
  spawnSync(command, commandArgs, {
    stdio: 'inherit',
    cwd: root,
    shell: process.platform === 'win32',
  }).status ?? 1;

const electron = findElectronBinary(root);
const builds = electron.path ? ['build:renderer', 'build:electron'] : ['build:renderer'];
for (const script of builds) {
  if (run(npm, ['run', '--silent', script, '--', '--logLevel', 'warn']) !== 0) process.exit(1);
}

if (electron.path) {
  process.exit(run(electron.path, ['.', ...args]));
}
process.stderr.write(
  `Electron is not available here: ${electron.reason}; starting the browser host instead.\n`,
);
// Like the desktop app, the stand-in publishes scheduled posts while it runs.
process.exit(
  run(process.execPath, [path.join(root, 'bin', 'starling.js'), 'serve', '--publish', ...args]),
);
