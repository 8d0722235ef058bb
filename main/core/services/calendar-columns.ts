// A post's calendar columns ([Note: calendar columns] in migrations/0004-calendar-columns.ts)
// worked out from its rows the way 0004's triggers work them out in SQL, for the bulk
// writer that puts them in the post's own INSERT ([Note: calendar held] in
// migrations/0026-calendar-held.ts). The triggers stay the rule; calendar-held.test.ts
// writes the same posts both ways and compares.
import type { PostRows } from './posts-write.ts';

/** The posts table's derived calendar columns. */
export interface CalendarPostColumns {
  cal_first_line: string;
  cal_parts: number;
  cal_accounts: string;
}

const firstLineMax = 140;

/**
 * The first line of `text`, at most 140 characters, counted as SQLite's substr() and
 * instr() count them: by code point, not by UTF-16 unit.
 */
export function calendarFirstLine(text: string): string {
  let line = '';
  let count = 0;
  for (const character of text) {
    count += 1;
    if (character === '\n' || count > firstLineMax) break;
    line += character;
  }
  return line;
}

/**
 * `handleOf` answers undefined for an account that has no row (the triggers' join leaves
 * it out). Targets come in account id order: the order SQLite reads them through the
 * UNIQUE (post_id, account_id) index when the triggers group them.
 */
export function calendarColumns(
  rows: Pick<PostRows, 'parts' | 'targets'>,
  handleOf: (accountId: string) => string | undefined,
): CalendarPostColumns {
  const first = rows.parts.find((part) => part.position === 0);
  const accounts: string[] = [];
  for (const accountId of rows.targets.map((t) => t.account_id).sort(byCodeUnit)) {
    const handle = handleOf(accountId);
    if (handle !== undefined) accounts.push(`${accountId} ${handle}`);
  }
  return {
    cal_first_line: calendarFirstLine(first?.text ?? ''),
    cal_parts: rows.parts.length,
    cal_accounts: accounts.join(','),
  };
}

// SQLite's BINARY collation compares UTF-8 bytes, which orders ids (ASCII) as `<` does.
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
