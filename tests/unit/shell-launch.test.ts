// How the desktop app is launched and how it fails: the data-folder override, the
// message for a database from a newer Starling, and the Electron binary probe that
// `npm start`, `npm run dist` and the Electron e2e tests rely on.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirOverride } from '../../main/shell/launch-options.ts';
import { startupFailureNotice } from '../../main/shell/startup-failure.ts';
import { findElectronBinary, findElectronZip } from '../../scripts/electron-binary.js';
import { failure } from '../../shared/result.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('data folder override', () => {
  it('takes --data-dir over STARLING_DATA_DIR, resolved against the working folder', () => {
    const env = { STARLING_DATA_DIR: '/env/dir' };
    expect(dataDirOverride(['.', '--data-dir', 'rel'], env, '/cwd')).toBe(path.resolve('/cwd/rel'));
    expect(dataDirOverride(['--data-dir=/abs'], env, '/cwd')).toBe(path.resolve('/abs'));
    expect(dataDirOverride(['.'], env, '/cwd')).toBe(path.resolve('/env/dir'));
    expect(dataDirOverride(['.'], { STARLING_DATA_DIR: '' }, '/cwd')).toBeNull();
    expect(dataDirOverride([], {}, '/cwd')).toBeNull();
  });
});

describe('startup failure notice', () => {
  it("shows the core's own words for a database from a newer Starling", () => {
    const error = failure('DATABASE_TOO_NEW', 'The database at /d/starling.db is newer. Update.');
    expect(startupFailureNotice(error, '/d')).toEqual({
      title: 'Starling needs an update',
      message: 'The database at /d/starling.db is newer. Update.',
    });
  });

  it('points at the log for anything else', () => {
    const notice = startupFailureNotice(new Error('disk full'), '/d');
    expect(notice.title).toBe('Starling could not start');
    expect(notice.message).toContain('disk full');
    expect(notice.message).toContain(path.join('/d', 'logs', 'starling.log'));
  });
});

describe('electron binary probe', () => {
  it('finds an override dist folder and reports a missing one in one line', () => {
    const dist = tempDataDir();
    const saved = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    try {
      process.env.ELECTRON_OVERRIDE_DIST_PATH = dist;
      const missing = findElectronBinary(root);
      expect(missing.path).toBeNull();
      expect(missing.reason).not.toContain('\n');
      const name = process.platform === 'win32' ? 'electron.exe' : 'electron';
      const relative = fs.existsSync(path.join(root, 'node_modules/electron/path.txt'))
        ? fs.readFileSync(path.join(root, 'node_modules/electron/path.txt'), 'utf8').trim()
        : name;
      fs.mkdirSync(path.dirname(path.join(dist, relative)), { recursive: true });
      fs.writeFileSync(path.join(dist, relative), '');
      expect(findElectronBinary(root).path).toBe(path.join(dist, relative));
    } finally {
      if (saved === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
      else process.env.ELECTRON_OVERRIDE_DIST_PATH = saved;
    }
  });

  it('finds a cached Electron zip in the layout @electron/get uses', () => {
    const cache = tempDataDir();
    expect(findElectronZip(root, { ELECTRON_CACHE: cache })).toBeNull();
    const { version } = JSON.parse(
      fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
    ) as { version: string };
    const zip = path.join(
      cache,
      'abc123',
      `electron-v${version}-${process.platform}-${process.arch}.zip`,
    );
    fs.mkdirSync(path.dirname(zip));
    fs.writeFileSync(zip, '');
    expect(findElectronZip(root, { ELECTRON_CACHE: cache })).toBe(zip);
  });

  it('makes `npm run dist` stop at once with one line where it cannot package', () => {
    // An empty dist override and empty caches: no binary and no zip, on any machine.
    const empty = tempDataDir();
    const env = {
      ...process.env,
      ELECTRON_OVERRIDE_DIST_PATH: empty,
      ELECTRON_CACHE: empty,
      electron_config_cache: empty,
      HOME: empty,
      USERPROFILE: empty,
      XDG_CACHE_HOME: empty,
      LOCALAPPDATA: empty,
    };
    const started = Date.now();
    const run = spawnSync(process.execPath, [path.join(root, 'scripts/dist.js')], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(run.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^npm run dist: cannot package here: .*internet/);
  });
});
