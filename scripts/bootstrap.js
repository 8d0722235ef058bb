// Entry of `npm start` and `npm test` on any machine, fresh or not. Plain JavaScript that
// runs on the machine's old Node: it installs dependencies when they are missing or
// stale, finds a Node new enough for the project (the `node` devDependency brings one)
// and Chromium for the browser tests, then hands over to the real command.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshCliBundle } from '../bin/cli-bundle.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2];
const passThrough = process.argv.slice(3);

const say = (line) => process.stderr.write(`${line}\n`);
const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
};

function ensureDependencies() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  const stale =
    !fs.existsSync(installed) ||
    (fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(installed).mtimeMs);
  if (!stale) return;
  say('Installing dependencies (npm ci)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (run(npm, ['ci', '--no-audit', '--no-fund'], { shell: process.platform === 'win32' }) !== 0) {
    say('starling: npm ci failed; see the messages above.');
    process.exit(1);
  }
}

/** A Node that can run the project: this one if new enough, else the bundled one. */
function projectNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 18)) return process.execPath;
  const bundled = path.join(
    root,
    'node_modules',
    'node',
    'bin',
    process.platform === 'win32' ? 'node.exe' : 'node',
  );
  if (fs.existsSync(bundled)) return bundled;
  say(
    `starling: needs Node 22.18 or newer and found ${process.version}; the "node" devDependency did not install.`,
  );
  process.exit(1);
}

const chromiumCandidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

function ensureChromium() {
  const fromEnv = process.env.STARLING_CHROMIUM;
  if (fromEnv) return fromEnv;
  const found = chromiumCandidates.find((p) => fs.existsSync(p));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && fs.existsSync('/usr/bin/apt-get')) {
    say('Installing Chromium for the browser tests (apt-get install chromium)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], { env });
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { env });
    const installed = chromiumCandidates.find((p) => fs.existsSync(p));
    if (installed) return installed;
  }
  say(
    'starling: the browser tests need Chromium. Install it (Debian: apt-get install chromium) or set STARLING_CHROMIUM to its path.',
  );
  process.exit(1);
}

/**
 * Builds the `starling` CLI bundle (vite.cli.config.ts) when its sources changed since, so
 * `npx starling` starts from it; without it the CLI still runs, from the sources, slower.
 */
function ensureCliBundle(node) {
  if (freshCliBundle(root) !== null) return;
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (run(node, [vite, 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'warn']) !== 0) {
    say('starling: building the CLI bundle failed; `npx starling` runs from the sources.');
  }
}

ensureDependencies();
const node = projectNode();
if (mode === 'start' || mode === 'bench') ensureCliBundle(node);
const env = {
  ...process.env,
  PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
};

if (mode === 'test') {
  env.STARLING_CHROMIUM = ensureChromium();
  const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
  process.exit(run(node, [vitest, 'run', ...passThrough], { env }));
} else if (mode === 'bench') {
  process.exit(run(node, [path.join(root, 'bench', 'run.ts'), ...passThrough], { env }));
} else if (mode === 'shots') {
  env.STARLING_CHROMIUM = ensureChromium();
  process.exit(run(node, [path.join(root, 'scripts', 'shots.ts'), ...passThrough], { env }));
} else if (mode === 'start') {
  process.exit(run(node, [path.join(root, 'scripts', 'start.js'), ...passThrough], { env }));
} else {
  say('usage: node scripts/bootstrap.js start|test|bench|shots [args…]');
  process.exit(2);
}
