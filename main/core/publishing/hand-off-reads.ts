// What a hand-off ([Note: hand-off] in hand-off.ts) reads back from the database when the
// network's answer to it never came: what it gave the network, and what the account's
// other posts are held as, so a lookup never takes another post's hold for its own.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';

/** What the target's last hand-off gave the network, as HoldPort.look put it; null if unknown. */
export async function handedOverLook(
  db: Kysely<Schema>,
  postId: string,
  targetId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('post_events')
    .select('detail')
    .where('post_id', '=', postId)
    .where('target_id', '=', targetId)
    .where('type', '=', 'hand-off.sending')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row === undefined) return null;
  const { look } = JSON.parse(row.detail) as { look?: unknown };
  return typeof look === 'string' ? look : null;
}

/** The hold ids of the account's targets other than `target`. */
export async function heldElsewhere(
  db: Kysely<Schema>,
  target: { seq: number; account_seq: number },
): Promise<ReadonlySet<string>> {
  const rows = await db
    .selectFrom('post_targets')
    .select('hold_id')
    .where('account_seq', '=', target.account_seq)
    .where('hold_id', 'is not', null)
    .where('seq', '!=', target.seq)
    .execute();
  return new Set(rows.map((r) => r.hold_id ?? ''));
}
