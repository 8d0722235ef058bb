// Rows kept for work that is over and that nothing reads go (issue 19, item 5: the
// database of a million posts must shrink). Publish jobs that went out: the scheduler now
// deletes a job when its post is out ([Note: done jobs go] in
// main/core/scheduler/job-store.ts); these are the ones it marked 'done' before. Their
// outcome stays where it is read, in the target (status, remote ids) and the event log.
// Failed and cancelled jobs stay: they keep their last error.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM publish_jobs WHERE status = 'done'`.execute(db);
}
