// When the relay's upkeep sweeps: at start, then once a day, checked hourly (timers do not
// run while the machine sleeps, so a late check catches up); a failed sweep is tried again
// at the next check. The sweep itself runs against a real server in
// tests/integration/media-relay.test.ts.
import { describe, expect, it } from 'vitest';
import { createRelayFeature } from '../../main/core/ipc/relay-feature.ts';
import type { MediaRelay } from '../../main/core/relay/media-relay.ts';
import { fakeClock, recordingLogger } from '../helpers/core.ts';

function manualTimers() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 1;
  return {
    pending,
    set: (callback: () => void, ms: number) => {
      pending.set(next, { callback, ms });
      return next++;
    },
    clear: (handle: unknown) => {
      pending.delete(handle as number);
    },
    /** Fires the one armed timer. */
    fire() {
      const [id, timer] = [...pending][0] ?? [];
      if (id === undefined || timer === undefined) throw new Error('no timer armed');
      pending.delete(id);
      timer.callback();
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('relay upkeep', () => {
  it('sweeps at start and then daily, and retries a failed sweep at the next check', async () => {
    const clock = fakeClock();
    const timers = manualTimers();
    const logger = recordingLogger();
    const sweeps: number[] = [];
    let failNext = false;
    const relay = {
      sweep: () => {
        sweeps.push(clock.now());
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error('offline'));
        }
        return Promise.resolve({ deleted: 2, kept: 0 });
      },
    } as unknown as MediaRelay;
    const feature = createRelayFeature({ relay, clock, logger, timers });

    await feature.start?.();
    await settle();
    expect(sweeps).toEqual([clock.now()]);
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([3_600_000]);

    // Hourly checks within the day do not sweep.
    for (let hour = 1; hour < 24; hour += 1) {
      clock.advance(3_600_000);
      timers.fire();
      await settle();
    }
    expect(sweeps).toHaveLength(1);

    // A day on, it sweeps; the sweep fails (offline) and the next hourly check tries again.
    failNext = true;
    clock.advance(3_600_000);
    timers.fire();
    await settle();
    expect(sweeps).toHaveLength(2);
    expect(logger.entries.at(-1)).toMatchObject({
      level: 'warn',
      message: 'media relay sweep failed',
    });
    clock.advance(3_600_000);
    timers.fire();
    await settle();
    expect(sweeps).toHaveLength(3);

    await feature.stop?.();
    expect(timers.pending.size).toBe(0);
  });
});
