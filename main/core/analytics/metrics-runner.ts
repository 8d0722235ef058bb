// Runs metric sync passes in the background of the publishing hosts (desktop app,
// `starling daemon`, `serve --publish`): one now, then every minute. Due times live in
// metric_polls, so a pass after sleep or a restart catches up on what fell due.
import type { Logger, Timers } from '../ports.ts';

export const syncEveryMs = 60_000;

export function createMetricsRunner(deps: {
  timers: Timers;
  logger: Logger;
  pass: () => Promise<unknown>;
  everyMs?: number;
}) {
  let handle: unknown = null;
  let stopped = true;
  let current: Promise<void> = Promise.resolve();

  const tick = () => {
    handle = null;
    current = deps
      .pass()
      .then(
        () => undefined,
        (error: unknown) => {
          deps.logger.error('metric sync pass failed', {
            error: error instanceof Error ? error.message : String(error),
          });
        },
      )
      .finally(() => {
        if (!stopped) handle = deps.timers.set(tick, deps.everyMs ?? syncEveryMs);
      });
  };

  return {
    start(): void {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (handle !== null) deps.timers.clear(handle);
      handle = null;
      await current;
    },
  };
}
