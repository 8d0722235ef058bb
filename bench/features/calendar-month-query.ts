// Issue 19's calendar month query on the 1,000,000-post dataset (run by million.ts on its
// working copy): what the month view asks for, calendar:days over June 2024 in Berlin
// (~16,000 posts), timed in the core and as the same SQL run by raw prepared statements.
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore } from '../../main/core/create-core.ts';
import {
  anyArchived,
  createCalendarService,
  dayFirstsQuery,
  dayTotalsQuery,
} from '../../main/core/services/calendar.ts';
import { createQueueSlots } from '../../main/core/services/queue-slots.ts';
import { monthChipsPerDay } from '../../shared/calendar.ts';
import type { Benchmark } from '../types.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const dayMs = 86_400_000;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** June 2024 in Berlin: a month in the middle of the five years (~16,000 posts). */
const month = { from: Date.UTC(2024, 4, 31, 22), to: Date.UTC(2024, 5, 30, 22) };

async function timed(fn: () => unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** The benchmark, on the data folder `workingDir` gives (million.ts's copy of the cache). */
export function calendarMonthQuery(workingDir: () => Promise<string>): Benchmark {
  return {
    name: 'calendar-month-query-1m',
    description:
      "calendar:days for one month over all 10 clients of the 1,000,000-post database (what the month view asks for: each day's first 8 posts and each day's count), core service vs the same two SQL statements as raw prepared statements (same rows); and the month as calendar:range read it before (capped at 10,000)",
    async run() {
      const dataDir = await workingDir();
      const ports = createNodePorts(dataDir, { logger: silent });
      const core = await createCore({ dataDir, host: 'cli', ports });
      await core.database.verified;
      const db = core.database.db;
      const sqlite = core.database.sqlite;
      const calendar = createCalendarService(db, createQueueSlots(db, ports));
      // June in Berlin has no DST change: 30 days of 24 hours.
      const bounds = Array.from({ length: 31 }, (_, i) => month.from + i * dayMs);
      const input = { bounds, perDay: monthChipsPerDay };
      const firsts = dayFirstsQuery(db, input).compile();
      const totals = dayTotalsQuery(db, { ...input, archived: await anyArchived(db) }).compile();
      const rawFirsts = sqlite.prepare(firsts.sql);
      const rawTotals = sqlite.prepare(totals.sql);
      const raw = () => {
        rawFirsts.all(...(firsts.parameters as unknown[]));
        rawTotals.all(...(totals.parameters as unknown[]));
      };
      let items = 0;
      let posts = 0;
      let emptyDays = 0;
      for (let i = 0; i < 20; i += 1) {
        const r = await calendar.days(input);
        items = r.items.length;
        posts = r.counts.reduce((a, b) => a + b, 0);
        emptyDays = r.counts.filter(
          (n, d) =>
            n > 0 &&
            !r.items.some((it) => it.at >= (bounds[d] ?? 0) && it.at < (bounds[d + 1] ?? 0)),
        ).length;
        raw();
      }
      const rows = (
        sqlite
          .prepare('SELECT count(*) AS n FROM posts WHERE scheduled_at >= ? AND scheduled_at < ?')
          .get(month.from, month.to) as { n: number }
      ).n;
      log(
        `  ${String(items)} items for ${String(posts)} posts counted (${String(rows)} in the month); ${String(emptyDays)} days with posts but none sent`,
      );
      const coreMs: number[] = [];
      const rawMs: number[] = [];
      const ratios: number[] = [];
      for (let i = 0; i < 200; i += 1) {
        const c = await timed(() => calendar.days(input));
        const r = await timed(raw);
        coreMs.push(c);
        rawMs.push(r);
        ratios.push(c / r);
      }
      // What the month view read until calendar:days: the whole month, capped.
      const rangeMs: number[] = [];
      for (let i = 0; i < 15; i += 1) rangeMs.push(await timed(() => calendar.range(month)));
      await core.close();
      return {
        unit: 'ms',
        samples: coreMs,
        target: { stat: 'median', atMost: 5 },
        extra: [
          {
            name: `floor: raw statements (${String(items)} items, ${String(bounds.length - 1)} day counts)`,
            unit: 'ms',
            samples: rawMs,
            target: { stat: 'median', atMost: 5 },
          },
          {
            name: 'core ÷ raw',
            unit: '×',
            samples: ratios,
            target: { stat: 'median', atMost: 1.5 },
          },
          {
            name: 'before: calendar:range of the month (first 10,000 of its posts)',
            unit: 'ms',
            samples: rangeMs,
          },
        ],
      };
    },
  };
}
