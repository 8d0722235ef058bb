// The PDS's rate limits on the fake clock, with the headers xrpc-server sends on every
// limited answer (RateLimit-Limit/-Remaining/-Reset in epoch seconds/-Policy "limit;w=secs").
const minute = 60_000;
const hour = 60 * minute;

/** The buckets the PDS configures (global per IP; repo writes per DID in points). */
export const buckets = {
  global: { limit: 3000, windowMs: 5 * minute },
  'repo-write-hour': { limit: 5000, windowMs: hour },
  'create-session': { limit: 30, windowMs: 5 * minute },
  'upload-blob': { limit: 1000, windowMs: 24 * hour },
} as const;

export type Bucket = keyof typeof buckets;

export interface RateLimitState {
  bucket: Bucket;
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
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Spends `points` of `key`'s window; `exceeded` (and nothing spent) when they don't fit. */
  take(bucket: Bucket, key: string, points = 1): RateLimitState {
    const { limit, windowMs } = buckets[bucket];
    const now = this.#now();
    const id = `${bucket}\u0000${key}`;
    let window = this.#windows.get(id);
    if (window === undefined || now >= window.startedAt + windowMs) {
      window = { startedAt: now, used: 0 };
      this.#windows.set(id, window);
    }
    const exceeded = window.used + points > limit;
    if (!exceeded) window.used += points;
    return {
      bucket,
      limit,
      remaining: Math.max(0, limit - window.used),
      reset: Math.floor((window.startedAt + windowMs) / 1000),
      exceeded,
    };
  }
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'ratelimit-limit': String(state.limit),
    'ratelimit-remaining': String(state.remaining),
    'ratelimit-reset': String(state.reset),
    'ratelimit-policy': `${state.limit};w=${Math.floor(buckets[state.bucket].windowMs / 1000)}`,
  };
}
