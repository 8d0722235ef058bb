// Probe (not a benchmark): sweeps the agenda over the 1m dataset's year as
// calendar-list-scroll-1m does, with a Chromium trace (and, unless PROBE_PROFILE=0, a JS
// CPU profile) written to OUT_DIR for DevTools. It prints the renderer main thread's CPU
// time inside each frame's measured window as well as the wall time: on a machine other
// work shares, wall time counts the waits for a core, thread time only the page's work.
//   node bench/probes/list-sweep-trace.ts [OUT_DIR]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium } from 'playwright-core';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore } from '../../main/core/create-core.ts';
import { startBrowserHost } from '../../main/host/browser-host.ts';
import { millionDataset } from '../million-dataset.ts';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  id2?: { local?: string };
  args?: { name?: string };
}

/** Per measured frame: main-thread CPU ms of the tasks inside its window (pro rata). */
function threadTimePerFrame(events: TraceEvent[]): number[] {
  const main = events.find((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain');
  if (main === undefined) return [];
  const tasks = events.filter(
    (e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask',
  );
  const begun = new Map<string, number>();
  const windows: [number, number][] = [];
  for (const e of events) {
    if (e.name !== 'frame' || !e.cat.includes('user_timing')) continue;
    const key = e.id2?.local ?? e.id ?? '';
    if (e.ph === 'b') begun.set(key, e.ts);
    const start = begun.get(key);
    if (e.ph === 'e' && start !== undefined) windows.push([start, e.ts]);
  }
  return windows.map(([a, b]) =>
    tasks.reduce((sum, t) => {
      const dur = t.dur ?? 0;
      const inside = Math.min(t.ts + dur, b) - Math.max(t.ts, a);
      return inside <= 0 || dur === 0 ? sum : sum + ((t.tdur ?? 0) * inside) / dur / 1000;
    }, 0),
  );
}

const out = process.argv[2] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-trace-'));
fs.mkdirSync(out, { recursive: true });
const root = path.resolve(import.meta.dirname, '..', '..');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const log = (line: string) => process.stderr.write(`${line}\n`);

const scrollSource = `({ pxPerMs, ms }) => new Promise((resolve) => {
  const el = document.querySelector('.cal-list-scroll');
  el.scrollTop = 0;
  const frames = [];
  const channel = new MessageChannel();
  let t0 = 0;
  channel.port1.onmessage = () => {
    const w = performance.now() - t0;
    frames.push({ t0, w });
    performance.measure('frame', { start: t0, end: t0 + w });
  };
  let began = null;
  const step = (now) => {
    if (began === null) { began = now; requestAnimationFrame(step); return; }
    const t = now - began;
    const end = el.scrollHeight - el.clientHeight;
    t0 = performance.now();
    el.scrollTop = Math.min(end, t * pxPerMs);
    el.dispatchEvent(new Event('scroll'));
    channel.port2.postMessage(0);
    if (t >= ms || el.scrollTop >= end) {
      setTimeout(() => resolve(frames), 50);
      return;
    }
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})`;

const d = await millionDataset(log);
const { build } = await import('vite');
const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-probe-renderer-'));
await build({
  configFile: path.join(root, 'vite.renderer.config.ts'),
  logLevel: 'silent',
  build: { outDir: rendererDir, emptyOutDir: true, minify: process.env.PROBE_MINIFY !== '0' },
});
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-probe-ui-'));
log(`copying to ${dataDir}…`);
fs.copyFileSync(d.file, path.join(dataDir, 'starling.db'), fs.constants.COPYFILE_FICLONE);
const sqlite = new Database(path.join(dataDir, 'starling.db'));
sqlite.exec("UPDATE publish_jobs SET status = 'cancelled' WHERE status IN ('pending', 'running')");
sqlite.close();
const core = await createCore({
  dataDir,
  host: 'browser',
  ports: createNodePorts(dataDir, { logger: silent }),
  fullCheck: false,
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
    .waitFor({ timeout: 120_000 });
  await page.locator('button[aria-pressed][data-view="list"]').click();
  for (let i = 0; i < 13; i += 1) await page.locator('button[data-step="-1"]').click();
  await page.waitForFunction(
    `Number(document.querySelector('.cal-list-scroll')?.dataset.rows) > 50000`,
    undefined,
    { timeout: 180_000 },
  );
  await page.locator('.cal-list-scroll .cal-chip').first().waitFor({ timeout: 120_000 });
  const run = (pxPerMs: number, ms: number) =>
    page.evaluate<{ t0: number; w: number }[]>(
      `(${scrollSource})(${JSON.stringify({ pxPerMs, ms })})`,
    );
  await run(3, 2_000);
  const reading = await run(3, 10_000);
  const year = await page.evaluate<number>(
    `document.querySelector('.cal-list-scroll').scrollHeight`,
  );
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'blink.user_timing',
      'v8.execute',
      'blink',
    ],
  });
  const profiling = process.env.PROBE_PROFILE !== '0';
  if (profiling) await cdp.send('Profiler.start');
  const sweep = await run(year / 20_000, 25_000);
  const profile = profiling ? (await cdp.send('Profiler.stop')).profile : null;
  const trace = await browser.stopTracing();
  fs.writeFileSync(path.join(out, 'trace.json'), trace);
  if (profile !== null)
    fs.writeFileSync(path.join(out, 'profile.cpuprofile'), JSON.stringify(profile));
  fs.writeFileSync(path.join(out, 'frames.json'), JSON.stringify({ reading, sweep }));
  const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? 0;
  log(
    `reading p99 ${p99(reading.map((f) => f.w)).toFixed(1)} ms; sweep p99 ${p99(sweep.map((f) => f.w)).toFixed(1)} ms over ${String(sweep.length)} frames; load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const cpu = threadTimePerFrame(
    (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents,
  );
  const q = (xs: number[], p: number) =>
    ([...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)] ?? 0).toFixed(1);
  log(
    `sweep, main-thread CPU per frame window: p50 ${q(cpu, 0.5)} p90 ${q(cpu, 0.9)} p99 ${q(cpu, 0.99)} max ${q(cpu, 1 - 1e-9)} ms`,
  );
  log(`written to ${out}`);
} finally {
  await browser.close();
  await host.close();
  await core.close();
  fs.rmSync(rendererDir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
}
