// What `starling` loads to answer: a read-only command opens the database and nothing of
// the networks, media or file formats; --version not even the database. The command runs
// from the bundle (out/cli, built by the test run's global set-up) when that is up to date
// and from the sources when any of its inputs changed since.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freshCliBundle } from '../../bin/cli-bundle.js';
import { binPath } from '../helpers/cli.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const root = path.resolve(import.meta.dirname, '../..');
const recorder = path.resolve(import.meta.dirname, '../helpers/record-imports.ts');

/** Packages in a file the process loaded: its own, or those a bundle chunk inlines. */
function packagesIn(file: string): string[] {
  const direct = /[/\\]node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/.exec(file);
  if (direct !== null) return [direct[1]?.replace('\\', '/') ?? ''];
  if (!file.startsWith(path.join(root, 'out', 'cli'))) return [];
  // A bundled chunk's source map names every file inlined into it (the bundler's own
  // runtime chunk has none, and holds no package).
  if (!fs.existsSync(`${file}.map`)) return [];
  const map = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
  return map.sources.flatMap((source) => {
    const inlined = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
    return inlined === null ? [] : [inlined[1] ?? ''];
  });
}

function loadedBy(args: string[]): { files: string[]; packages: Set<string> } {
  const record = path.join(tempDataDir('starling-imports-'), 'imports.json');
  const run = spawnSync(process.execPath, ['--import', recorder, binPath, ...args], {
    encoding: 'utf8',
    env: { ...process.env, STARLING_RECORD_IMPORTS: record },
    timeout: 30_000,
  });
  expect(run.status, run.stderr).toBe(0);
  const files = (JSON.parse(fs.readFileSync(record, 'utf8')) as string[])
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url));
  return { files, packages: new Set(files.flatMap(packagesIn)) };
}

/** What only publishing, media and file formats need. */
const notForReading = [
  'twitter-api-v2',
  '@atproto/api',
  'sharp',
  'file-type',
  'mp4box',
  'csv-parse',
  'csv-stringify',
  'ical-generator',
  'yauzl',
  'yazl',
  'ws',
  'open',
  '@aws-sdk/client-s3',
];

describe('starling start-up', () => {
  it('runs the bundle, which the test run built and which is up to date', () => {
    expect(freshCliBundle(root)).toBe(path.join(root, 'out', 'cli', 'main.js'));
    const { files } = loadedBy(['--version']);
    expect(files).toContain(path.join(root, 'out', 'cli', 'main.js'));
    expect(files.some((f) => f.startsWith(path.join(root, 'main')))).toBe(false);
  });

  it('answers --version without opening the database', () => {
    const { packages } = loadedBy(['--version']);
    expect(packages.has('commander')).toBe(true);
    expect(packages.has('kysely')).toBe(false);
    expect(packages.has('better-sqlite3')).toBe(false);
  });

  it('lists clients and posts with the database alone', () => {
    const dataDir = tempDataDir();
    for (const command of [
      ['clients', 'list'],
      ['posts', 'list'],
      ['accounts', 'list'],
    ]) {
      const { packages } = loadedBy(['--data-dir', dataDir, '--json', ...command]);
      // The recording works: the database's packages are there.
      expect(packages.has('kysely')).toBe(true);
      expect(packages.has('better-sqlite3')).toBe(true);
      expect(notForReading.filter((name) => packages.has(name))).toEqual([]);
    }
  });

  it('loads a library when the command needs it', () => {
    const { packages } = loadedBy(['--json', 'text', 'count', '--text', 'hello']);
    expect(packages.has('twitter-text')).toBe(true);
  });
});

describe('the bundle check', () => {
  function project(): string {
    const dir = tempDataDir('starling-bundle-');
    fs.mkdirSync(path.join(dir, 'out', 'cli'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'main'));
    fs.writeFileSync(path.join(dir, 'main', 'a.ts'), '');
    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{}');
    fs.writeFileSync(
      path.join(dir, 'out', 'cli', 'inputs.json'),
      '["main/a.ts","package-lock.json"]',
    );
    fs.writeFileSync(path.join(dir, 'out', 'cli', 'main.js'), '');
    // The bundle a second after its inputs.
    const then = new Date(Date.now() - 10_000);
    for (const f of ['main/a.ts', 'package-lock.json'])
      fs.utimesSync(path.join(dir, f), then, then);
    return dir;
  }

  it('accepts a bundle newer than its inputs', () => {
    const dir = project();
    expect(freshCliBundle(dir)).toBe(path.join(dir, 'out', 'cli', 'main.js'));
  });

  it('refuses a bundle when an input changed, is gone, or the list is missing', () => {
    const changed = project();
    fs.writeFileSync(path.join(changed, 'main', 'a.ts'), 'export {};');
    fs.utimesSync(path.join(changed, 'main', 'a.ts'), new Date(), new Date(Date.now() + 5_000));
    expect(freshCliBundle(changed)).toBeNull();

    const gone = project();
    fs.rmSync(path.join(gone, 'main', 'a.ts'));
    expect(freshCliBundle(gone)).toBeNull();

    const unlisted = project();
    fs.rmSync(path.join(unlisted, 'out', 'cli', 'inputs.json'));
    expect(freshCliBundle(unlisted)).toBeNull();

    const locked = project();
    fs.utimesSync(path.join(locked, 'package-lock.json'), new Date(), new Date(Date.now() + 5_000));
    expect(freshCliBundle(locked)).toBeNull();
  });
});
