// The app window's security settings, checked without Electron: Node stays out of the
// page, the page is sandboxed and isolated, the CSP is strict, IPC answers only the
// app's own top-level document, and navigation, pop-ups and permissions are refused.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appEntryUrl,
  appOrigin,
  appSchemePrivileges,
  contentSecurityPolicy,
  grantsPermission,
  isTrustedSender,
  lockedDownPreferences,
  mayNavigate,
  opensExternally,
  printWindowOptions,
  securityHeaders,
  upgradePageUrl,
  upgradeWindowOptions,
  webPreferences,
  windowOpenResponse,
  windowOptions,
} from '../../main/shell/window-options.ts';

const cspDirectives = () =>
  new Map(
    contentSecurityPolicy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );

describe('window options', () => {
  it('sandboxes and isolates the page and keeps Node out of it', () => {
    // The one place each lock is written out: the bundle tests compare with the constant.
    expect(lockedDownPreferences).toEqual({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    });
    expect(webPreferences('/app/out/preload/index.cjs', false)).toEqual({
      ...lockedDownPreferences,
      preload: '/app/out/preload/index.cjs',
      devTools: false,
    });
    const options = windowOptions('/p.cjs', true, { width: 1000, height: 700 });
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(options.show).toBe(false);
  });

  it('locks the upgrade window down as the app window, without a preload', () => {
    const { preload, ...appLocks } = webPreferences('/p.cjs', false);
    expect(preload).toBe('/p.cjs');
    expect(upgradeWindowOptions(false).webPreferences).toEqual(appLocks);
    expect(upgradePageUrl).toBe(`${appOrigin}/upgrade.html`);
    expect(mayNavigate(upgradePageUrl)).toBe(true);
  });

  it('serves a strict CSP on every response', () => {
    const csp = cspDirectives();
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data: blob:",
      'font-src': "'self'",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(contentSecurityPolicy).not.toMatch(/unsafe-(inline|eval)|\*/);
    expect(securityHeaders['Content-Security-Policy']).toBe(contentSecurityPolicy);
    expect(securityHeaders['X-Content-Type-Options']).toBe('nosniff');
    expect(appSchemePrivileges).toMatchObject({ standard: true, secure: true, bypassCSP: false });
  });

  it('answers IPC only from the app’s own top-level document', () => {
    expect(appOrigin).toBe('app://starling');
    expect(isTrustedSender({ url: appEntryUrl, parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://starling/settings', parent: null })).toBe(true);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender({ url: appEntryUrl, parent: {} })).toBe(false);
    for (const url of [
      'app://evil/index.html',
      'app://starling.evil.com/',
      'https://starling/index.html',
      'file:///app/out/renderer/index.html',
      'http://127.0.0.1:5173/',
      'about:blank',
      'not a url',
    ]) {
      expect(isTrustedSender({ url, parent: null }), url).toBe(false);
    }
  });

  it('refuses navigation away from the app, pop-ups and every permission', () => {
    expect(mayNavigate('app://starling/index.html')).toBe(true);
    expect(mayNavigate('https://x.com/')).toBe(false);
    expect(mayNavigate('file:///etc/passwd')).toBe(false);
    expect(mayNavigate('javascript:alert(1)')).toBe(false);
    expect(windowOpenResponse).toEqual({ action: 'deny' });
    expect(opensExternally('https://x.com/starling/status/1')).toBe(true);
    for (const url of [
      'http://x.com/',
      'https://user:secret@x.com/',
      'file:///etc/passwd',
      'app://starling/',
      'javascript:1',
      'smb://host/share',
    ]) {
      expect(opensExternally(url), url).toBe(false);
    }
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'unknown',
    ]) {
      expect(grantsPermission(permission), permission).toBe(false);
    }
    expect(grantsPermission('clipboard-sanitized-write')).toBe(true);
  });

  it('is what the shell actually uses: no other window settings anywhere in it', () => {
    const shellDir = path.resolve(import.meta.dirname, '../../main/shell');
    const sources = fs
      .readdirSync(shellDir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => [f, fs.readFileSync(path.join(shellDir, f), 'utf8')] as const);
    for (const [file, text] of sources) {
      expect(text, file).not.toMatch(
        /sandbox:\s*false|contextIsolation:\s*false|nodeIntegration\w*:\s*true|webSecurity:\s*false|bypassCSP:\s*true|loadFile\(|file:\/\//,
      );
    }
    // Every window takes its settings from window-options.ts: the app window, the hidden
    // one that prints PDF reports, and the one showing an upgrade of the data.
    const windows = sources.filter(([, text]) => text.includes('new BrowserWindow('));
    expect(windows.map(([file]) => file)).toEqual([
      'main-window.ts',
      'pdf-printer.ts',
      'upgrade-window.ts',
    ]);
    expect(windows[0]?.[1]).toContain('windowOptions(');
    expect(windows[1]?.[1]).toContain('new BrowserWindow(printWindowOptions())');
    expect(windows[2]?.[1]).toContain('...upgradeWindowOptions(');
    expect(windows[2]?.[1]).toContain('loadURL(upgradePageUrl)');
    expect(printWindowOptions()).toEqual({
      show: false,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        webSecurity: true,
      },
    });
  });
});
