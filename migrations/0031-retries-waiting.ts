// [Note: one asks at a time] (main/core/scheduler/retry-line.ts) A claimed job goes back in
// line behind a retry of its account that is waiting out its backoff, not only behind one
// on its network. The claim looks those retries up on every pass that claims anything, so
// they get an index of their own: pending publish jobs that have spent an attempt. Partial,
// it holds only the jobs backing off through an outage (a few, however big the archive);
// without it the look-up read every pending job (tens of thousands at a million posts).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX publish_jobs_retrying ON publish_jobs (run_at)
    WHERE status = 'pending' AND kind = 'publish' AND attempts > 0`.execute(db);
}
