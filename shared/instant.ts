// Instants as inputs name them: epoch milliseconds UTC, from 1970 on.
import { z } from 'zod';

/** JavaScript's last date (in the year 275760): no instant can be later. */
export const lastDateMs = 8_640_000_000_000_000;

/**
 * The last instant an analytics range may reach, the start of the year 10001. Near
 * JavaScript's last date the dashboard's day buckets stepped past it and failed as
 * INTERNAL; this leaves room past the end of 9999 for an exclusive end (`--to 9999-12-31`
 * asks up to the next day's start, in any zone).
 */
export const latestAnalytics = {
  ms: Date.UTC(10001, 0, 1),
  tooLate: 'Times must be before the year 10001.',
};

/** Epoch ms UTC from 1970 to `latest`, each refusal saying why. */
export const epochInstant = (
  message = 'A time must be epoch milliseconds.',
  latest: { ms: number; tooLate: string } = {
    ms: lastDateMs,
    tooLate: 'A time must be 13 September 275760 at the latest, the last date there is.',
  },
) =>
  z
    .number({ error: message })
    .int('A time in epoch milliseconds must be a whole number.')
    .min(0, 'A time must not be before 1970.')
    .max(latest.ms, latest.tooLate);
