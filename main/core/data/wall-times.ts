// Wall times of a CSV read fast. [Note: one offset per day] parseWhen (Temporal) costs
// about 10 µs a call, a second for 100,000 rows; a day on which a zone's offset does not
// change has one offset, so it is found once per zone and date (through parseWhen) and
// reused. Days with a DST change, and anything unusual, go through parseWhen itself, so
// gaps and repeated hours are refused with the same messages.
import { parseWhen, type ScheduleTime } from '../../../shared/schedule-time.ts';

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^(\d{2}):(\d{2})$/;

export function createWallTimeReader(): (date: string, time: string, zone: string) => ScheduleTime {
  /** `zone date` → the day's UTC offset in ms, or null when the day needs parseWhen. */
  const offsets = new Map<string, number | null>();

  function offsetOf(zone: string, date: string, y: number, m: number, d: number): number | null {
    const key = `${zone} ${date}`;
    let offset = offsets.get(key);
    if (offset !== undefined) return offset;
    offset = null;
    try {
      const start = parseWhen(`${date} 00:00`, zone);
      const end = parseWhen(`${date} 23:59`, zone);
      const atStart = Date.UTC(y, m - 1, d, 0, 0) - start.instant;
      const atEnd = Date.UTC(y, m - 1, d, 23, 59) - end.instant;
      if (atStart === atEnd) offset = atStart;
    } catch {
      // A day that starts or ends in a gap or a repeated hour: leave it to parseWhen.
    }
    offsets.set(key, offset);
    return offset;
  }

  return (date, time, zone) => {
    const day = datePattern.exec(date);
    const clock = timePattern.exec(time);
    if (day === null || clock === null) return parseWhen(`${date} ${time}`, zone);
    const [y, m, d, hour, minute] = [day[1], day[2], day[3], clock[1], clock[2]].map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const offset = hour > 23 || minute > 59 ? null : offsetOf(zone, date, y, m, d);
    if (offset === null) return parseWhen(`${date} ${time}`, zone);
    return {
      instant: Date.UTC(y, m - 1, d, hour, minute) - offset,
      zone,
      localTime: `${date}T${time}`,
    };
  };
}
