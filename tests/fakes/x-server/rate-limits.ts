// Per-endpoint, per-user 15-minute windows on the fake clock, with the limits X
// publishes for user-context calls (approximate where X's tables have changed).
import type { Store } from './store.ts';

export const windowMs = 15 * 60 * 1000;

export const endpointLimits = {
  'POST /2/oauth2/token': 1_000,
  'POST /2/oauth2/revoke': 1_000,
  'POST /oauth/request_token': 1_000,
  'POST /oauth/access_token': 1_000,
  'GET /2/users/me': 75,
  'GET /2/users/:id': 900,
  'GET /2/users/:id/tweets': 900,
  'POST /2/tweets': 100,
  'DELETE /2/tweets/:id': 50,
  'GET /2/tweets': 5_000,
  'GET /2/tweets/:id': 900,
  'POST /2/media/upload/initialize': 180,
  'POST /2/media/upload/:id/append': 1_000,
  'POST /2/media/upload/:id/finalize': 180,
  'GET /2/media/upload': 1_000,
  'POST /2/media/metadata': 500,
  unknown: 900,
} as const;

export type Endpoint = keyof typeof endpointLimits;

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch seconds when the window resets. */
  reset: number;
  exceeded: boolean;
}

interface Window {
  startedAt: number;
  used: number;
}

export class RateLimiter {
  readonly #windows = new Map<string, Window>();
  readonly store: Store;
  constructor(store: Store) {
    this.store = store;
  }

  /** Counts one call by `who` to `endpoint`; `exceeded` when the window was already used up. */
  take(endpoint: Endpoint, who: string): RateLimitState {
    return this.#state(endpoint, who, true);
  }

  /** The window as it stands, without counting a call. */
  peek(endpoint: Endpoint, who: string): RateLimitState {
    return this.#state(endpoint, who, false);
  }

  #state(endpoint: Endpoint, who: string, count: boolean): RateLimitState {
    const now = this.store.clock.now();
    const key = `${endpoint}\u0000${who}`;
    let window = this.#windows.get(key);
    if (window === undefined || now >= window.startedAt + windowMs) {
      window = { startedAt: now, used: 0 };
      this.#windows.set(key, window);
    }
    const limit = endpointLimits[endpoint];
    const exceeded = window.used >= limit;
    if (count && !exceeded) window.used += 1;
    return {
      limit,
      remaining: limit - window.used,
      reset: Math.ceil((window.startedAt + windowMs) / 1000),
      exceeded: count && exceeded,
    };
  }
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'x-rate-limit-limit': String(state.limit),
    'x-rate-limit-remaining': String(state.remaining),
    'x-rate-limit-reset': String(state.reset),
  };
}
