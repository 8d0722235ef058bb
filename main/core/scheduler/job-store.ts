// The publish_jobs queue as the scheduler sees it: claim with a lease, renew, settle.
// [Note: job leases] A claim is one UPDATE … RETURNING statement. SQLite opens the write
// transaction before the statement reads anything, so two processes on one data folder
// (the app and `starling daemon`) are serialised by the database lock and a row moves
// from pending to running exactly once. A running job whose lease expired belonged to a
// process that died or slept past it; it is claimed again (by its own process only once
// its send is over), and the publisher's journal looks up any part that may already be on
// its network before sending it again. Every settle names the lease owner: a process
// whose lease was taken over changes nothing.
// [Note: done jobs go] A job that went out is deleted, not kept as 'done': nothing reads a
// finished job (the target keeps its status and remote ids, the event log its history,
// client archives carry pending jobs only; at a million posts the done rows were 0.4 GB).
// The delete names the lease owner, and a lapsed lease of a job gone out claims nothing.
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { createHeldJobs } from './held-jobs.ts';
import {
  approvalPath,
  dueAtPath,
  heldPath,
  lapsedError,
  linedUpReason,
  markedMayBeOut,
  mayBeOutOf,
  networkHolds,
  payloadAtNewTime,
  unconfirmed,
  type Requeue,
} from './job-marks.ts';

/** Job ids, such as those this process has under way. */
type Ids = readonly string[];

export interface ClaimedJob {
  id: string;
  targetId: string;
  /** When it was due: its run_at, or the first due time of a job put back (requeue). */
  runAt: number;
  attempts: number;
  maxAttempts: number;
  /** Its post may be on its network ([Note: may be out]): marked, or UNCONFIRMED. */
  mayBeOut: boolean;
}

/** Which job, on which target, first due when: what lining up behind a job needs. */
type JobAt = Pick<ClaimedJob, 'id' | 'targetId' | 'runAt'>;

interface JobRow {
  id: string;
  target_id: string;
  run_at: number;
  attempts: number;
  max_attempts: number;
  may_be_out: number;
}

/** Runs `work` in the transaction `db` is, or in a write transaction of its own. */
function writing(db: Kysely<Schema>, work: (trx: Kysely<Schema>) => Promise<void>) {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** `db` may be a transaction: retry-line.ts claims and lines up in one. */
export function createJobStore(db: Kysely<Schema>) {
  return {
    ...createHeldJobs(db),
    /**
     * Claims up to `limit` due jobs (or lapsed leases) for `owner` until `leaseUntil`, the
     * earliest due first. Two indexed questions, each cut off at `limit` (lapsed leases in
     * the order they lapsed), then the earliest due `limit` of both ([Note: claim indexes]
     * in migrations/0028-claim-indexes.ts): a claim reads a few rows however many are due,
     * where one OR over both sorted them all. Never `sending`: ours under way.
     */
    async claim(owner: string, now: number, leaseUntil: number, limit: number, sending: Ids = []) {
      if (limit <= 0) return [];
      const result = await sql<JobRow & { queued_at: number }>`
        UPDATE publish_jobs
        SET lease_expires_at = ${leaseUntil},
            updated_at = ${now},
            payload = json_remove(CASE WHEN status = 'running' THEN ${markedMayBeOut} ELSE payload END,
              ${heldPath}, ${approvalPath}),
            last_error = CASE WHEN status = 'running' THEN ${lapsedError} ELSE last_error END,
            status = 'running',
            lease_owner = ${owner}
        WHERE id IN (
          SELECT id FROM (
            SELECT id, run_at FROM (
              SELECT id, run_at FROM publish_jobs INDEXED BY publish_jobs_leased
              WHERE status = 'running' AND lease_expires_at < ${now}
                AND kind = 'publish' AND target_id IS NOT NULL
                AND id NOT IN (SELECT value FROM json_each(${JSON.stringify(sending)}))
              ORDER BY lease_expires_at
              LIMIT ${limit})
            UNION ALL
            SELECT id, run_at FROM (
              SELECT id, run_at FROM publish_jobs INDEXED BY publish_jobs_pending
              WHERE status = 'pending' AND kind = 'publish' AND target_id IS NOT NULL
                AND run_at <= ${now}
              ORDER BY run_at, id
              LIMIT ${limit})
            ORDER BY run_at, id
            LIMIT ${limit})
        )
        RETURNING id, target_id, attempts, max_attempts, run_at AS queued_at,
          ${mayBeOutOf('publish_jobs')} AS may_be_out,
          coalesce(json_extract(payload, ${dueAtPath}), run_at) AS run_at`.execute(db);
      // RETURNING comes in no promised order; the engine starts them as listed.
      return result.rows
        .toSorted((a, b) => a.queued_at - b.queued_at || (a.id < b.id ? -1 : 1))
        .map(toJob);
    },

    /**
     * Renews the lease for `leaseMs` from each call's now: false once `owner` no longer
     * holds the job. The renewal timer calls it, and the publisher before each send ([Note:
     * the lease before a send] in publishing/outcome.ts).
     */
    keeper(id: string, owner: string, leaseMs: number, now: () => number) {
      return () => {
        const t = now();
        return this.renew(id, owner, t + leaseMs, t);
      };
    },

    async renew(id: string, owner: string, leaseUntil: number, now: number): Promise<boolean> {
      const result = await db
        .updateTable('publish_jobs')
        .set({ lease_expires_at: leaseUntil, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** The job went out: it is deleted ([Note: done jobs go]). */
    async complete(id: string, owner: string) {
      await db
        .deleteFrom('publish_jobs')
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .execute();
    },

    /** Ends the job unpublished: failed or cancelled, kept with its reason. */
    async finish(
      id: string,
      owner: string,
      status: 'failed' | 'cancelled',
      now: number,
      lastError: string | null = null,
    ): Promise<boolean> {
      const result = await db
        .updateTable('publish_jobs')
        .set({
          status,
          lease_owner: null,
          lease_expires_at: null,
          updated_at: now,
          ...(lastError !== null && { last_error: lastError }),
        })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      // False when another process holds the job now: it is theirs to settle.
      return result.numUpdatedRows > 0n;
    },

    /** Back to pending as `change` says (job-marks.ts Requeue). */
    async requeue(id: string, owner: string, change: Requeue, now: number) {
      await db
        .updateTable('publish_jobs')
        .set((eb) => ({
          status: 'pending',
          run_at: change.runAt,
          attempts: change.spent ? eb('attempts', '+', 1) : eb.ref('attempts'),
          lease_owner: null,
          lease_expires_at: null,
          last_error: change.lastError,
          // Put back for any reason: remember when it was first due (missed-policy.ts measures
          // the grace window from it, settle-outcome.ts the retry limit).
          payload: sql<string>`json_patch(payload, json_object(
            'held', ${change.held ? 1 : null},
            'backoff', ${(change.backoff ?? change.spent) ? 1 : null},
            'dueAt', coalesce(json_extract(payload, ${dueAtPath}), run_at)
            ${change.mayBeOut === undefined ? sql`` : sql`, 'mayBeOut', ${change.mayBeOut ? 1 : null}`}))`,
          updated_at: now,
        }))
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .execute();
    },

    /**
     * Back to pending at `runAt` without an attempt, held until its client approves the
     * post; when it was first due is kept, so the grace window runs from there.
     */
    async holdForApproval(
      id: string,
      owner: string,
      runAt: number,
      lastError: string,
      now: number,
    ) {
      await db
        .updateTable('publish_jobs')
        .set({
          status: 'pending',
          run_at: runAt,
          lease_owner: null,
          lease_expires_at: null,
          last_error: lastError,
          payload: sql<string>`json_patch(payload, json_object(
            'approval', 1,
            'backoff', null,
            'dueAt', coalesce(json_extract(payload, ${dueAtPath}), run_at)))`,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .execute();
    },

    /**
     * Back to pending until `runAt`, no attempt spent and no earlier due time kept: the
     * publisher chose the time (a post the network holds, a run woken early).
     */
    async wait(id: string, owner: string, runAt: number, now: number) {
      await db
        .updateTable('publish_jobs')
        .set({
          status: 'pending',
          run_at: runAt,
          lease_owner: null,
          lease_expires_at: null,
          last_error: null,
          payload: sql<string>`json_remove(${payloadAtNewTime}, ${heldPath})`,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .execute();
    },

    /**
     * Gives up our leases: the jobs run again at once. `wentOut`: they were on their way out
     * (shutdown past its deadline), so they say their post may be out, as lapsed ones do.
     */
    async release(ids: string[], owner: string, now: number, wentOut = false) {
      if (ids.length === 0) return;
      await db
        .updateTable('publish_jobs')
        .set({ status: 'pending', lease_owner: null, lease_expires_at: null, updated_at: now })
        .$if(wentOut, (update) => update.set({ last_error: lapsedError, payload: markedMayBeOut }))
        .where('id', 'in', ids)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'running')
        .execute();
    },

    /**
     * When a job backing off may run: at `proposed`, or after a job of the same account
     * that was due before it and is itself waiting longer (so they keep their order).
     */
    async placeInLine(job: ClaimedJob, proposed: number, gapMs: number): Promise<number> {
      const ahead = await sql<{ latest: number | null }>`
        SELECT max(j.run_at) AS latest FROM publish_jobs j JOIN post_targets t ON t.id = j.target_id
        WHERE j.status = 'pending' AND j.kind = 'publish' AND j.id != ${job.id}
          AND coalesce(json_extract(j.payload, ${dueAtPath}), j.run_at) < ${job.runAt}
          AND t.account_seq = (SELECT account_seq FROM post_targets WHERE id = ${job.targetId})`.execute(
        db,
      );
      const latest = ahead.rows[0]?.latest ?? null;
      return latest !== null && latest >= proposed ? latest + gapMs : proposed;
    },

    /**
     * A job of an account is backing off until `runAt`: the account's other jobs that
     * would run before then, and were due no earlier, wait until `gapMs` after it (not to
     * be sent together with it), in the order they were due: one post per account asks a
     * network that is down. Each says so where the post panel, the calendar and the tray
     * look, with the leader's `code` but never UNCONFIRMED (they were not sent), or it would
     * sit as "scheduled" past its time with no reason. One whose own post may be out keeps
     * its UNCONFIRMED code, which the missed sweep spares; one its network holds
     * (networkHolds) is left alone. In the caller's transaction if any (retry-line.ts).
     */
    async lineUpBehind(job: JobAt, runAt: number, gapMs: number, now: number, code: string) {
      const lineCode = code === 'UNCONFIRMED' ? 'UNAVAILABLE' : code;
      await writing(db, async (trx) => {
        const behind = await sql<{ id: string }>`
          SELECT j.id FROM publish_jobs j JOIN post_targets t ON t.id = j.target_id
          WHERE j.status = 'pending' AND j.kind = 'publish' AND j.id != ${job.id}
            AND j.run_at <= ${runAt} AND NOT ${networkHolds}
            AND coalesce(json_extract(j.payload, ${dueAtPath}), j.run_at) >= ${job.runAt}
            AND t.account_seq = (SELECT account_seq FROM post_targets WHERE id = ${job.targetId})
          ORDER BY coalesce(json_extract(j.payload, ${dueAtPath}), j.run_at), j.id`.execute(trx);
        for (const [rank, row] of behind.rows.entries()) {
          await trx
            .updateTable('post_targets')
            .set({ error_code: lineCode, error_message: linedUpReason, updated_at: now })
            .where('id', '=', (eb) =>
              eb.selectFrom('publish_jobs').select('target_id').where('id', '=', row.id),
            )
            .where('status', '=', 'scheduled')
            .where('error_code', 'is', null)
            .execute();
          await trx
            .updateTable('publish_jobs')
            .set({
              run_at: runAt + gapMs + rank,
              last_error: sql<string>`CASE WHEN last_error LIKE ${unconfirmed}
                THEN ${`UNCONFIRMED: ${linedUpReason}`} ELSE ${`${lineCode}: ${linedUpReason}`} END`,
              payload: sql<string>`json_patch(payload, json_object(
                'dueAt', coalesce(json_extract(payload, ${dueAtPath}), run_at)))`,
              updated_at: now,
            })
            .where('id', '=', row.id)
            .execute();
        }
      });
    },

    /**
     * A job of the account went out: the account's jobs lined up behind a retry (overdue,
     * waiting for a later run_at, not held for a reconnect) run now, in the order they
     * were due.
     */
    async wakeLinedUp(job: ClaimedJob, now: number) {
      await db.transaction().execute(async (trx) => {
        const lined = await sql<{ id: string }>`
          SELECT j.id FROM publish_jobs j JOIN post_targets t ON t.id = j.target_id
          WHERE j.status = 'pending' AND j.kind = 'publish' AND j.id != ${job.id}
            AND j.run_at > ${now}
            AND json_extract(j.payload, ${dueAtPath}) <= ${now}
            AND json_extract(j.payload, ${heldPath}) IS NULL
            AND t.account_seq = (SELECT account_seq FROM post_targets WHERE id = ${job.targetId})
          ORDER BY json_extract(j.payload, ${dueAtPath}), j.id`.execute(trx);
        for (const [rank, row] of lined.rows.entries()) {
          await trx
            .updateTable('publish_jobs')
            .set({ run_at: now + rank, updated_at: now })
            .where('id', '=', row.id)
            .execute();
        }
      });
    },

    /** When the next job falls due, or a lease not `sending` runs out; null for none. */
    async nextWake(sending: Ids = []): Promise<number | null> {
      const row = await sql<{ at: number | null }>`
        SELECT min(at) AS at FROM (
          SELECT min(run_at) AS at FROM publish_jobs
            WHERE status = 'pending' AND kind = 'publish'
          UNION ALL
          SELECT min(lease_expires_at) AS at FROM publish_jobs
            WHERE status = 'running' AND kind = 'publish'
              AND id NOT IN (SELECT value FROM json_each(${JSON.stringify(sending)}))
        )`.execute(db);
      return row.rows[0]?.at ?? null;
    },
  };
}

export type JobStore = ReturnType<typeof createJobStore>;

function toJob(row: JobRow): ClaimedJob {
  return {
    id: row.id,
    targetId: row.target_id,
    runAt: row.run_at,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    mayBeOut: row.may_be_out === 1,
  };
}
