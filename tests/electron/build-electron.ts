// Builds the Electron bundles (out/main, out/preload) once per test run. Vitest runs test
// files in parallel worker processes, and two builds emptying out/main at once would
// pull the bundle from under a test that is running it; so the first worker builds under
// a lock file and stamps the run (the workers' shared parent pid), the others wait.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');
const outDir = path.join(root, 'out');
// Kept out of out/, which is packaged.
const cacheDir = path.join(root, 'node_modules', '.cache', 'starling-tests');
const lock = path.join(cacheDir, 'electron-build.lock');
const stamp = path.join(cacheDir, 'electron-build.run');
const staleLockMs = 120_000;

function npmRun(script: string): void {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', script], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) throw new Error(`npm run ${script} failed`);
}

const readStamp = () => {
  try {
    return fs.readFileSync(stamp, 'utf8');
  } catch {
    return null;
  }
};

export async function buildElectronOnce(): Promise<void> {
  const run = String(process.ppid);
  fs.mkdirSync(cacheDir, { recursive: true });
  for (;;) {
    if (readStamp() === run) return;
    let fd: number;
    try {
      fd = fs.openSync(lock, 'wx');
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > staleLockMs) fs.rmSync(lock, { force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    try {
      if (readStamp() !== run) {
        // The global setup builds the renderer; a lone run of these files may not have.
        if (!fs.existsSync(path.join(outDir, 'renderer', 'index.html'))) npmRun('build:renderer');
        npmRun('build:electron');
        fs.writeFileSync(stamp, run);
      }
    } finally {
      fs.closeSync(fd);
      fs.rmSync(lock, { force: true });
    }
    return;
  }
}
