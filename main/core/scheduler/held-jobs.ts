// The jobs held for a reconnect (the `held` mark) or for their client's approval (the
// `approval` mark), as the scheduler's queue counts and wakes them (job-store.ts).
import { sql, type Kysely } from 'kysely';
import { accountSeqOf } from '../db/post-numbers.ts';
import type { Schema } from '../db/schema.ts';
import { approvalPath, heldPath } from './job-marks.ts';

export function createHeldJobs(db: Kysely<Schema>) {
  return {
    /** Held jobs of an account that was reconnected: due now. */
    async wakeHeld(accountId: string, now: number): Promise<number> {
      const result = await db
        .updateTable('publish_jobs')
        .set({
          run_at: now,
          payload: sql<string>`json_remove(payload, ${heldPath})`,
          updated_at: now,
        })
        .where('status', '=', 'pending')
        .where(sql<boolean>`json_extract(payload, ${heldPath}) IS NOT NULL`)
        .where('target_id', 'in', (eb) =>
          eb
            .selectFrom('post_targets')
            .select('id')
            .where('account_seq', '=', accountSeqOf(accountId)),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /**
     * Held jobs whose account was reconnected since they were held, by any process (the
     * app reconnects, the daemon publishes): due now.
     */
    async wakeReconnected(now: number): Promise<number> {
      const result = await sql`
        UPDATE publish_jobs
        SET run_at = ${now}, payload = json_remove(payload, ${heldPath}), updated_at = ${now}
        WHERE status = 'pending' AND kind = 'publish'
          AND json_extract(payload, ${heldPath}) IS NOT NULL
          AND EXISTS (
            SELECT 1 FROM post_targets t JOIN social_accounts a ON a.seq = t.account_seq
            WHERE t.id = publish_jobs.target_id AND a.status = 'active'
              AND a.updated_at > publish_jobs.updated_at
          )`.execute(db);
      return Number(result.numAffectedRows ?? 0n);
    },

    /** Jobs held for a reconnect or for their client's approval. */
    async countHeld(): Promise<number> {
      const row = await db
        .selectFrom('publish_jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .where('kind', '=', 'publish')
        .where(
          sql<boolean>`(json_extract(payload, ${heldPath}) IS NOT NULL
            OR json_extract(payload, ${approvalPath}) IS NOT NULL)`,
        )
        .executeTakeFirstOrThrow();
      return row.n;
    },
  };
}
