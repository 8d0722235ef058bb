// Wall times of a CSV read fast. [Note: one offset per day] parseWhen (Temporal) costs
// about 10 µs a call, a second for 100,000 rows; a day on which a zone's offset does not
// change has one offset, so it is found once per zone and date (through parseWhen) and
// reused. Days with a DST change, and anything unusual, go through parseWhen itself, so
// gaps and repeated hours are refused with the same messages. A known day costs two map
// lookups and a look at the time's five characters: with a key string and two regular
// expressions a row, this reader was about a tenth of the checking thread's time.
import { parseWhen, type ScheduleTime } from '../../../shared/schedule-time.ts';

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function createWallTimeReader(): (date: string, time: string, zone: string) => ScheduleTime {
  /** zone → date → the day's start in epoch ms, or null when the day needs parseWhen. */
  const days = new Map<string, Map<string, number | null>>();

  /** Midnight's instant on a day with one offset all day; null otherwise. */
  function dayStart(zone: string, date: string): number | null {
    const day = datePattern.exec(date);
    if (day === null) return null;
    const [y, m, d] = [day[1], day[2], day[3]].map(Number) as [number, number, number];
    try {
      const start = parseWhen(`${date} 00:00`, zone);
      const end = parseWhen(`${date} 23:59`, zone);
      const atStart = Date.UTC(y, m - 1, d, 0, 0) - start.instant;
      const atEnd = Date.UTC(y, m - 1, d, 23, 59) - end.instant;
      return atStart === atEnd ? Date.UTC(y, m - 1, d) - atStart : null;
    } catch {
      // A day that starts or ends in a gap or a repeated hour: leave it to parseWhen.
      return null;
    }
  }

  return (date, time, zone) => {
    const minutes = minutesOf(time);
    let known = days.get(zone);
    if (known === undefined) {
      known = new Map();
      days.set(zone, known);
    }
    let start = known.get(date);
    if (start === undefined) {
      start = dayStart(zone, date);
      known.set(date, start);
    }
    if (start === null || minutes === null) return parseWhen(`${date} ${time}`, zone);
    return { instant: start + minutes * 60_000, zone, localTime: `${date}T${time}` };
  };
}

/** Minutes after midnight of `HH:mm` (00:00–23:59); null for anything else. */
function minutesOf(time: string): number | null {
  if (time.length !== 5 || time.charCodeAt(2) !== colon) return null;
  const h1 = digit(time, 0);
  const h2 = digit(time, 1);
  const m1 = digit(time, 3);
  const m2 = digit(time, 4);
  if (h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0) return null;
  const hour = h1 * 10 + h2;
  const minute = m1 * 10 + m2;
  return hour > 23 || minute > 59 ? null : hour * 60 + minute;
}

const colon = 0x3a;

/** The ASCII digit at `at` as a number; -1 for any other character. */
function digit(text: string, at: number): number {
  const value = text.charCodeAt(at) - 0x30;
  return value >= 0 && value <= 9 ? value : -1;
}
