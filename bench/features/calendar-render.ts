// The month view drawn in Chromium (playwright-core, Debian's /usr/bin/chromium) against
// the browser host `starling serve` runs, on a 48,000-post dataset (~2,000 posts a month).
// Each sample is timed inside the page with the Performance API: from the click (Month,
// or Next month) until the answer is drawn and a frame has been painted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore } from '../../main/core/create-core.ts';
import { startBrowserHost } from '../../main/host/browser-host.ts';
import { buildDataset } from '../dataset.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Runs in the page (plain JS: the bench is type-checked without the DOM): clicks the
 * button matching SELECTOR and resolves with the ms until the new range is painted.
 */
export const timeClickSource = `(selector) => new Promise((resolve, reject) => {
  const body = document.querySelector('.cal-body');
  const button = document.querySelector(selector);
  if (body === null || button === null) return reject(new Error('missing ' + selector));
  const before = body.dataset.loads;
  const observer = new MutationObserver(() => {
    if (body.dataset.loads === before) return;
    observer.disconnect();
    // The DOM is committed; the next frame's paint is what the user sees.
    requestAnimationFrame(() => setTimeout(() => {
      performance.mark('calendar-painted');
      resolve(performance.measure('calendar', 'calendar-click', 'calendar-painted').duration);
    }, 0));
  });
  observer.observe(body, { attributes: true, attributeFilter: ['data-loads'] });
  performance.mark('calendar-click');
  button.click();
})`;

export async function measureMonthRender(): Promise<{
  render: number[];
  next: number[];
  posts: number;
}> {
  const { build } = await import('vite');
  const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-bench-renderer-'));
  await build({
    configFile: path.join(root, 'vite.renderer.config.ts'),
    logLevel: 'silent',
    build: { outDir: rendererDir, emptyOutDir: true },
  });
  // The dataset's two years start a year before today, so this month is in the middle.
  const start = Date.UTC(new Date().getUTCFullYear() - 1, new Date().getUTCMonth(), 1);
  const dataset = await buildDataset({ posts: 48_000, start });
  const { dataDir } = dataset;
  const core = await createCore({
    dataDir,
    host: 'browser',
    ports: createNodePorts(dataDir, { logger: silent }),
  });
  const host = await startBrowserHost({ core, rendererDir, port: 0, logger: silent });
  const browser = await chromium.launch({
    executablePath: process.env.STARLING_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await (
      await browser.newContext({
        timezoneId: 'Europe/Berlin',
        viewport: { width: 1600, height: 1000 },
      })
    ).newPage();
    await page.goto(`http://127.0.0.1:${String(host.port)}/#token=${host.token}`);
    await page
      .locator('.cal-body[aria-busy="false"] .cal-chip')
      .first()
      .waitFor({ timeout: 60_000 });
    // Posts in the month (each day cell says how many it holds), not chips drawn.
    const posts = await page.evaluate<number>(
      `[...document.querySelectorAll('.cal-day:not(.cal-day-outside)')].reduce((n, c) => n + Number(/: (\\d+) posts/.exec(c.getAttribute('aria-label'))?.[1] ?? 0), 0)`,
    );
    const timeClick = (selector: string) =>
      page.evaluate<number>(`(${timeClickSource})(${JSON.stringify(selector)})`);
    const render: number[] = [];
    const next: number[] = [];
    const weekButton = 'button[aria-pressed][data-view="week"]';
    const monthButton = 'button[aria-pressed][data-view="month"]';
    for (let i = 0; i < 23; i += 1) {
      await timeClick(weekButton);
      const ms = await timeClick(monthButton);
      if (i >= 3) render.push(ms); // the first few warm the JIT
    }
    for (let i = 0; i < 23; i += 1) {
      const ms = await timeClick('button[data-step="1"]');
      if (i >= 3) next.push(ms);
      // Back and forth over the months around today, all inside the dataset.
      if (i % 4 === 3) {
        for (let b = 0; b < 4; b += 1) await timeClick('button[data-step="-1"]');
      }
    }
    return { render, next, posts };
  } finally {
    await browser.close();
    await host.close();
    await core.close();
    dataset.remove();
    fs.rmSync(rendererDir, { recursive: true, force: true });
  }
}
