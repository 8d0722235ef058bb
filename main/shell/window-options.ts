// [Note: window security] Every security-relevant setting of the app window, as plain
// data and pure functions, so a plain-Node test can check them without loading Electron
// (only `import type` from 'electron' here). The shell applies them verbatim.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { opensInBrowser } from './open-url.ts';

/** The renderer is served from this privileged custom scheme, never from file: or http:. */
export const appScheme = 'app';
export const appHost = 'starling';
/** Chromium's serialisation of the app's origin (Node's URL says 'null' for custom schemes). */
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

export { contentSecurityPolicy, securityHeaders } from '../serving/renderer-assets.ts';

/** The privileges of the app scheme: a standard, secure origin with fetch; no CSP bypass. */
export const appSchemePrivileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
  // Videos from the media library play and seek over app:// (byte ranges).
  stream: true,
  bypassCSP: false,
  corsEnabled: false,
  allowServiceWorkers: false,
} as const;

/**
 * Every window's settings but the preload and devTools: sandboxed, isolated, no Node, no
 * webviews. Exported so the built bundle's windows can be compared with it.
 */
export const lockedDownPreferences = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  // A file dropped outside the composer's drop zone must not replace the app.
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const satisfies WebPreferences;

export function webPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return { preload: preloadPath, ...lockedDownPreferences, devTools };
}

export const minimumWindowSize = { width: 900, height: 600 } as const;
export const defaultWindowSize = { width: 1280, height: 820 } as const;

export function windowOptions(
  preloadPath: string,
  devTools: boolean,
  bounds: { x?: number; y?: number; width: number; height: number },
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    title: 'Starling',
    // Shown once the first paint is ready, so the user never sees a blank frame.
    show: false,
    backgroundColor: '#f7f9fc',
    autoHideMenuBar: true,
    webPreferences: webPreferences(preloadPath, devTools),
  };
}

/** The page shown while the core upgrades the user's data (renderer/upgrade.html). */
export const upgradePageUrl = `${appOrigin}/upgrade.html`;

/**
 * The small window the upgrade page shows in before the app window exists ([Note: upgrade
 * progress]): the app window's locked-down settings without its preload, as the page needs
 * no IPC (it reads the upgrade's status from the app scheme). Guarded like every window by
 * web-guards.ts.
 */
export function upgradeWindowOptions(devTools: boolean): BrowserWindowConstructorOptions {
  return {
    width: 560,
    height: 340,
    resizable: false,
    maximizable: false,
    fullscreenable: false,
    title: 'Upgrading Starling',
    show: false,
    backgroundColor: '#f7f9fc',
    autoHideMenuBar: true,
    webPreferences: { ...lockedDownPreferences, devTools },
  };
}

/** True only for URLs of the app's own origin (scheme and host both match). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}

/** The frame of an IPC call, as far as the check needs it (WebFrameMain satisfies it). */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * IPC is answered only for the app's own top-level document: a frame of any other
 * origin (a link that slipped through, an injected iframe) gets nothing.
 */
export function isTrustedSender(frame: SenderFrame | null): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/** Navigation away from the loaded app is never allowed; reloading the app itself is. */
export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}

/** window.open and target=_blank never create an Electron window. */
export const windowOpenResponse = { action: 'deny' } as const;

/**
 * Links to the web (a published post on x.com) open in the user's browser instead;
 * only https without credentials in the URL, so no file:, custom-scheme or javascript:
 * URL reaches the OS — the same rule as the core's openUrl port (open-url.ts).
 */
export function opensExternally(url: string): boolean {
  return opensInBrowser(url, { loopbackHttp: false });
}

/**
 * Web permissions the page may have: only writing sanitized text to the clipboard (the
 * X setup guide's Copy buttons). No camera, notifications, geolocation or clipboard
 * reading; desktop notifications come from the main process, not the page.
 */
export const grantedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export const grantsPermission = (permission: string): boolean => grantedPermissions.has(permission);

/**
 * The hidden window that prints a PDF report (pdf-printer.ts): sandboxed, isolated, no
 * Node, and no JavaScript at all — the report is static HTML with its own CSP.
 */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
    },
  };
}
