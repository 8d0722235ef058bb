// Issue 19's renderer targets on the cached 1,000,000-post dataset (../million-dataset.ts),
// in Chromium against the browser host, as calendar-render.ts measures them at 48,000:
// the month view's render (click → painted, ≤ 150 ms) and the agenda's frame time while a
// year of ~200,000 posts is scrolled programmatically (≤ 16 ms). Chromium runs without its
// frame-rate cap for the scroll, so a frame's time is its work, not the 60 Hz vsync wait.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Page } from 'playwright-core';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore } from '../../main/core/create-core.ts';
import { startBrowserHost } from '../../main/host/browser-host.ts';
import { millionDataset } from '../million-dataset.ts';
import type { Benchmark } from '../types.ts';
import { timeClickSource } from './calendar-render.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Runs in the page (plain JS): scrolls the agenda from the top at `pxPerMs` for `ms` (or
 * to the end) and resolves with every frame's time (requestAnimationFrame to the next) and
 * how far it went.
 */
const scrollSource = `({ pxPerMs, ms }) => new Promise((resolve) => {
  const el = document.querySelector('.cal-list-scroll');
  el.scrollTop = 0;
  const frames = [];
  let began = null;
  let last = null;
  const step = (now) => {
    if (began === null) { began = now; last = now; requestAnimationFrame(step); return; }
    frames.push(now - last);
    last = now;
    const t = now - began;
    const end = el.scrollHeight - el.clientHeight;
    el.scrollTop = Math.min(end, t * pxPerMs);
    if (t >= ms || el.scrollTop >= end) {
      resolve({ frames, px: el.scrollTop, height: el.scrollHeight, rows: Number(el.dataset.rows) });
      return;
    }
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})`;

interface Scrolled {
  frames: number[];
  px: number;
  height: number;
  rows: number;
}

const scroll = (page: Page, pxPerMs: number, ms: number) =>
  page.evaluate<Scrolled>(`(${scrollSource})(${JSON.stringify({ pxPerMs, ms })})`);

/** The app on a working copy of the cached database, in Chromium; `run` gets the page. */
async function withApp<T>(
  args: string[],
  run: (page: Page, dataDir: string) => Promise<T>,
): Promise<T> {
  const d = await millionDataset(log);
  const { build } = await import('vite');
  const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-bench-renderer-'));
  await build({
    configFile: path.join(root, 'vite.renderer.config.ts'),
    logLevel: 'silent',
    build: { outDir: rendererDir, emptyOutDir: true },
  });
  // A copy: the browser host writes (its start-up, the scheduler), the cache must not change.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-million-ui-'));
  log(`copying the 1,000,000-post database to ${dataDir}…`);
  fs.copyFileSync(d.file, path.join(dataDir, 'starling.db'), fs.constants.COPYFILE_FICLONE);
  // The dataset's due posts have no tokens: the scheduler is not to work on them meanwhile.
  const sqlite = new Database(path.join(dataDir, 'starling.db'));
  sqlite.exec(
    "UPDATE publish_jobs SET status = 'cancelled' WHERE status IN ('pending', 'running')",
  );
  sqlite.close();
  const core = await createCore({
    dataDir,
    host: 'browser',
    ports: createNodePorts(dataDir, { logger: silent }),
  });
  const host = await startBrowserHost({ core, rendererDir, port: 0, logger: silent });
  const browser = await chromium.launch({
    executablePath: process.env.STARLING_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      ...args,
    ],
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
      .waitFor({ timeout: 120_000 });
    return await run(page, dataDir);
  } finally {
    await browser.close();
    await host.close();
    await core.close();
    fs.rmSync(rendererDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export const calendarMillionBenchmarks: Benchmark[] = [
  {
    name: 'calendar-month-render-1m',
    description:
      'month view drawn in Chromium on the 1,000,000-post dataset (this month, all clients; the range query sends at most 10,000 posts): Week → Month and Next month, click to painted',
    async run() {
      return withApp([], async (page) => {
        const shown = await page.evaluate<number>(
          `[...document.querySelectorAll('.cal-day:not(.cal-day-outside)')].reduce((n, c) => n + Number(/: ([\\d,]+) posts/.exec(c.getAttribute('aria-label'))?.[1]?.replace(/,/g, '') ?? 0), 0)`,
        );
        const timeClick = (selector: string) =>
          page.evaluate<number>(`(${timeClickSource})(${JSON.stringify(selector)})`);
        const render: number[] = [];
        const next: number[] = [];
        for (let i = 0; i < 23; i += 1) {
          await timeClick('button[aria-pressed][data-view="week"]');
          const ms = await timeClick('button[aria-pressed][data-view="month"]');
          if (i >= 3) render.push(ms);
        }
        for (let i = 0; i < 13; i += 1) {
          const ms = await timeClick('button[data-step="-1"]');
          if (i >= 3) next.push(ms);
        }
        log(`  ${String(shown)} posts drawn in this month's cells`);
        return {
          unit: 'ms',
          samples: render,
          target: { stat: 'median', atMost: 150 },
          extra: [
            {
              name: 'previous month (months back from today)',
              unit: 'ms',
              samples: next,
              target: { stat: 'median', atMost: 150 },
            },
          ],
        };
      });
    },
  },
  {
    name: 'calendar-list-scroll-1m',
    description:
      "the agenda (list view) over a year of the 1,000,000-post dataset (~200,000 rows), scrolled programmatically in Chromium without its frame-rate cap: each frame's time (rAF to rAF) at reading pace (3 px/ms, posts arriving as it goes) and sweeping the whole year in 20 s",
    async run() {
      return withApp(['--disable-frame-rate-limit', '--disable-gpu-vsync'], async (page) => {
        await page.locator('button[aria-pressed][data-view="list"]').click();
        await page.locator('.cal-list-scroll .cal-chip').first().waitFor({ timeout: 120_000 });
        await scroll(page, 3, 2_000); // warm the JIT and the first blocks
        const reading = await scroll(page, 3, 10_000);
        const year = await page.evaluate<number>(
          `document.querySelector('.cal-list-scroll').scrollHeight`,
        );
        const sweep = await scroll(page, year / 20_000, 25_000);
        log(
          `  ${String(sweep.rows)} rows, ${(sweep.height / 1e6).toFixed(2)} M px; reading: ${String(reading.frames.length)} frames over ${(reading.px / 1000).toFixed(0)} k px; sweep: ${String(sweep.frames.length)} frames to ${(sweep.px / 1e6).toFixed(2)} M px`,
        );
        return {
          unit: 'ms',
          samples: reading.frames,
          target: { stat: 'p99', atMost: 16 },
          extra: [
            {
              name: 'frame time, sweeping the year in 20 s',
              unit: 'ms',
              samples: sweep.frames,
              target: { stat: 'p99', atMost: 16 },
            },
          ],
        };
      });
    },
  },
];
