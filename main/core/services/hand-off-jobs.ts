// Waking the jobs of posts their network holds, or is to hold ([Note: hand-off] in
// publishing/hand-off.ts): anything that changes such a post (scheduled, moved, edited,
// cancelled, hand-off turned on or off, approved or no longer approved) runs its
// publisher at once, which hands the post over, moves it or takes it back before the
// network publishes an old version or one its client has not approved.
import { type Kysely, type Transaction } from 'kysely';
import { accountSeqOf } from '../db/post-numbers.ts';
import type { Schema } from '../db/schema.ts';
import { payloadAtNewTime } from '../scheduler/job-marks.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** Runs now the pending jobs of the posts `postIds`, or of every post of an account or client. */
export async function wakeHandOffs(
  db: Db,
  which: { postIds: string[] } | { accountId: string } | { clientId: string },
  now: number,
): Promise<void> {
  if ('postIds' in which && which.postIds.length === 0) return;
  const targets = db
    .selectFrom('post_targets as t')
    .innerJoin('social_accounts as a', 'a.seq', 't.account_seq')
    .select('t.id')
    .where((eb) => eb.or([eb('a.hand_off', '=', 1), eb('t.hold_key', 'is not', null)]))
    .where((eb) => {
      if ('postIds' in which) {
        return eb(
          't.post_seq',
          'in',
          eb.selectFrom('posts').select('seq').where('id', 'in', which.postIds),
        );
      }
      if ('accountId' in which) return eb('t.account_seq', '=', accountSeqOf(which.accountId));
      return eb('a.client_id', '=', which.clientId);
    });
  await db
    .updateTable('publish_jobs')
    .set({
      run_at: now,
      payload: payloadAtNewTime,
      updated_at: now,
    })
    .where('kind', '=', 'publish')
    .where('status', '=', 'pending')
    .where('run_at', '>', now)
    .where('target_id', 'in', targets)
    .execute();
}
