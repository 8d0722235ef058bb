// The calendar feature's benchmarks (see ../types.ts); joined in ../benchmarks.ts.
// One month for all clients on the 100,000-post dataset: the core query against the same
// SQL as a raw better-sqlite3 statement in the same run, the round trip through the
// browser host's socket, and the month view drawn in Chromium (./calendar-render.ts).
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore } from '../../main/core/create-core.ts';
import { createCalendarService, rangeQuery } from '../../main/core/services/calendar.ts';
import { createQueueSlots } from '../../main/core/services/queue-slots.ts';
import type { Benchmark } from '../types.ts';
import { timeRoundTrips } from '../host-round-trip.ts';
import { measureMonthRender } from './calendar-render.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** June 2026 in Berlin: a month in the middle of the dataset's two years (~4,100 posts). */
export const benchMonth = { from: Date.UTC(2026, 4, 31, 22), to: Date.UTC(2026, 5, 30, 22) };

export const calendarBenchmarks: Benchmark[] = [
  {
    name: 'calendar-month-query',
    description:
      'calendar:range for one month over all 20 clients (~4,100 posts), core service vs the same SQL as a raw better-sqlite3 prepared statement',
    async run(context) {
      const { dataDir } = await context.dataset();
      const ports = createNodePorts(dataDir, { logger: silent });
      const core = await createCore({ dataDir, host: 'cli', ports });
      const db = core.database.db;
      const calendar = createCalendarService(db, createQueueSlots(db, ports));
      const { sql, parameters } = rangeQuery(db, benchMonth).compile();
      const raw = core.database.sqlite.prepare(sql);
      const time = async (fn: () => unknown) => {
        const started = performance.now();
        await fn();
        return performance.now() - started;
      };
      let count = 0;
      for (let i = 0; i < 30; i += 1) {
        count = (await calendar.range(benchMonth)).items.length;
        raw.all(...(parameters as unknown[]));
      }
      const coreMs: number[] = [];
      const rawMs: number[] = [];
      const ratios: number[] = [];
      // Interleaved so both see the same machine noise; the ratio is per pair.
      for (let i = 0; i < 200; i += 1) {
        const c = await time(() => calendar.range(benchMonth));
        const r = await time(() => raw.all(...(parameters as unknown[])));
        coreMs.push(c);
        rawMs.push(r);
        ratios.push(c / r);
      }
      await core.close();
      return {
        unit: 'ms',
        samples: coreMs,
        target: { stat: 'median', atMost: 5 },
        extra: [
          { name: `raw statement (${String(count)} posts)`, unit: 'ms', samples: rawMs },
          {
            name: 'core ÷ raw',
            unit: '×',
            samples: ratios,
            target: { stat: 'median', atMost: 1.5 },
          },
        ],
      };
    },
  },
  {
    name: 'calendar-month-round-trip',
    description:
      'calendar:range for one month over all clients through the browser host WebSocket (send → parsed answer)',
    async run(context) {
      const { dataDir } = await context.dataset();
      const samples = await timeRoundTrips(dataDir, 'calendar:range', benchMonth, 20, 100);
      return { unit: 'ms', samples, target: { stat: 'median', atMost: 30 } };
    },
  },
  {
    name: 'calendar-month-render',
    description:
      'month view with ~2,000 posts in the visible month, Chromium against the browser host (Performance API: click → painted); then moving to the next month',
    async run() {
      const { render, next, posts } = await measureMonthRender();
      return {
        unit: 'ms',
        samples: render,
        target: { stat: 'median', atMost: 150 },
        extra: [
          {
            name: `next month (first month: ${String(posts)} posts)`,
            unit: 'ms',
            samples: next,
            target: { stat: 'median', atMost: 100 },
          },
        ],
      };
    },
  },
];
