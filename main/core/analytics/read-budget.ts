// The daily cap on X reads (X bills reads per post and user returned) and the ledger of
// reads spent per UTC day. The cap is kept in the key-value store beside preferences.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { KeyValueStore } from '../ports.ts';

export const defaultDailyReadCap = 1000;
export const maxDailyReadCap = 1_000_000;
const settingsKey = 'analytics';

export const utcDay = (at: number): string => new Date(at).toISOString().slice(0, 10);

export function readCap(store: KeyValueStore): number {
  const raw = store.get(settingsKey) as { dailyReadCap?: unknown } | undefined;
  const cap = raw?.dailyReadCap;
  return typeof cap === 'number' && Number.isInteger(cap) && cap >= 0 && cap <= maxDailyReadCap
    ? cap
    : defaultDailyReadCap;
}

export function setReadCap(store: KeyValueStore, cap: number): void {
  const raw = store.get(settingsKey);
  const current = typeof raw === 'object' && raw !== null ? raw : {};
  store.set(settingsKey, { ...current, dailyReadCap: cap });
}

export async function readsUsed(db: Kysely<Schema>, now: number): Promise<number> {
  const row = await db
    .selectFrom('x_read_usage')
    .select('reads')
    .where('day', '=', utcDay(now))
    .executeTakeFirst();
  return row?.reads ?? 0;
}

export async function spendReads(
  trx: Transaction<Schema> | Kysely<Schema>,
  now: number,
  reads: number,
): Promise<void> {
  if (reads <= 0) return;
  await sql`INSERT INTO x_read_usage (day, reads) VALUES (${utcDay(now)}, ${reads})
    ON CONFLICT (day) DO UPDATE SET reads = reads + excluded.reads`.execute(trx);
}

/** Milliseconds until the next UTC day, when the cap starts over. */
export function nextUtcDay(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}
