// Rows of a CSV without a date and time take their first account's next free queue slots,
// in file order: one question per account (and per 10,000 rows), so two rows of one file
// never share a slot, and neither does a queued row and a row of the file that names that
// time itself. A dry run and the import it previews therefore place rows alike.
import type { ImportIssue } from '../../../shared/data.ts';
import { localTimeOf, type ScheduleTime } from '../../../shared/schedule-time.ts';
import { queueSlotLimits, type QueueSlots } from '../services/queue-slots.ts';
import type { RowPlan } from './csv-rows.ts';

export interface QueuedRow {
  row: number;
  plan: RowPlan;
}

export interface QueueOutcome {
  /** In file order. */
  placed: (QueuedRow & { time: ScheduleTime })[];
  refused: { row: number; issues: ImportIssue[] }[];
}

export async function placeQueuedRows(
  rows: QueuedRow[],
  slots: Pick<QueueSlots, 'nextFree'>,
  from: number,
  /** Instants the file's own rows take, per account. */
  taken: ReadonlyMap<string, ReadonlySet<number>>,
): Promise<QueueOutcome> {
  const outcome: QueueOutcome = { placed: [], refused: [] };
  const byAccount = new Map<string, QueuedRow[]>();
  for (const item of rows) {
    const first = item.plan.accounts[0];
    if (first === undefined) continue;
    const list = byAccount.get(first.id) ?? [];
    list.push(item);
    byAccount.set(first.id, list);
  }
  for (const [accountId, items] of byAccount) {
    let after = from;
    for (let start = 0; start < items.length; start += queueSlotLimits.nextFreeMax) {
      const chunk = items.slice(start, start + queueSlotLimits.nextFreeMax);
      const free = await slots.nextFree(accountId, after, chunk.length, taken.get(accountId));
      for (const [index, item] of chunk.entries()) {
        const at = free[index]?.at;
        if (at === undefined) {
          outcome.refused.push({
            row: item.row,
            issues: [
              {
                column: null,
                message: `No date and time, and @${item.plan.accounts[0]?.handle ?? ''} has no free queue slot left for it: add posting slots to the account, or give the date and time.`,
              },
            ],
          });
          continue;
        }
        after = at + 1;
        const zone = item.plan.zone;
        outcome.placed.push({
          ...item,
          time: { instant: at, zone, localTime: localTimeOf(at, zone) },
        });
      }
    }
  }
  outcome.placed.sort((a, b) => a.row - b.row);
  return outcome;
}
