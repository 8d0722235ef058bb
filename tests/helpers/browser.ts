// Launches Debian's Chromium through playwright-core (Playwright cannot download its
// own browsers here) with the flags that keep it quiet on a machine without internet.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { onTestFinished } from 'vitest';

export function chromiumPath(): string {
  const candidates = [
    process.env.STARLING_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  const found = candidates.find(
    (p): p is string => p !== undefined && p !== '' && fs.existsSync(p),
  );
  if (found === undefined) {
    throw new Error(
      "Chromium not found: install Debian's chromium or set STARLING_CHROMIUM (npm test does this for you).",
    );
  }
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  onTestFinished(() => browser.close());
  return browser;
}
