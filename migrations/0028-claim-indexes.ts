// [Note: claim indexes] The scheduler's claim (main/core/scheduler/job-store.ts) took the
// due jobs with one OR (pending and due, or running with a lapsed lease), which no index
// answers in order: SQLite gathered every due job and sorted them all, once per pass
// (3.4 ms a claim with 5,000 posts due, issue 19 item 4). The claim now asks two
// questions, each answered in order by an index of its own and cut off at the free slots:
// - pending publish jobs by (run_at, id): partial, so it holds only the jobs still to
//   run, not the done ones of a long-kept archive (a million at issue 19's scale);
// - running jobs by lease_expires_at: partial too, at most a few dozen rows.
// publish_jobs_due (0001) stays: "what is due next" and the upcoming list still use it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX publish_jobs_pending ON publish_jobs (run_at, id)
    WHERE status = 'pending' AND kind = 'publish' AND target_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX publish_jobs_leased ON publish_jobs (lease_expires_at)
    WHERE status = 'running'`.execute(db);
}
