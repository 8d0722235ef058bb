// The desktop app itself, driven by Playwright's Electron support: the window loads the
// UI from app://starling under the CSP, a client created through the UI is listed and
// survives a restart, the page sees only a frozen invoke/on bridge, closing the window
// keeps the app running and a second launch brings it back. Where there is no Electron
// binary (no internet to download it), the suite says why in one line and is skipped.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary.js';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { buildElectronOnce, root } from './build-electron.ts';
import { displayProblem, openDisplay, type Display } from './display.ts';

const electron = findElectronBinary(root);
const skipReason = electron.path === null ? electron.reason : displayProblem();
if (skipReason !== null) console.log(`Electron e2e skipped: ${skipReason}`);

// Root has no user namespace sandbox on Linux; the renderers stay sandboxed (sandbox: true).
const chromiumArgs = [
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ...(process.platform === 'linux' ? ['--disable-gpu'] : []),
];

let display: Display | undefined;

function launchEnv(dataDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('ELECTRON_RUN_AS_NODE')) env[key] = value;
  }
  return { ...env, ...display?.env, STARLING_DATA_DIR: dataDir };
}

async function launch(
  dataDir: string,
): Promise<{ app: ElectronApplication; page: Page; errors: string[] }> {
  const app = await _electron.launch({
    executablePath: electron.path ?? '',
    args: [...chromiumArgs, root],
    cwd: root,
    env: launchEnv(dataDir),
    timeout: 60_000,
  });
  onTestFinished(() => app.close().catch(() => undefined));
  const page = await app.firstWindow();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.waitForLoadState('domcontentloaded');
  return { app, page, errors };
}

const clientRow = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Clients' }).getByRole('listitem').filter({ hasText: name });

describe.skipIf(skipReason !== null)('the desktop app', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    await buildElectronOnce();
    display = await openDisplay();
  });
  afterAll(() => {
    display?.stop();
  });

  it('loads the UI and creates a client that survives a restart', async () => {
    const dataDir = tempDataDir();
    const first = await launch(dataDir);
    expect(first.page.url()).toBe('app://starling/index.html');
    await first.page.getByRole('link', { name: 'Clients' }).click();
    await first.page.getByRole('button', { name: 'New client' }).click();
    await first.page.getByLabel('Name', { exact: true }).fill('Harbour Coffee');
    await first.page.getByRole('button', { name: 'Save client' }).click();
    await clientRow(first.page, 'Harbour Coffee').waitFor();
    expect(first.errors).toEqual([]);
    await first.app.close();

    expect(fs.existsSync(path.join(dataDir, 'starling.db'))).toBe(true);
    const second = await launch(dataDir);
    await second.page.getByRole('link', { name: 'Clients' }).click();
    await clientRow(second.page, 'Harbour Coffee').waitFor();
  });

  it('gives the page only a frozen invoke/on bridge to the contract', async () => {
    const dataDir = tempDataDir();
    const { page } = await launch(dataDir);
    const seen = await page.evaluate(async () => {
      // No DOM types on this side: the page's window is typed by hand.
      const w = globalThis as unknown as Record<string, unknown> & {
        starling: { invoke(c: string, i: unknown): Promise<unknown> };
      };
      return {
        keys: Object.keys(w.starling).sort(),
        frozen: Object.isFrozen(w.starling),
        node: [typeof w.require, typeof w.process, typeof w.module, typeof w.ipcRenderer],
        unknown: await w.starling.invoke('shell:open-path', { path: '/' }),
        info: await w.starling.invoke('app:get-info', {}),
      };
    });
    expect(seen.keys).toEqual(['invoke', 'on']);
    expect(seen.frozen).toBe(true);
    expect(seen.node).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
    expect(seen.unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(seen.info).toMatchObject({ ok: true, value: { host: 'electron', dataDir } });
  });

  it('serves the UI under the CSP, refuses files outside it and opens no windows', async () => {
    const { app, page } = await launch(tempDataDir());
    const seen = await page.evaluate(async () => {
      const w = globalThis as unknown as { open(url: string): unknown };
      const index = await fetch('./index.html');
      const outside = await fetch('./%2e%2e%2fpackage.json');
      return {
        csp: index.headers.get('content-security-policy'),
        outside: outside.status,
        // Not https, so the shell refuses it without handing it to the system browser.
        popup: w.open('http://example.invalid/'),
      };
    });
    expect(seen.csp).toContain("script-src 'self'");
    expect(seen.csp).toContain("object-src 'none'");
    expect(seen.outside).toBeGreaterThanOrEqual(400);
    expect(seen.popup).toBeNull();
    expect(app.windows()).toHaveLength(1);
  });

  it('hides on close and comes back on a second launch', async () => {
    const dataDir = tempDataDir();
    const { app } = await launch(dataDir);
    const visible = () =>
      app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()));
    await expect.poll(visible).toEqual([true]);
    await app.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()[0]?.close();
    });
    await expect.poll(visible).toEqual([false]);

    const second = spawn(electron.path ?? '', [...chromiumArgs, root], {
      cwd: root,
      env: launchEnv(dataDir),
      stdio: 'ignore',
    });
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).toBe(0);
    await expect.poll(visible).toEqual([true]);
  });
});
