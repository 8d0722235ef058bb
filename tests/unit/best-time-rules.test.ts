// The composer's best-time suggestions: the best cells with history behind them, and the
// next such wall time in the client's zone (today if still ahead, else next week).
import { describe, expect, it } from 'vitest';
import {
  bestCells,
  nextWallTime,
} from '../../renderer/src/features/composer/editor/best-time-rules.ts';

const cell = (weekday: number, hour: number, avgEngagements: number, posts = 3) => ({
  weekday,
  hour,
  avgEngagements,
  posts,
});

describe('best times', () => {
  it('suggests the three best cells that have posts behind them', () => {
    const cells = [
      cell(0, 9, 5),
      cell(1, 10, 12),
      cell(2, 18, 0, 0),
      cell(3, 7, 8),
      cell(4, 20, 3),
    ];
    expect(bestCells(cells).map((c) => [c.weekday, c.hour])).toEqual([
      [1, 10],
      [3, 7],
      [0, 9],
    ]);
    expect(bestCells([cell(2, 18, 0, 0)])).toEqual([]);
  });

  it('finds the next such time in the client zone, across a DST change', () => {
    // Friday 27 March 2026, 12:00 in Berlin; clocks go forward on Sunday 29 March.
    const now = Date.UTC(2026, 2, 27, 11, 0);
    expect(nextWallTime(cell(4, 18, 1), now, 'Europe/Berlin')).toEqual(['2026-03-27', '18:00']);
    expect(nextWallTime(cell(4, 9, 1), now, 'Europe/Berlin')).toEqual(['2026-04-03', '09:00']);
    expect(nextWallTime(cell(0, 9, 1), now, 'Europe/Berlin')).toEqual(['2026-03-30', '09:00']);
    // Already Saturday in Tokyo.
    expect(nextWallTime(cell(5, 9, 1), Date.UTC(2026, 2, 27, 16, 0), 'Asia/Tokyo')).toEqual([
      '2026-03-28',
      '09:00',
    ]);
  });
});
