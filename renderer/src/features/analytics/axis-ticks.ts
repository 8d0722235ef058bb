// A chart's value axis in words: each tick in the locale's compact form ("1.5K", "98.7655M"),
// with as many digits as the step between ticks needs, so neighbouring ticks never read
// the same (98,765,500 and 98,766,000 were both "98766k").

/**
 * The place of a step's last non-zero digit: 500 → 2, 250 → 1, 0.5 → -1. uplot's steps
 * are 1, 2, 2.5 or 5 times a power of ten, give or take floating-point noise.
 */
function lastDigitPlace(step: number): number {
  let place = Math.floor(Math.log10(step));
  for (let i = 0; i < 20; i += 1) {
    const digits = step / 10 ** place;
    if (Math.abs(digits - Math.round(digits)) < 1e-6 * Math.max(1, digits)) return place;
    place -= 1;
  }
  return place;
}

const formats = new Map<string, Intl.NumberFormat>();
function compact(digits: number, locale: string | undefined): Intl.NumberFormat {
  const key = `${String(digits)}|${locale ?? ''}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, {
      notation: 'compact',
      maximumSignificantDigits: digits,
    });
    formats.set(key, format);
  }
  return format;
}

/**
 * The labels of ticks `step` apart in the user's locale (`locale` undefined). Precision is
 * counted in significant digits, from each value's first digit down to the step's last, so
 * it holds whatever unit the locale abbreviates by (thousands, millions, or 万).
 */
export function tickLabels(values: readonly number[], step: number, locale?: string): string[] {
  const last = Number.isFinite(step) && step > 0 ? lastDigitPlace(step) : null;
  return values.map((v) => {
    // `|| 0`: -0, which a split at zero can be, would read "-0".
    const value = v || 0;
    const first = value === 0 ? 0 : Math.floor(Math.log10(Math.abs(value)));
    // Without a step (one tick), three digits as compact numbers usually have.
    const digits = last === null ? 3 : first - last + 1;
    return compact(Math.min(21, Math.max(1, digits)), locale).format(value);
  });
}
