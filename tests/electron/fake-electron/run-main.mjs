// Runs the built main bundle (out/main/index.js) in plain Node with 'electron' resolved to
// ./electron.mjs, plays one scenario against it and prints a JSON report on the last
// line of stdout. Used by tests/electron/main-bundle.test.ts.
import path from 'node:path';
import { getCompileCacheDir, registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const fakeUrl = new URL('./electron.mjs', import.meta.url).href;
registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'electron') return { url: fakeUrl, shortCircuit: true, format: 'module' };
    return next(specifier, context);
  },
});

const [scenario, bundle] = process.argv.slice(2);
const fake = await import(fakeUrl);
const { recorded } = fake;
await import(pathToFileURL(path.resolve(bundle)).href);

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
async function until(condition, what) {
  for (let i = 0; i < 500; i += 1) {
    if (condition()) return;
    await settle();
  }
  throw new Error(`timed out waiting for ${what}`);
}
const frame = (url) => ({ senderFrame: url === null ? null : { url, parent: null } });
const appFrame = frame('app://starling/index.html');

const report = {
  schemes: recorded.schemes,
  schemesBeforeReady: recorded.schemesBeforeReady,
  sandboxBeforeReady: recorded.sandboxBeforeReady,
  userData: fake.app.getPath('userData'),
  // Set only when the bundle switched Node's compile cache on (the test clears the env var).
  compileCacheDir: getCompileCacheDir() ?? null,
};

if (scenario === 'second-instance') {
  fake.emitReady();
  report.exitCode = await fake.exited;
  report.windows = recorded.windows.length;
} else if (scenario === 'database-too-new' || scenario === 'database-damaged') {
  fake.emitReady();
  report.exitCode = await fake.exited;
  report.errorBoxes = recorded.errorBoxes;
  report.messageBoxes = recorded.messageBoxes.map(({ title, detail, buttons }) => ({
    title,
    detail,
    buttons,
  }));
  report.calls = recorded.calls;
  report.windows = recorded.windows.length;
} else if (scenario === 'upgrade') {
  // The test left the database at an older migration. A write lock taken here holds the
  // upgrade at its first migration (for less than SQLite's 5 s busy timeout), so the
  // upgrade window is seen while the core is still opening.
  const { default: Database } = await import('better-sqlite3');
  const blocker = new Database(path.join(fake.app.getPath('userData'), 'starling.db'));
  blocker.exec('BEGIN IMMEDIATE');
  fake.emitReady();
  await until(() => recorded.windows.length === 1, 'the upgrade window');
  const upgradeWindow = recorded.windows[0];
  const serve = recorded.protocolHandlers.get('app');
  const status = async () => (await serve(new Request('app://starling/api/upgrade'))).json();
  let during = await status();
  for (let i = 0; i < 150 && during.progress?.phase !== 'migrating'; i += 1) {
    await settle();
    during = await status();
  }
  const page = await serve(new Request('app://starling/upgrade.html'));
  report.upgrade = {
    options: upgradeWindow.options,
    url: upgradeWindow.webContents.url,
    visible: upgradeWindow.visible,
    windowsWhileUpgrading: recorded.windows.length,
    during,
    page: { status: page.status, csp: page.headers.get('content-security-policy') },
  };
  blocker.exec('ROLLBACK');
  blocker.close();
  await until(() => recorded.windows.length === 2 && recorded.windows[1].visible, 'the window');
  report.upgrade.destroyedWhenReady = upgradeWindow.destroyed;
  report.upgrade.after = await status();
  report.mainWindowUrl = recorded.windows[1].webContents.url;
  await until(() => recorded.trays[0]?.menu !== undefined, 'the tray menu');
  recorded.trays[0].menu.template.find((item) => item.label === 'Quit Starling').click();
  report.exitCode = await fake.exited;
} else {
  fake.emitReady();
  await until(() => recorded.windows.length === 1 && recorded.trays.length === 1, 'the window');
  await until(() => recorded.windows[0].visible, 'ready-to-show');
  const window = recorded.windows[0];
  const contents = window.webContents;
  report.window = {
    options: window.options,
    url: contents.url,
    visible: window.visible,
  };

  const serve = recorded.protocolHandlers.get('app');
  const fetchApp = async (url, method = 'GET') => {
    const response = await serve(new Request(url, { method }));
    const body = await response.text();
    return {
      status: response.status,
      csp: response.headers.get('content-security-policy'),
      type: response.headers.get('content-type'),
      body: body.slice(0, 200),
    };
  };
  report.protocol = {
    index: await fetchApp('app://starling/index.html'),
    root: await fetchApp('app://starling/'),
    traversal: await fetchApp('app://starling/..%2f..%2fpackage.json'),
    otherHost: await fetchApp('app://elsewhere/index.html'),
    post: await fetchApp('app://starling/index.html', 'POST'),
  };

  const invoke = (channel, event, input) => recorded.ipcHandlers.get(channel)(event, input);
  report.ipc = {
    channels: [...recorded.ipcHandlers.keys()].sort(),
    created: await invoke('clients:create', appFrame, { name: 'Fake Co' }),
    invalid: await invoke('clients:create', appFrame, { name: '' }),
    foreign: await invoke('clients:list', frame('https://evil.example/'), {}),
    subframe: await invoke(
      'clients:list',
      {
        senderFrame: { url: 'app://starling/index.html', parent: {} },
      },
      {},
    ),
    gone: await invoke('clients:list', frame(null), {}),
    info: await invoke('app:get-info', appFrame, {}),
    preferences: await invoke('settings:update-preferences', appFrame, { theme: 'dark' }),
  };
  // A client report as PDF: printed by Electron's own Chromium in a hidden window.
  const windowsBefore = recorded.windows.length;
  report.pdf = await invoke('analytics:export-report', appFrame, {
    clientId: report.ipc.created.value.id,
    from: Date.UTC(2026, 10, 1),
    to: Date.UTC(2026, 10, 25),
    format: 'pdf',
  });
  const printer = recorded.windows[windowsBefore];
  report.printer = {
    webPreferences: printer?.options.webPreferences,
    show: printer?.options.show,
    destroyed: printer?.destroyed,
    printed: recorded.printed.map(({ url, options }) => ({ scheme: url.split(',')[0], options })),
  };
  report.sent = [...contents.sent];
  // The CSV import runs on the worker thread the bundle carries (csv-import-worker.js).
  report.csv = await invoke('data:import-csv', appFrame, {
    csv: 'text,account,date,time\nHello,@nobody,2027-01-04,09:00\n',
    dryRun: true,
  });

  const navigation = {
    url: 'https://evil.example/',
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
  contents.emit('will-frame-navigate', navigation);
  const inApp = {
    url: 'app://starling/index.html',
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
  contents.emit('will-frame-navigate', inApp);
  const permission = await new Promise((resolve) =>
    recorded.permissionHandlers.request(contents, 'notifications', resolve, {}),
  );
  report.guards = {
    navigationBlocked: navigation.defaultPrevented,
    inAppNavigationBlocked: inApp.defaultPrevented,
    openHttps: contents.windowOpenHandler({ url: 'https://x.com/a/status/1' }),
    openFile: contents.windowOpenHandler({ url: 'file:///etc/passwd' }),
    openedExternally: recorded.openedExternally,
    permission,
    permissionCheck: recorded.permissionHandlers.check(contents, 'media', 'app://starling', {}),
  };

  window.close();
  report.afterClose = { visible: window.visible, destroyed: window.destroyed };
  fake.app.emit('second-instance', {}, [], '/');
  report.afterSecondInstance = { visible: window.visible };
  report.menu = recorded.applicationMenu.template.map((item) => item.label ?? item.role);

  // The tray follows the scheduler: Pause in its menu pauses publishing and the menu
  // then offers Resume. Its Quit, with nothing due soon, quits without asking.
  const tray = recorded.trays[0];
  const labels = () => tray.menu.template.map((item) => item.label ?? item.type);
  const clickTray = (label) => tray.menu.template.find((item) => item.label === label).click();
  await until(() => tray.menu !== undefined, 'the tray menu');
  report.tray = { labels: labels(), tooltip: tray.tooltip };
  clickTray('Pause publishing');
  await until(() => labels().includes('Resume publishing'), 'the paused tray');
  report.trayPaused = { tooltip: tray.tooltip, labels: labels() };
  clickTray('Resume publishing');
  await until(() => labels().includes('Pause publishing'), 'the resumed tray');

  clickTray('Quit Starling');
  report.exitCode = await fake.exited;
  report.handlersAfterQuit = recorded.ipcHandlers.size;
  report.quitCalls = recorded.calls.filter((c) => c === 'app.quit').length;
  report.messageBoxes = recorded.messageBoxes.length;
  report.trayDestroyed = tray.destroyed === true;
}

process.stdout.write(`\n${JSON.stringify(report)}\n`);
process.exit(0);
