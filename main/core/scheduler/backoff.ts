// How long a retryable failure waits: X's own reset time when it gave one, otherwise
// exponential backoff with jitter, so many jobs failing together do not return together.

export interface BackoffPolicy {
  /** The first wait (default 30 s); each attempt doubles it. */
  baseMs: number;
  /**
   * The longest wait (default 5 min): during a long outage a post goes out within minutes
   * of its network answering again, and only one post per account asks meanwhile (the
   * others line up behind it, job-store.ts lineUpBehind).
   */
  capMs: number;
  /** ± this fraction of the wait (default 0.2). */
  jitter: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 30_000, capMs: 5 * 60_000, jitter: 0.2 };

/**
 * The gap between posts lined up behind a retry (job-store.ts lineUpBehind): twice the
 * first backoff (a minute by default), so one that follows is never sent together with it.
 */
export function lineUpGapMs(policy: BackoffPolicy): number {
  return 2 * policy.baseMs;
}

/**
 * When to run again after attempt number `attempt` (1 for the first failure) failed.
 * `random` is in [0, 1).
 */
export function nextRunAt(
  now: number,
  attempt: number,
  resetAt: number | null,
  random: () => number,
  policy: BackoffPolicy = defaultBackoff,
): number {
  if (resetAt !== null && resetAt > now) return resetAt;
  const exponent = Math.max(0, attempt - 1);
  const wait = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const spread = 1 + policy.jitter * (2 * random() - 1);
  return now + Math.round(wait * spread);
}
