// Mastodon's Rack::Attack throttles on the fake clock: fixed windows aligned to the
// period, every matching throttle counted, and the headers of the one closest to its
// limit. X-RateLimit-Reset is an ISO 8601 time with microseconds, as Rails writes it.
import type { FakeRequest } from '../http-kit/request.ts';
import type { FakeClock } from './types.ts';

interface Throttle {
  name: string;
  limit: number;
  periodSecs: number;
  /** The bucket this request counts against, or null when the throttle does not apply. */
  bucket(req: FakeRequest, userId: string | null): string | null;
}

const throttles: readonly Throttle[] = [
  {
    name: 'authenticated_api',
    limit: 300,
    periodSecs: 5 * 60,
    bucket: (_req, userId) => userId,
  },
  {
    name: 'unauthenticated_api',
    limit: 300,
    periodSecs: 5 * 60,
    // Every caller of the fake is on loopback, so one address bucket holds them all.
    bucket: (_req, userId) => (userId === null ? '127.0.0.1' : null),
  },
  {
    name: 'api_media',
    limit: 30,
    periodSecs: 30 * 60,
    bucket: (req, userId) =>
      req.method === 'POST' && /^\/api\/v\d+\/media$/.test(req.path) ? userId : null,
  },
  {
    name: 'api_delete',
    limit: 30,
    periodSecs: 30 * 60,
    bucket: (req, userId) =>
      req.method === 'DELETE' && /^\/api\/v1\/statuses\/\d+$/.test(req.path) ? userId : null,
  },
];

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch ms when the window ends. */
  resetAt: number;
  exceeded: boolean;
}

export function isoWithMicros(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '000Z');
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(Math.max(0, state.remaining)),
    'x-ratelimit-reset': isoWithMicros(state.resetAt),
  };
}

export class RateLimiter {
  readonly #counts = new Map<string, number>();
  readonly #clock: FakeClock;

  constructor(clock: FakeClock) {
    this.#clock = clock;
  }

  /** Counts the request in every throttle that applies; null when none does. */
  take(req: FakeRequest, userId: string | null): RateLimitState | null {
    return this.#state(req, userId, true);
  }

  /** The state as it stands, without counting (for answers a fault made up). */
  peek(req: FakeRequest, userId: string | null): RateLimitState | null {
    return this.#state(req, userId, false);
  }

  #state(req: FakeRequest, userId: string | null, count: boolean): RateLimitState | null {
    const nowSecs = Math.floor(this.#clock.now() / 1000);
    let closest: RateLimitState | null = null;
    let exceeded = false;
    for (const throttle of throttles) {
      const bucket = throttle.bucket(req, userId);
      if (bucket === null) continue;
      const window = Math.floor(nowSecs / throttle.periodSecs);
      const key = `${throttle.name}\u0000${bucket}\u0000${window}`;
      const used = (this.#counts.get(key) ?? 0) + (count ? 1 : 0);
      if (count) this.#counts.set(key, used);
      if (used > throttle.limit) exceeded = true;
      const state: RateLimitState = {
        limit: throttle.limit,
        remaining: throttle.limit - used,
        resetAt: (window + 1) * throttle.periodSecs * 1000,
        exceeded: false,
      };
      if (closest === null || state.remaining < closest.remaining) closest = state;
    }
    return closest === null ? null : { ...closest, exceeded: count && exceeded };
  }
}
