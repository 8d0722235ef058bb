// The analytics feature's benchmarks (see ../types.ts); joined in ../benchmarks.ts.
// The dashboard for one client over 90 days, on 1,000,000 metric snapshots over 20
// clients, through the core's dashboard service (every query it makes), rotating the client.
import { createDashboard } from '../../main/core/analytics/dashboard.ts';
import { buildAnalyticsDataset } from '../analytics-dataset.ts';
import type { Benchmark } from '../types.ts';

const dayMs = 86_400_000;

export const analyticsBenchmarks: Benchmark[] = [
  {
    name: 'analytics-dashboard-90d',
    description:
      "analytics:get-dashboard's queries for one client over 90 days (summary, followers, daily gains, top posts, heatmap), 1,000,000 metric snapshots over 20 clients",
    async run() {
      const builtAt = performance.now();
      const data = await buildAnalyticsDataset();
      const buildMs = performance.now() - builtAt;
      const dashboard = createDashboard(data.opened.db);
      const range = (i: number) => ({
        clientId: data.clientIds[i % data.clientIds.length] ?? '',
        from: data.now - 90 * dayMs,
        to: data.now,
      });
      for (let i = 0; i < 20; i += 1) await dashboard.get(range(i));
      const samples: number[] = [];
      for (let i = 0; i < 100; i += 1) {
        const started = performance.now();
        await dashboard.get(range(i));
        samples.push(performance.now() - started);
      }
      await data.remove();
      return {
        unit: 'ms',
        samples,
        target: { stat: 'median', atMost: 50 },
        extra: [
          { name: `build ${String(data.snapshots)} snapshots`, unit: 'ms', samples: [buildMs] },
        ],
      };
    },
  },
];
