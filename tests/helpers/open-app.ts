// Opens the app at a served URL in a fresh Chromium page the way every browser e2e test
// does, recording console errors and uncaught page errors so the layout check (and the
// test) can assert that none happened.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';

export interface OpenedApp {
  page: Page;
  /** Console errors and uncaught exceptions, in order; the layout check fails on any. */
  errors: string[];
}

export interface OpenAppOptions extends BrowserContextOptions {
  /** The browser to open the page in; by default a new one closed when the test ends. */
  browser?: Browser;
  /** Playwright's wait for actions; the app answers well within 10 s. */
  timeoutMs?: number;
}

const recorded = new WeakMap<Page, string[]>();

/** Starts recording a page's console errors and page errors (idempotent). */
export function recordErrors(page: Page): string[] {
  const existing = recorded.get(page);
  if (existing !== undefined) return existing;
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  recorded.set(page, errors);
  return errors;
}

/** What `recordErrors` has seen on this page so far (empty if it was never recorded). */
export function recordedErrors(page: Page): readonly string[] {
  return recorded.get(page) ?? [];
}

/** A new context and page on `url`, errors recorded from before the first load. */
export async function openApp(url: string, options: OpenAppOptions = {}): Promise<OpenedApp> {
  const { browser: given, timeoutMs = 10_000, ...contextOptions } = options;
  const browser = given ?? (await launchBrowser());
  const context = await browser.newContext({
    viewport: { width: 1024, height: 700 },
    ...contextOptions,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  const errors = recordErrors(page);
  await page.goto(url);
  return { page, errors };
}
