// The analytics feature's handlers and background work (see ../feature.ts): the metric
// sync runner starts with the publishing hosts; the CLI's `analytics sync` runs one pass.
import type { analyticsChannels } from '../../../shared/ipc/channels/analytics.ts';
import { createAnalyticsService, type AnalyticsService } from '../analytics/analytics-service.ts';
import { createMetricsRunner } from '../analytics/metrics-runner.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';
import { realTimers } from '../scheduler/timers.ts';

export interface AnalyticsFeature extends CoreFeature<keyof typeof analyticsChannels> {
  service: AnalyticsService;
}

export function createAnalyticsFeature(context: CoreContext): AnalyticsFeature {
  const { ports } = context;
  const service = createAnalyticsService({
    db: context.database.db,
    platforms: context.platforms,
    clock: ports.clock,
    logger: ports.logger,
    settings: ports.preferences,
    events: context.events,
    owner: `metrics:${String(process.pid)}:${ports.newId()}`,
    ...(ports.printPdf !== undefined && { printPdf: ports.printPdf }),
  });
  const runner = createMetricsRunner({
    timers: ports.timers ?? realTimers,
    logger: ports.logger,
    pass: () => service.sync(),
  });
  return {
    service,
    handlers: {
      'analytics:get-dashboard': (input) => service.dashboard(input),
      'analytics:get-post-curve': (input) => service.curve(input.targetId),
      'analytics:sync-now': (input) =>
        context.operations.run(
          {
            id: input.operation,
            kind: 'metric-sync',
            unit: 'posts',
            cancelledMessage: 'Sync stopped; what was read before it stopped is kept.',
          },
          (op) =>
            input.dueOnly === true
              ? service.sync(input.accountId, op)
              : service.syncNow(input.accountId, op),
        ),
      'analytics:refresh-post': (input) => service.refreshPost(input.targetId),
      'analytics:refresh-account': (input) => service.refreshAccount(input.accountId),
      'analytics:get-usage': () => service.usage(),
      'analytics:set-read-cap': (input) => service.setCap(input.dailyReadCap),
      'analytics:get-best-times': (input) => service.bestTimes(input.clientId),
      'analytics:export-report': (input) => service.report(input),
    },
    start: () => {
      runner.start();
    },
    stop: () => runner.stop(),
  };
}
