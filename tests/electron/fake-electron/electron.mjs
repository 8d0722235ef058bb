// A stand-in for the 'electron' module, just large enough to run the built main bundle
// (out/main/index.js) in plain Node where the Electron binary cannot be had. It records
// what the shell asks of Electron so main-bundle.test.ts can check it. Not Electron:
// nothing here renders, sandboxes or enforces a CSP; the real e2e suite does that.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';

export const recorded = {
  calls: [],
  printed: [],
  schemes: null,
  schemesBeforeReady: false,
  sandboxBeforeReady: false,
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  windows: [],
  trays: [],
  applicationMenu: null,
  errorBoxes: [],
  openedExternally: [],
  notifications: [],
  messageBoxes: [],
  powerSaveBlockers: [],
  loginItemSettings: [],
  permissionHandlers: {},
  exitCode: null,
};

let ready = false;
let resolveReady;
const readyPromise = new Promise((resolve) => {
  resolveReady = resolve;
});
let resolveExit;
export const exited = new Promise((resolve) => {
  resolveExit = resolve;
});

const makeEvent = (fields = {}) => ({
  ...fields,
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
});

const paths = new Map([['userData', '/nonexistent/fake-electron-user-data']]);

class App extends EventEmitter {
  isPackaged = false;
  getPath(name) {
    return paths.get(name);
  }
  setPath(name, value) {
    // As in Electron: a folder that does not exist is refused.
    if (!fs.existsSync(value)) throw new Error(`Failed to set path: ${value} does not exist`);
    paths.set(name, value);
  }
  getVersion() {
    return '0.0.0-fake';
  }
  getName() {
    return 'Starling';
  }
  isReady() {
    return ready;
  }
  whenReady() {
    return readyPromise;
  }
  enableSandbox() {
    recorded.sandboxBeforeReady = !ready;
  }
  setAppUserModelId() {}
  getAppPath() {
    return process.cwd();
  }
  getLoginItemSettings() {
    return { openAtLogin: recorded.loginItemSettings.at(-1)?.openAtLogin ?? false };
  }
  setLoginItemSettings(settings) {
    recorded.loginItemSettings.push(settings);
  }
  requestSingleInstanceLock() {
    return process.env.FAKE_ELECTRON_LOCK !== 'taken';
  }
  quit() {
    recorded.calls.push('app.quit');
    const before = makeEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    const will = makeEvent();
    this.emit('will-quit', will);
    if (will.defaultPrevented) return;
    this.exit(0);
  }
  relaunch() {
    recorded.calls.push('app.relaunch');
  }
  exit(code = 0) {
    if (recorded.exitCode !== null) return;
    recorded.exitCode = code;
    resolveExit(code);
  }
}
export const app = new App();

/** Test control: what Electron does once Chromium is up. */
export function emitReady() {
  ready = true;
  app.emit('ready');
  resolveReady();
}

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    recorded.schemes = schemes;
    recorded.schemesBeforeReady = !ready;
  },
  handle(scheme, handler) {
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handle(channel, handler) {
    if (recorded.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    recorded.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel) {
    recorded.ipcHandlers.delete(channel);
  },
  // electron-store registers a renderer data channel.
  on() {},
};

const defaultSession = {
  setPermissionRequestHandler(handler) {
    recorded.permissionHandlers.request = handler;
  },
  setPermissionCheckHandler(handler) {
    recorded.permissionHandlers.check = handler;
  },
  setDevicePermissionHandler(handler) {
    recorded.permissionHandlers.device = handler;
  },
};
export const session = { defaultSession };

class WebContents extends EventEmitter {
  sent = [];
  url = '';
  windowOpenHandler = null;
  send(channel, message) {
    this.sent.push([channel, structuredClone(message)]);
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return false;
  }
  reload() {}
  printToPDF(options) {
    recorded.printed.push({ url: this.url, options });
    return Promise.resolve(Buffer.from('%PDF-1.7 fake'));
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return recorded.windows.filter((w) => !w.destroyed);
  }
  visible = false;
  destroyed = false;
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    recorded.windows.push(this);
    app.emit('web-contents-created', makeEvent(), this.webContents);
  }
  loadURL(url) {
    this.webContents.url = url;
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  restore() {}
  maximize() {}
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return { x: 40, y: 30, width: 1100, height: 720 };
  }
  destroy() {
    this.destroyed = true;
  }
  close() {
    const event = makeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroyed = true;
  }
}

export class Tray extends EventEmitter {
  constructor(image) {
    super();
    this.image = image;
    recorded.trays.push(this);
  }
  setToolTip(text) {
    this.tooltip = text;
  }
  setContextMenu(menu) {
    this.menu = menu;
  }
  setTitle(title) {
    this.title = title;
  }
  destroy() {
    this.destroyed = true;
  }
}

export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    recorded.notifications.push(this.options);
  }
  close() {}
}

let nextBlocker = 1;
export const powerSaveBlocker = {
  start(type) {
    const id = nextBlocker++;
    recorded.powerSaveBlockers.push({ id, type, stopped: false });
    return id;
  },
  stop(id) {
    const blocker = recorded.powerSaveBlockers.find((b) => b.id === id);
    if (blocker) blocker.stopped = true;
  },
  isStarted: (id) => recorded.powerSaveBlockers.some((b) => b.id === id && !b.stopped),
};

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu(menu) {
    recorded.applicationMenu = menu;
  },
};

export const nativeImage = {
  createFromPath: (path) => ({ path, resize: () => ({ path }) }),
};

export const screen = {
  getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

export const dialog = {
  showErrorBox(title, content) {
    recorded.errorBoxes.push({ title, content });
  },
  showMessageBox(options) {
    recorded.messageBoxes.push(options);
    // FAKE_ELECTRON_DIALOG_RESPONSE picks a button; the default is the cancel one.
    const chosen = process.env.FAKE_ELECTRON_DIALOG_RESPONSE;
    const response = chosen === undefined ? (options.cancelId ?? 0) : Number(chosen);
    return Promise.resolve({ response, checkboxChecked: false });
  },
};

export const shell = {
  openExternal(url) {
    recorded.openedExternally.push(url);
    return Promise.resolve();
  },
  openPath: () => Promise.resolve(''),
};

export const powerMonitor = new EventEmitter();

// Linux without a keyring: the plaintext fallback, which must count as unavailable.
export const safeStorage = {
  getSelectedStorageBackend: () => process.env.FAKE_ELECTRON_BACKEND ?? 'basic_text',
  isAsyncEncryptionAvailable: () => Promise.resolve(true),
  encryptStringAsync: (text) => Promise.resolve(Buffer.from(`fake:${text}`)),
  decryptStringAsync: (data) =>
    Promise.resolve({ result: Buffer.from(data).toString().slice(5), shouldReEncrypt: false }),
};

export default {
  app,
  protocol,
  ipcMain,
  session,
  BrowserWindow,
  Tray,
  Notification,
  powerSaveBlocker,
  Menu,
  nativeImage,
  screen,
  dialog,
  shell,
  safeStorage,
  powerMonitor,
};
