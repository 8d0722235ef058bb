// Claims the due jobs, keeping them from being sent beside or ahead of a retry of their
// account.
//
// [Note: one asks at a time] While a job of an account is backing off, the account's later
// jobs wait behind it ([Note: outages] in settle-outcome.ts): each time it settles, those
// that would run before its next run move after it (job-store.ts lineUpBehind and
// placeInLine), so while it waits it is claimed first. That cannot move a job already
// claimed: one due in the same pass as the retry (the backoff's jitter puts them there now
// and then), or one that falls due while the retry is on its network, in this process or
// in another one on the data folder. Nor one that comes due while the retry waits without
// having been in line when it settled: a job whose process died while it was on its
// network (claimed again once its lease lapses), one released at shutdown, or a post
// scheduled since. Such a job goes back in line behind the retry, unsent, with the
// lined-up reason, and follows once the retry goes out (wakeLinedUp).
// The claim, the look-up for retries under way and the put-back are one write transaction
// (BEGIN IMMEDIATE): no settle of this process (the driver hands its one connection out
// in turn, db/dialect.ts) or of another one (the database lock) comes between them. As
// separate steps, a retry that settled after the claim but before the look-up went unseen
// (its own line-up skips a claimed job), and one that settled before the put-back left
// the job due at once: either way the later post went out first. A failed look-up rolls
// the claim back rather than leaving the jobs leased until their lease lapses.
// The look-up reads only the running jobs and the retries waiting (publish_jobs_leased and
// publish_jobs_retrying, both partial: a few dozen rows), one statement a pass that claims
// anything; the claim's own indexes are unchanged ([Note: claim indexes]).
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { backoffPath, dueAtPath, networkHolds } from './job-marks.ts';
import { createJobStore, type ClaimedJob, type JobStore } from './job-store.ts';

export interface RetryLineDeps {
  db: Kysely<Schema>;
  /** Names this process's leases. */
  owner: string;
  /** Between jobs lined up (backoff.ts lineUpGapMs). */
  gapMs: number;
}

/**
 * A retry on its network or waiting for its next try; `run_at` is when it was first due,
 * `next_at` when it settles (its lease's end) or runs again.
 */
interface RetryRow {
  id: string;
  target_id: string;
  account_seq: number;
  run_at: number;
  next_at: number | null;
  error_code: string | null;
}

export function createRetryLine(deps: RetryLineDeps) {
  const { db, owner } = deps;

  /**
   * Claims up to `limit` due jobs until `leaseUntil` (job-store.ts claim) and puts
   * those due after a retry of their account under way back in line. Answers how many
   * were claimed and those to run now. `sending`: the jobs this process has under way.
   */
  return async function claimReady(
    now: number,
    leaseUntil: number,
    limit: number,
    sending: readonly string[] = [],
  ) {
    return db.transaction().execute(async (trx) => {
      const jobs = createJobStore(trx);
      const claimed = await jobs.claim(owner, now, leaseUntil, limit, sending);
      return { claimed: claimed.length, ready: await lineUpClaimed(trx, jobs, claimed, now) };
    });
  };

  /** Puts back in line the claimed jobs due after a retry of their account; answers the rest. */
  async function lineUpClaimed(
    trx: Kysely<Schema>,
    jobs: JobStore,
    claimed: ClaimedJob[],
    now: number,
  ) {
    if (claimed.length === 0) return claimed;
    // The retries on their network, then those waiting for their next try: two questions,
    // each answered by a partial index, as the claim asks them ([Note: claim indexes]). A
    // job is a retry only while backing off (backoffPath): one paced for a posting limit,
    // held for a reconnect or an approval, or put back after an unexpected error keeps its
    // spent attempts but does not stand for a network that is down.
    const retries = (nextAt: RawBuilder<number>, index: RawBuilder<unknown>) => sql<RetryRow>`
      SELECT j.id, j.target_id, t.account_seq, ${nextAt} AS next_at, t.error_code,
        coalesce(json_extract(j.payload, ${dueAtPath}), j.run_at) AS run_at
      FROM publish_jobs j INDEXED BY ${index}
      JOIN post_targets t ON t.id = j.target_id
      WHERE j.kind = 'publish' AND j.attempts > 0
        AND json_extract(j.payload, ${backoffPath}) IS NOT NULL`;
    const underway = await sql<RetryRow>`
      ${retries(sql`j.lease_expires_at`, sql.raw('publish_jobs_leased'))}
        AND j.status = 'running'
      UNION ALL
      ${retries(sql`j.run_at`, sql.raw('publish_jobs_retrying'))}
        AND j.status = 'pending'`.execute(trx);
    if (underway.rows.length === 0) return claimed;
    // The first retry of each account in due order: the account's later jobs wait for it.
    const heads = new Map<number, RetryRow>();
    for (const row of underway.rows) {
      const head = heads.get(row.account_seq);
      if (head === undefined || dueBefore(row, head)) heads.set(row.account_seq, row);
    }
    // A post its network holds (networkHolds) stays out of line.
    const accounts = await trx
      .selectFrom('publish_jobs as j')
      .innerJoin('post_targets as t', 't.id', 'j.target_id')
      .select(['j.id', 't.account_seq'])
      .where(
        'j.id',
        'in',
        claimed.map((job) => job.id),
      )
      .where(sql<SqlBool>`NOT ${networkHolds}`)
      .execute();
    const accountOf = new Map(accounts.map((row) => [row.id, row.account_seq]));
    const behind = new Map<RetryRow, string[]>();
    for (const job of claimed) {
      const account = accountOf.get(job.id);
      const head = account === undefined ? undefined : heads.get(account);
      if (head === undefined || !dueBefore(head, { id: job.id, run_at: job.runAt })) continue;
      behind.set(head, [...(behind.get(head) ?? []), job.id]);
    }
    if (behind.size === 0) return claimed;
    const lined = [...behind.values()].flat();
    // Back to pending as before this claim, then in line like any pending job.
    await jobs.release(lined, owner, now);
    for (const head of behind.keys()) {
      await jobs.lineUpBehind(
        { id: head.id, targetId: head.target_id, runAt: head.run_at },
        // On its network, it settles before its lease ends, or its process died and it runs
        // again then; waiting, it runs at its run_at.
        Math.max(head.next_at ?? now, now),
        deps.gapMs,
        now,
        // A retry leaves its code on its target; only a person's approval clears it.
        head.error_code ?? 'UNAVAILABLE',
      );
    }
    const unsent = new Set(lined);
    return claimed.filter((job) => !unsent.has(job.id));
  }
}

/** Due before `other`: earlier, or at the same time and first by id, as claimed. */
function dueBefore(job: { id: string; run_at: number }, other: { id: string; run_at: number }) {
  return job.run_at < other.run_at || (job.run_at === other.run_at && job.id < other.id);
}
