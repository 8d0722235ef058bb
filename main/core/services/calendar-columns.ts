// A post's calendar columns ([Note: calendar columns] in migrations/0004-calendar-columns.ts)
// worked out the way 0004's triggers work them out in SQL, for the bulk writes that put
// them in the post's own INSERT ([Note: calendar held] in migrations/0026-calendar-held.ts):
// the CSV import's rows (data/csv-import-rows.ts). The triggers stay the rule;
// calendar-held.test.ts writes the same posts both ways and compares.

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
export function calendarColumns<Account>(
  parts: number,
  /** The post's accounts, one per target. */
  accounts: readonly Account[],
  accountSeqOf: (account: Account) => number | undefined,
): CalendarPostColumns {
  const seqs: number[] = [];
  for (const account of accounts) {
    const seq = accountSeqOf(account);
    if (seq !== undefined) seqs.push(seq);
  }
  return { cal_parts: parts, cal_accounts: seqs.sort((a, b) => a - b).join(',') };
}
