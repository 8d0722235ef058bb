// Every statement the dashboard runs walks an index: on a seeded analytics database,
// each SELECT it prepares is explained and none may scan a table whole. A lost index fails here before the benchmark notices.
import { describe, expect, it } from 'vitest';
import { buildAnalyticsDataset } from '../../bench/analytics-dataset.ts';
import { createDashboard } from '../../main/core/analytics/dashboard.ts';

const dayMs = 86_400_000;

describe('analytics dashboard query plans', () => {
  it('reads every table the dashboard touches through an index', async () => {
    const data = await buildAnalyticsDataset({ snapshots: 30_000, clients: 4 });
    try {
      const sqlite = data.opened.sqlite;
      const seen: string[] = [];
      const prepare = sqlite.prepare.bind(sqlite);
      sqlite.prepare = (source: string) => {
        seen.push(source);
        return prepare(source);
      };
      const dashboard = createDashboard(data.opened.db);
      const result = await dashboard.get({
        clientId: data.clientIds[0] ?? '',
        from: data.now - 90 * dayMs,
        to: data.now,
      });
      await dashboard.curve(result.topByImpressions[0]?.targetId ?? '');
      sqlite.prepare = prepare;
      expect(result.summary.posts).toBeGreaterThan(0);
      expect(result.daily.length).toBeGreaterThanOrEqual(90);

      const selects = [...new Set(seen)].filter((s) => /^\s*(select|with)/i.test(s));
      expect(selects.length).toBeGreaterThanOrEqual(8);
      for (const statement of selects) {
        const params = (statement.match(/\?/g) ?? []).map(() => 1);
        const plan = (
          sqlite.prepare(`EXPLAIN QUERY PLAN ${statement}`).all(...params) as { detail: string }[]
        ).map((r) => r.detail);
        // Every table is searched on an index (aliases hide names, so any SCAN fails but
        // the daily gains' list of day bounds, a VALUES clause, one post's packed readings
        // unpacked by a table-valued function, which reads no table, and the top posts'
        // few rows, chosen with a LIMIT in a subquery the plan materializes first).
        const materialized = new Set(
          plan.flatMap((d) => /^(?:MATERIALIZE|CO-ROUTINE) (\w+)$/.exec(d)?.slice(1) ?? []),
        );
        const scans = plan.filter(
          (d) =>
            d.startsWith('SCAN ') &&
            !/^SCAN (\d+ CONSTANT ROWS|days|r VIRTUAL TABLE INDEX \d+:)$/.test(d) &&
            !(materialized.has(d.slice(5)) && /\bLIMIT\b/i.test(statement)),
        );
        expect({ statement, scans }).toEqual({ statement, scans: [] });
      }
    } finally {
      await data.remove();
    }
  }, 60_000);
});
