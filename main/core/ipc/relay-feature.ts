// The media relay feature's handlers (see ../feature.ts) and its upkeep while a publishing
// host runs: the sweep of relay objects older than a day, at start and then daily.
import type { relayChannels } from '../../../shared/ipc/channels/relay.ts';
import type { CoreFeature } from '../feature.ts';
import type { Clock, Logger, Timers } from '../ports.ts';
import type { MediaRelay } from '../relay/media-relay.ts';
import { realTimers } from '../scheduler/timers.ts';

/** How often the sweep checks whether a day has passed (timers stop in sleep; this catches up). */
const sweepCheckMs = 60 * 60 * 1000;
const sweepEveryMs = 24 * 60 * 60 * 1000;

export function createRelayFeature(deps: {
  relay: MediaRelay;
  clock: Clock;
  logger: Logger;
  timers?: Timers | undefined;
}): CoreFeature<keyof typeof relayChannels> {
  const { relay, clock, logger } = deps;
  const timers = deps.timers ?? realTimers;
  let timer: unknown = null;
  let stopped = false;
  let lastSweep: number | null = null;
  let running: Promise<void> | null = null;

  async function sweepIfDue(): Promise<void> {
    const now = clock.now();
    if (lastSweep !== null && now - lastSweep < sweepEveryMs) return;
    try {
      const result = await relay.sweep();
      lastSweep = now;
      if (result !== null && result.deleted > 0) logger.info('media relay swept', { ...result });
    } catch (error) {
      // Offline or refused: tried again at the next check.
      logger.warn('media relay sweep failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  function check(): void {
    running = sweepIfDue().finally(() => {
      running = null;
      if (!stopped) timer = timers.set(check, sweepCheckMs);
    });
  }

  return {
    handlers: {
      'relay:get': async () => ({ relay: await relay.describe() }),
      'relay:test': (input) => relay.test(input.settings),
      'relay:save': (input) => relay.save(input),
      'relay:forget': async () => {
        await relay.forget();
        return { relay: null };
      },
    },
    start: () => {
      stopped = false;
      check();
    },
    stop: async () => {
      stopped = true;
      if (timer !== null) timers.clear(timer);
      timer = null;
      await running;
    },
  };
}
