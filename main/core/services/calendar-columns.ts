// A post's calendar columns ([Note: calendar columns] in migrations/0004-calendar-columns.ts)
// worked out from its rows the way 0004's triggers work them out in SQL, for the bulk
// writer that puts them in the post's own INSERT ([Note: calendar held] in
// migrations/0026-calendar-held.ts). The triggers stay the rule; calendar-held.test.ts
// writes the same posts both ways and compares.
import type { PostRows } from './posts-write.ts';

/** The posts table's derived calendar columns. */
export interface CalendarPostColumns {
  cal_parts: number;
  cal_accounts: string;
}

/**
 * The accounts are their numbers, smallest first ([Note: accounts and clients by number]
 * in migrations/0040-accounts-and-clients-by-number.ts). `accountSeqOf` answers undefined
 * for an account that has no row (the triggers' join leaves it out).
 */
export function calendarColumns(
  rows: Pick<PostRows, 'parts' | 'targets'>,
  accountSeqOf: (accountId: string) => number | undefined,
): CalendarPostColumns {
  const accounts: number[] = [];
  for (const target of rows.targets) {
    const seq = accountSeqOf(target.account_id);
    if (seq !== undefined) accounts.push(seq);
  }
  return {
    cal_parts: rows.parts.length,
    cal_accounts: accounts.sort((a, b) => a - b).join(','),
  };
}
