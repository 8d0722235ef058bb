// How often a post's metrics are read, by its age: numbers move fast in the first two
// days and barely after a month, and every read costs money on X's pay-per-use API.
const hour = 60 * 60_000;
const day = 24 * hour;

export const pollStopsAfterMs = 30 * day;
export const accountPollEveryMs = day;
/** X shows non-public metrics only for the account's own posts younger than 30 days. */
export const privateMetricsMaxAgeMs = 30 * day;

/** When to read the post next after reading it at `now`; null: stop (older than 30 days). */
export function nextPostPoll(publishedAt: number, now: number): number | null {
  const age = now - publishedAt;
  if (age >= pollStopsAfterMs) return null;
  const every = age < 6 * hour ? hour : age < 48 * hour ? 4 * hour : day;
  return Math.min(now + every, publishedAt + pollStopsAfterMs);
}

/** The first read of a newly published post: an hour after it went out. */
export const firstPostPoll = (publishedAt: number): number => publishedAt + hour;
