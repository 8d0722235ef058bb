// Which of a client's weekday × hour cells to suggest, and when the next such time is.
// Pure, so it is tested under Node (tests/unit/best-time-rules.test.ts).
import type { HeatCell } from '../../../../../shared/analytics.ts';
import { localTimeOf } from '../../../../../shared/schedule-time.ts';

const shown = 3;

/** The best cells with history behind them, best first. */
export function bestCells(cells: readonly HeatCell[]): HeatCell[] {
  return cells
    .filter((c) => c.posts > 0 && c.avgEngagements > 0)
    .sort((a, b) => b.avgEngagements - a.avgEngagements || b.posts - a.posts)
    .slice(0, shown);
}

/** The next `weekday` (0 = Monday) at `hour`:00 after `now`, as a wall date and time in `zone`. */
export function nextWallTime(cell: HeatCell, now: number, zone: string): [string, string] {
  const [today = '', clock = '00:00'] = localTimeOf(now, zone).split('T');
  const base = new Date(`${today}T00:00:00Z`);
  const todayWeekday = (base.getUTCDay() + 6) % 7;
  let days = (cell.weekday - todayWeekday + 7) % 7;
  const hour = `${String(cell.hour).padStart(2, '0')}:00`;
  if (days === 0 && hour <= clock.slice(0, 5)) days = 7;
  base.setUTCDate(base.getUTCDate() + days);
  return [base.toISOString().slice(0, 10), hour];
}
