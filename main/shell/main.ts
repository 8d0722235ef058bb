// The Electron main process, loaded by the entry (index.ts). Everything Electron needs
// before 'ready' (data folder, sandbox, privileged scheme, single-instance lock) runs
// synchronously at module load: 'ready' fires only after the entry has settled, so there is
// no top-level await here. Everything else happens in boot().
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { app, dialog, powerMonitor, session, shell, type BrowserWindow } from 'electron';
import { createFileLogger } from '../core/adapters/file-logger.ts';
import { createNodePorts } from '../core/adapters/node-ports.ts';
import { restoreBackup } from '../core/data/backups-service.ts';
import { createCore, type Core } from '../core/create-core.ts';
import { installAppMenu } from './app-menu.ts';
import { forwardEvents, serveIpc } from './ipc-bridge.ts';
import { dataDirOverride } from './launch-options.ts';
import { createMainWindow, revealWindow } from './main-window.ts';
import { createUrlOpener } from './open-url.ts';
import { createPdfPrinter } from './pdf-printer.ts';
import { createPreferencesStore } from './preferences-store.ts';
import { registerAppScheme, serveRenderer } from './renderer-protocol.ts';
import { safeStorageProtector } from './safe-storage-protector.ts';
import { startupFailureNotice } from './startup-failure.ts';
import { startTrayResident } from './tray-resident.ts';
import { openUpgradeWindow } from './upgrade-window.ts';
import { denyWebPermissions, guardAllWebContents } from './web-guards.ts';
import { createWindowState } from './window-state.ts';
import { createWrappedKeyCipher } from './wrapped-key-cipher.ts';
import { AppFailure } from '../../shared/result.ts';
import type { UpgradeProgress } from '../../shared/upgrade-progress.ts';

const appId = 'app.starling.desktop';
// The bundle sits in out/main; the preload and the UI are built beside it.
const paths = {
  preload: path.join(import.meta.dirname, '..', 'preload', 'index.cjs'),
  renderer: path.join(import.meta.dirname, '..', 'renderer'),
  icon: path.join(import.meta.dirname, 'icon.png'),
};

// Chromium's profile and the single-instance lock live in userData, so a custom data
// folder is also a separate instance (tests run side by side).
const override = dataDirOverride(process.argv.slice(1), process.env, process.cwd());
if (override !== null) {
  // setPath refuses a folder that does not exist yet.
  fs.mkdirSync(override, { recursive: true });
  app.setPath('userData', override);
}
const dataDir = app.getPath('userData');
const logger = createFileLogger(dataDir, () => Date.now());

interface ShellState {
  quitting: boolean;
  core: Core | null;
  window: BrowserWindow | null;
  stop: (() => void)[];
}

app.enableSandbox();
registerAppScheme();
if (process.platform === 'win32') app.setAppUserModelId(appId);

if (app.requestSingleInstanceLock()) {
  start();
} else {
  // Another Starling owns this data folder; it was told (second-instance) to show itself.
  app.quit();
}

function start(): void {
  const state: ShellState = { quitting: false, core: null, window: null, stop: [] };
  const show = () => {
    if (state.window !== null) revealWindow(state.window);
  };
  const quit = () => {
    app.quit();
  };

  guardAllWebContents(logger);
  app.on('second-instance', show);
  app.on('activate', show);
  // The window only hides; should it ever be destroyed, the app lives on in the tray.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => {
    state.quitting = true;
  });
  app.on('will-quit', (event) => {
    const core = state.core;
    if (core === null) return;
    // Quit waits for the database to close cleanly, then quits for real.
    event.preventDefault();
    state.core = null;
    for (const stop of state.stop) stop();
    core
      .close()
      .catch((error: unknown) => {
        logger.error('closing the core failed', { error: String(error) });
      })
      .finally(quit);
  });
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);

  void app
    .whenReady()
    .then(() => boot(state, show, quit))
    .catch((error: unknown) => failStartup(state, error));
}

async function boot(state: ShellState, show: () => void, quit: () => void): Promise<void> {
  denyWebPermissions(session.defaultSession);
  // app:// also carries media uploads and files by id once the core is up (503 before),
  // and what an upgrade of the data does while the core opens.
  let upgrade: UpgradeProgress | null = null;
  serveRenderer(paths.renderer, {
    core: () => state.core,
    logger,
    upgrade: () =>
      state.core === null ? { state: 'upgrading', progress: upgrade } : { state: 'ready' },
  });

  const cipher = await createWrappedKeyCipher(
    path.join(dataDir, 'vault.key'),
    safeStorageProtector(),
    logger,
  );
  const ports = createNodePorts(dataDir, {
    logger,
    cipher,
    preferences: createPreferencesStore(dataDir),
    openUrl: createUrlOpener((url) => shell.openExternal(url), logger, {
      loopbackHttp: process.env.STARLING_X_API_ORIGIN !== undefined,
    }),
    printPdf: createPdfPrinter(),
    // The OS file dialog runs here, in the main process: the only paths a window can import.
    pickMediaFiles: async () =>
      (
        await openDialog(state, {
          title: 'Add media',
          properties: ['openFile', 'multiSelections'],
          filters: [
            {
              name: 'Images, videos and PDFs',
              extensions: ['jpg', 'jpeg', 'png', 'webp', 'gif', 'mp4', 'mov', 'm4v', 'pdf'],
            },
          ],
        })
      ).filePaths,
    pickCsvFile: async () =>
      (
        await openDialog(state, {
          title: 'Import posts from CSV',
          properties: ['openFile'],
          filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }],
        })
      ).filePaths[0] ?? null,
  });
  // An upgrade of a big archive takes minutes: its page shows in a window of its own.
  let upgradeWindow: { close(): void } | null = null;
  const core = await createCore({
    dataDir,
    host: 'electron',
    ports,
    onUpgradeProgress: (progress) => {
      upgrade = progress;
      upgradeWindow ??= openUpgradeWindow({
        iconPath: paths.icon,
        devTools: !app.isPackaged,
        logger,
      });
    },
  }).finally(() => {
    upgradeWindow?.close();
  });
  state.core = core;
  state.stop.push(
    serveIpc(core.dispatch, logger),
    forwardEvents(core.events, () =>
      state.window === null || state.window.isDestroyed() ? null : state.window.webContents,
    ),
  );

  const windowState = createWindowState(dataDir);
  state.window = createMainWindow({
    preloadPath: paths.preload,
    iconPath: paths.icon,
    placement: windowState.placement(),
    devTools: !app.isPackaged,
    isQuitting: () => state.quitting,
    logger,
  });
  windowState.track(state.window);
  // A system shutdown or log-off must not wait on a window that only hides: Windows says
  // so on the window (no before-quit there), Linux and macOS through powerMonitor.
  state.window.on('session-end', () => {
    state.quitting = true;
    quit();
  });
  powerMonitor.on('shutdown', quit);
  // Timers stop while the machine sleeps: look at the clock as soon as it is back.
  const checkNow = () => {
    void core.scheduler.checkNow();
  };
  powerMonitor.on('resume', checkNow);
  powerMonitor.on('unlock-screen', checkNow);
  await core.startBackground();
  // Quitting from a menu asks first when posts are due soon; signals and shutdown do not.
  const resident = startTrayResident({ core, dataDir, iconPath: paths.icon, logger, show, quit });
  state.stop.push(() => {
    resident.stop();
  });
  installAppMenu({ development: !app.isPackaged, quit: resident.quit });
  // Every module a start needs is loaded now: keep their compiled code for the next launch
  // rather than only at exit, which a crash or a forced quit skips ([Note: compile cache]).
  module.flushCompileCache();
  logger.info('desktop app started', { version: app.getVersion(), dataDir });
}

/** Tells the user why Starling cannot start, then exits without touching anything more. */
async function failStartup(state: ShellState, error: unknown): Promise<void> {
  logger.error('startup failed', { error: error instanceof Error ? error.stack : String(error) });
  const notice = startupFailureNotice(error, dataDir);
  await state.core?.close().catch(() => undefined);
  if (notice.restoreCandidate !== undefined) {
    // A damaged database with a good backup: offer to restore it here, then start again.
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: notice.title,
      message: notice.title,
      detail: notice.message,
      buttons: ['Restore and restart', 'Quit'],
      defaultId: 0,
      cancelId: 1,
    });
    if (response === 0) {
      try {
        await restoreBackup({ dataDir, backup: notice.restoreCandidate, now: Date.now(), logger });
        app.relaunch();
        app.exit(0);
        return;
      } catch (restoreError) {
        logger.error('restore at startup failed', { error: String(restoreError) });
        const reason =
          restoreError instanceof AppFailure ? restoreError.error.message : String(restoreError);
        dialog.showErrorBox('The backup could not be restored', reason);
      }
    }
    app.exit(1);
    return;
  }
  dialog.showErrorBox(notice.title, notice.message);
  app.exit(1);
}

/** The OS file dialog over the window when there is one; nothing chosen on cancel. */
async function openDialog(
  state: ShellState,
  options: Electron.OpenDialogOptions,
): Promise<{ filePaths: string[] }> {
  const parent = state.window;
  const picked =
    parent === null || parent.isDestroyed()
      ? await dialog.showOpenDialog(options)
      : await dialog.showOpenDialog(parent, options);
  return { filePaths: picked.canceled ? [] : picked.filePaths };
}
