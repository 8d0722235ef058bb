// Probe (not a benchmark): sweeps the agenda over the 1m dataset's year as
// calendar-list-scroll-1m does, with a Chromium trace (and, unless PROBE_PROFILE=0, a JS
// CPU profile) written to OUT_DIR for DevTools. It prints the renderer main thread's CPU
// time inside each frame's measured window as well as the wall time: on a machine other
// work shares, wall time counts the waits for a core, thread time only the page's work.
//   node bench/probes/list-sweep-trace.ts [OUT_DIR]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openListYear, scroll, withApp } from '../features/calendar-million.ts';

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
const log = (line: string) => process.stderr.write(`${line}\n`);

await withApp([], async (page) => {
  await openListYear(page);
  await scroll(page, 3, 2_000); // warm the JIT and the first blocks
  const reading = await scroll(page, 3, 10_000);
  const year = await page.evaluate<number>(
    `document.querySelector('.cal-list-scroll').scrollHeight`,
  );
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const browser = page.context().browser();
  if (browser === null) throw new Error('no browser to trace');
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
  const sweep = await scroll(page, year / 20_000, 25_000, true);
  const profile = profiling ? (await cdp.send('Profiler.stop')).profile : null;
  const trace = await browser.stopTracing();
  fs.writeFileSync(path.join(out, 'trace.json'), trace);
  if (profile !== null)
    fs.writeFileSync(path.join(out, 'profile.cpuprofile'), JSON.stringify(profile));
  fs.writeFileSync(path.join(out, 'frames.json'), JSON.stringify({ reading, sweep }));
  const q = (xs: number[], p: number) =>
    ([...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)] ?? 0).toFixed(1);
  log(
    `reading p99 ${q(reading.work, 0.99)} ms; sweep p99 ${q(sweep.work, 0.99)} ms over ${String(sweep.work.length)} frames; load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const cpu = threadTimePerFrame(
    (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents,
  );
  log(
    `sweep, main-thread CPU per frame window: p50 ${q(cpu, 0.5)} p90 ${q(cpu, 0.9)} p99 ${q(cpu, 0.99)} max ${q(cpu, 1 - 1e-9)} ms`,
  );
  log(`written to ${out}`);
});
