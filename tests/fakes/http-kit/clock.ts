// The fake's own time. It stands still until a test advances it, so token and code
// expiry, rate-limit windows and media expiry happen exactly when a test says.
import type { FakeClock } from './types.ts';

export function createClock(startAt: number): FakeClock {
  let now = startAt;
  return {
    now: () => now,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`clock.advance needs ms >= 0, got ${ms}`);
      now += ms;
    },
  };
}
