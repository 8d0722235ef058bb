// Daily quotas per member and endpoint, reset at midnight UTC on the fake clock. LinkedIn
// throttles per application and per member per day and sends no rate-limit headers; only
// the member quota is modelled here (Share on LinkedIn documents 150 posts a member a day).
import type { FakeClock } from './types.ts';

const defaultLimits: Record<string, number> = {
  'POST /rest/posts': 150,
};
const fallbackLimit = 1_000;

export class RateLimiter {
  readonly #used = new Map<string, number>();
  readonly #clock: FakeClock;
  readonly #limits: Record<string, number>;

  constructor(clock: FakeClock, overrides: Record<string, number> = {}) {
    this.#clock = clock;
    this.#limits = { ...defaultLimits, ...overrides };
  }

  /** Counts one call; true when the member's quota for today was already used up. */
  take(endpoint: string, memberId: string): boolean {
    const utcDay = Math.floor(this.#clock.now() / 86_400_000);
    const key = `${utcDay}\u0000${endpoint}\u0000${memberId}`;
    const used = this.#used.get(key) ?? 0;
    const limit = this.#limits[endpoint] ?? fallbackLimit;
    if (used >= limit) return true;
    this.#used.set(key, used + 1);
    return false;
  }
}
