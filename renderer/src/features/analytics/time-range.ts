// The time axis of a dashboard chart. Left alone, uplot widens a single instant
// (min = max) by a span of years, so one follower reading was drawn from June 2027 to
// June 2029; one reading gets a day either side, and no reading the dashboard's range.
const daySeconds = 24 * 60 * 60;

/**
 * The x range in seconds (uplot's time unit) for data from `min` to `max`, null when
 * there is none; `empty` is the range to show then (the dashboard's, in seconds).
 */
export function timeAxisRange(
  min: number | null,
  max: number | null,
  empty: readonly [number, number],
): [number, number] {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) {
    return [empty[0], empty[1]];
  }
  if (max <= min) return [min - daySeconds, min + daySeconds];
  return [min, max];
}
