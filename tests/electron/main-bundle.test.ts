// The built main process (out/main/index.js) run in plain Node against a recording fake
// of 'electron' (fake-electron/): runs on every machine, binary or not. It checks the
// wiring a real launch depends on: pre-ready setup, the app:// file server and its CSP,
// IPC answered only for the app's own frame and pushed events, the navigation, pop-up and
// permission guards, close-to-tray, the tray menu and its Pause, a clean quit from the
// tray, the newer-database dialog, the upgrade window and the single-instance hand-over. What only real Electron can show (sandboxing, the CSP in
// Chromium, the preload) is left to app.electron.test.ts.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { lockedDownPreferences } from '../../main/shell/window-options.ts';
import { channels } from '../../shared/ipc/contract.ts';
import { dumpDatabase, makeCore } from '../helpers/core.ts';
import { makeClientInput } from '../helpers/factories.ts';
import { makeOldDatabase, migrationsAfter } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { buildElectronOnce, root } from './build-electron.ts';

const bundle = path.join(root, 'out', 'main', 'index.js');
const driver = path.join(import.meta.dirname, 'fake-electron', 'run-main.mjs');

interface Served {
  status: number;
  csp: string | null;
  type: string | null;
  body: string;
}

interface BaseReport {
  schemes: unknown;
  schemesBeforeReady: boolean;
  sandboxBeforeReady: boolean;
  userData: string;
  compileCacheDir: string | null;
  exitCode: number;
}

/** What run-main.mjs reports for the 'main' scenario. */
interface MainReport extends BaseReport {
  window: {
    url: string;
    visible: boolean;
    options: { icon: string; webPreferences: Record<string, unknown> & { preload: string } };
  };
  protocol: Record<'index' | 'root' | 'traversal' | 'otherHost' | 'post', Served>;
  ipc: { channels: string[]; created: { value: unknown } } & Record<
    'invalid' | 'foreign' | 'subframe' | 'gone' | 'info' | 'preferences',
    unknown
  >;
  sent: unknown;
  pdf: unknown;
  csv: unknown;
  printer: unknown;
  guards: unknown;
  afterClose: unknown;
  afterSecondInstance: unknown;
  tray: { labels: string[]; tooltip: string };
  trayPaused: { labels: string[]; tooltip: string };
  messageBoxes: number;
  trayDestroyed: boolean;
  handlersAfterQuit: number;
  quitCalls: number;
}

/** What it reports for a launch that ends before any window. */
interface EarlyExitReport extends BaseReport {
  windows: number;
  errorBoxes: { title: string; content: string }[];
}

interface DamagedReport extends EarlyExitReport {
  messageBoxes: { title: string; detail: string; buttons: string[] }[];
  calls: string[];
}

/** What it reports for a launch that upgrades an old database first. */
interface UpgradeReport extends BaseReport {
  upgrade: {
    options: { webPreferences: Record<string, unknown> };
    url: string;
    visible: boolean;
    windowsWhileUpgrading: number;
    during: unknown;
    page: { status: number; csp: string | null };
    destroyedWhenReady: boolean;
    after: unknown;
  };
  mainWindowUrl: string;
}

function runMain(scenario: string, dataDir: string, env: Record<string, string> = {}): unknown {
  const run = spawnSync(process.execPath, [driver, scenario, bundle], {
    cwd: root,
    // Without NODE_COMPILE_CACHE: only the bundle itself may switch the compile cache on.
    env: { ...process.env, NODE_COMPILE_CACHE: undefined, ...env, STARLING_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !last.startsWith('{')) {
    throw new Error(`driver failed (${String(run.status)}):\n${run.stdout}\n${run.stderr}`);
  }
  return JSON.parse(last);
}

/** What no window of the shipped bundle may do without, whatever window-options.ts says. */
const neverLess = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  webSecurity: true,
};

const sha256 = (file: string) =>
  crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('the built main process against a fake electron', () => {
  beforeAll(async () => {
    await buildElectronOnce();
  });

  it('boots, serves the UI, answers only its own frame, and quits cleanly', () => {
    // A data folder that does not exist yet is created.
    const dataDir = path.join(tempDataDir(), 'not', 'yet');
    const r = runMain('main', dataDir) as MainReport;

    // Before ready: privileged scheme, sandbox for every renderer, the chosen data folder.
    expect(r.schemesBeforeReady).toBe(true);
    expect(r.sandboxBeforeReady).toBe(true);
    expect(r.userData).toBe(dataDir);
    expect(r.schemes).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }),
      },
    ]);

    expect(r.window.url).toBe('app://starling/index.html');
    expect(r.window.visible).toBe(true);
    // The window carries window-options.ts's locks as they are (its unit test pins each
    // value; here a bundle that drops or changes one fails), and never less than these.
    expect(r.window.options.webPreferences).toEqual({
      ...lockedDownPreferences,
      devTools: true,
      preload: expect.any(String),
    });
    expect(r.window.options.webPreferences).toMatchObject(neverLess);
    expect(fs.existsSync(r.window.options.webPreferences.preload)).toBe(true);
    expect(fs.existsSync(r.window.options.icon)).toBe(true);

    expect(r.protocol.index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(r.protocol.index.csp).toContain("default-src 'self'");
    expect(r.protocol.index.body.toLowerCase()).toContain('<!doctype html>');
    expect(r.protocol.root.status).toBe(200);
    expect(r.protocol.traversal.status).toBe(403);
    expect(r.protocol.otherHost.status).toBe(403);
    expect(r.protocol.post.status).toBe(405);

    expect(r.ipc.channels).toEqual([...channels].sort());
    expect(r.ipc.created).toMatchObject({ ok: true, value: { name: 'Fake Co' } });
    expect(r.ipc.invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // A PDF report needs no installed browser in the desktop app: a hidden, sandboxed
    // window with JavaScript off prints it and is destroyed.
    expect(r.pdf).toMatchObject({
      ok: true,
      value: { mime: 'application/pdf', encoding: 'base64' },
    });
    expect(
      Buffer.from((r.pdf as { value: { content: string } }).value.content, 'base64').toString(),
    ).toBe('%PDF-1.7 fake');
    expect(r.printer).toEqual({
      webPreferences: expect.objectContaining({
        sandbox: true,
        javascript: false,
        contextIsolation: true,
      }),
      show: false,
      destroyed: true,
      printed: [
        {
          scheme: 'data:text/html;charset=utf-8',
          options: expect.objectContaining({ pageSize: 'A4' }),
        },
      ],
    });
    // The CSV import's worker thread starts from the bundle's own file and answers.
    expect(fs.existsSync(path.join(root, 'out', 'main', 'csv-import-worker.js'))).toBe(true);
    expect(r.csv).toMatchObject({
      ok: true,
      value: {
        dryRun: true,
        total: 1,
        invalid: 1,
        rows: [{ row: 2, ok: false, issues: [{ column: 'account' }] }],
      },
    });
    for (const refused of [r.ipc.foreign, r.ipc.subframe, r.ipc.gone]) {
      expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(r.ipc.info).toMatchObject({ ok: true, value: { host: 'electron', dataDir } });
    // The scheduler starts with the app and announces its state first. (The first daily
    // backup is pushed too, at a moment of its own: data-backups.test.ts covers it.)
    const sent = (r.sent as [string, { event: string }][]).filter(
      ([, message]) => message.event !== 'backup:created',
    );
    expect(sent).toEqual([
      [
        'starling:event',
        { event: 'scheduler:state-changed', payload: { state: 'idle', paused: false } },
      ],
      ['starling:event', { event: 'client:saved', payload: { client: r.ipc.created.value } }],
      [
        'starling:event',
        {
          event: 'preferences:changed',
          payload: {
            preferences: {
              theme: 'dark',
              timezone: null,
              xClientId: null,
              xCallbackPort: 17823,
              firstRunDone: false,
            },
          },
        },
      ],
    ]);

    expect(r.guards).toEqual({
      navigationBlocked: true,
      inAppNavigationBlocked: false,
      openHttps: { action: 'deny' },
      openFile: { action: 'deny' },
      openedExternally: ['https://x.com/a/status/1'],
      permission: false,
      permissionCheck: false,
    });

    expect(r.afterClose).toEqual({ visible: false, destroyed: false });
    expect(r.afterSecondInstance).toEqual({ visible: true });
    expect(r.tray).toEqual({
      tooltip: 'Starling — idle',
      labels: [
        'Starling — idle',
        'separator',
        'No posts scheduled',
        'separator',
        'Pause publishing',
        'Open Starling',
        'separator',
        'Notify on each publish',
        'Start at login',
        'separator',
        'Quit Starling',
      ],
    });
    expect(r.trayPaused.tooltip).toBe('Starling — idle (paused)');
    expect(r.trayPaused.labels).toContain('Resume publishing');
    expect(r.trayPaused.labels).not.toContain('Pause publishing');

    // The tray's Quit, with nothing due, did not ask; quit waited for the core to close
    // the database, then quit for real, and took the tray away.
    expect(r.messageBoxes).toBe(0);
    expect(r.trayDestroyed).toBe(true);
    expect(r.exitCode).toBe(0);
    expect(r.quitCalls).toBe(2);
    expect(r.handlersAfterQuit).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'starling.db-wal'))).toBe(false);

    // Preferences and window bounds went to electron-store files in the data folder;
    // no vault key without a keychain (the fake reports Linux's 'basic_text').
    const readJson = (name: string): unknown =>
      JSON.parse(fs.readFileSync(path.join(dataDir, name), 'utf8'));
    const prefs = readJson('preferences.json');
    expect(prefs).toEqual({
      preferences: {
        theme: 'dark',
        timezone: null,
        xClientId: null,
        xCallbackPort: 17823,
        firstRunDone: false,
      },
      // The tray's Pause then Resume: remembered, so a restart keeps what the user chose.
      'scheduler.paused': false,
    });
    expect(readJson('window-state.json')).toMatchObject({
      window: { bounds: { x: 40, y: 30, width: 1100, height: 720 } },
    });
    expect(fs.existsSync(path.join(dataDir, 'vault.key'))).toBe(false);
  });

  it('refuses a database from a newer Starling with a dialog and leaves it untouched', () => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, 'starling.db');
    const db = new Database(file);
    db.exec('CREATE TABLE kysely_migration (name TEXT PRIMARY KEY, timestamp TEXT NOT NULL)');
    db.prepare('INSERT INTO kysely_migration VALUES (?, ?)').run('0001-initial', 'then');
    db.prepare('INSERT INTO kysely_migration VALUES (?, ?)').run('9999-from-the-future', 'later');
    db.close();
    const before = sha256(file);

    const r = runMain('database-too-new', dataDir) as EarlyExitReport;
    expect(r.exitCode).toBe(1);
    expect(r.windows).toBe(0);
    expect(r.errorBoxes).toHaveLength(1);
    expect(r.errorBoxes[0]?.title).toBe('Starling needs an update');
    expect(r.errorBoxes[0]?.content).toContain('9999-from-the-future');
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(dataDir).sort()).toEqual(['logs', 'starling.db']);
  });

  it('offers to restore the newest good backup of a damaged database, keeping the damaged file', async () => {
    const dataDir = tempDataDir();
    const core = await makeCore({ dataDir });
    await core.dispatch('clients:create', makeClientInput({ name: 'Kept in the backup' }));
    const backup = await core.dispatch('backups:create', {});
    if (!backup.ok) throw new Error(backup.error.message);
    const good = dumpDatabase(core);
    await core.close();
    const file = path.join(dataDir, 'starling.db');
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2) + 100);
    const damaged = sha256(file);

    // Quit: nothing changes.
    const quit = runMain('database-damaged', dataDir) as DamagedReport;
    expect(quit.exitCode).toBe(1);
    expect(quit.windows).toBe(0);
    expect(quit.messageBoxes).toEqual([
      expect.objectContaining({
        title: 'Starling’s database is damaged',
        buttons: ['Restore and restart', 'Quit'],
        detail: expect.stringContaining('backups/damaged/'),
      }),
    ]);
    expect(sha256(file)).toBe(damaged);

    // Restore: the backup is swapped in, the damaged file kept, and the app starts again.
    const restored = runMain('database-damaged', dataDir, {
      FAKE_ELECTRON_DIALOG_RESPONSE: '0',
    }) as DamagedReport;
    expect(restored.exitCode).toBe(0);
    expect(restored.calls).toContain('app.relaunch');
    const kept = fs.readdirSync(path.join(dataDir, 'backups', 'damaged'));
    expect(kept).toHaveLength(1);
    const reopened = await makeCore({ dataDir });
    expect(dumpDatabase(reopened)).toEqual(good);
  });

  it('shows an upgrade of the data in a locked-down window of its own, then the app', async () => {
    const dataDir = tempDataDir();
    const last = '0024-part-containers';
    await makeOldDatabase(dataDir, { last, posts: 100 });
    const r = runMain('upgrade', dataDir) as UpgradeReport;

    expect(r.upgrade.url).toBe('app://starling/upgrade.html');
    expect(r.upgrade.visible).toBe(true);
    expect(r.upgrade.windowsWhileUpgrading).toBe(1);
    expect(r.upgrade.options.webPreferences).toEqual({ ...lockedDownPreferences, devTools: true });
    expect(r.upgrade.options.webPreferences).toMatchObject(neverLess);
    expect(r.upgrade.page.status).toBe(200);
    expect(r.upgrade.page.csp).toContain("script-src 'self'");
    expect(r.upgrade.during).toEqual({
      state: 'upgrading',
      progress: {
        phase: 'migrating',
        step: {
          index: 1,
          count: migrationsAfter(last).length,
          description: 'Rebuilding the search index by client',
        },
        fraction: 0,
      },
    });
    // Ready: the upgrade window is gone before the app window shows.
    expect(r.upgrade.destroyedWhenReady).toBe(true);
    expect(r.upgrade.after).toEqual({ state: 'ready' });
    expect(r.mainWindowUrl).toBe('app://starling/index.html');
    expect(r.exitCode).toBe(0);
  });

  it('hands a second launch over to the running one without touching the data', () => {
    const [dataDir, temp] = [tempDataDir(), tempDataDir()];
    const r = runMain('second-instance', dataDir, {
      FAKE_ELECTRON_LOCK: 'taken',
      TMPDIR: temp,
    }) as EarlyExitReport;
    expect(r.exitCode).toBe(0);
    expect(r.windows).toBe(0);
    expect(fs.readdirSync(dataDir)).toEqual([]);
    // Its compiled code is kept for the next launch (out/main/index.js, [Note: compile cache]).
    expect(r.compileCacheDir).toContain(path.join(temp, 'node-compile-cache'));
    expect(fs.readdirSync(r.compileCacheDir ?? temp, { recursive: true }).length).toBeGreaterThan(
      0,
    );
  });
});
