// The analytics charts' value axis (renderer/src/features/analytics/axis-ticks.ts): compact
// labels with the digits the tick step needs, so a follower count near 98.8 million no
// longer reads "98766k" on every tick.
import { describe, expect, it } from 'vitest';
import { tickLabels } from '../../renderer/src/features/analytics/axis-ticks.ts';

describe('chart tick labels', () => {
  it('tells ticks 500 followers apart at 98.8 million', () => {
    expect(tickLabels([98_765_000, 98_765_500, 98_766_000, 98_766_500], 500, 'en-US')).toEqual([
      '98.765M',
      '98.7655M',
      '98.766M',
      '98.7665M',
    ]);
  });

  it('shortens only as far as the step allows, at every magnitude', () => {
    expect(tickLabels([0, 50, 100, 150], 50, 'en-US')).toEqual(['0', '50', '100', '150']);
    expect(tickLabels([0, 500, 1000, 1500], 500, 'en-US')).toEqual(['0', '500', '1K', '1.5K']);
    expect(tickLabels([20_000, 25_000, 30_000], 5000, 'en-US')).toEqual(['20K', '25K', '30K']);
    expect(tickLabels([1.2e9, 1.4e9], 2e8, 'en-US')).toEqual(['1.2B', '1.4B']);
    expect(tickLabels([0, 0.25, 0.5], 0.25, 'en-US')).toEqual(['0', '0.25', '0.5']);
    // uplot's steps carry floating-point noise (0.1 + 0.2); -0 reads as 0.
    expect(tickLabels([-0, 0.3, 0.6], 0.1 + 0.2, 'en-US')).toEqual(['0', '0.3', '0.6']);
    expect(tickLabels([-500, 0, 500], 500, 'en-US')).toEqual(['-500', '0', '500']);
  });

  it('never gives two neighbouring ticks the same label', () => {
    for (let power = 0; power <= 12; power += 1) {
      for (const factor of [1, 2, 2.5, 5]) {
        const step = factor * 10 ** (power - 3);
        if (step < 0.01) continue;
        const base = Math.round(987_654_321 / 10 ** (12 - power) / step) * step;
        const ticks = Array.from({ length: 5 }, (_, i) => base + i * step);
        const labels = tickLabels(ticks, step, 'en-US');
        expect(new Set(labels).size, `${labels.join(', ')} (step ${String(step)})`).toBe(5);
      }
    }
  });

  it('holds in locales that abbreviate by other units', () => {
    // German puts a no-break space before "Mio."; read here as a space.
    const de = tickLabels([98_765_000, 98_765_500], 500, 'de-DE').map((l) => l.replace(/\s/g, ' '));
    expect(de).toEqual(['98,765 Mio.', '98,7655 Mio.']);
    expect(tickLabels([98_765_000, 98_765_500], 500, 'ja-JP')).toEqual(['9876.5万', '9876.55万']);
  });
});
