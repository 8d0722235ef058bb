// Rows kept for work that is over and that nothing reads go (issue 19, item 5: the
// database of a million posts must shrink):
// - publish jobs that went out: the scheduler now deletes a job when its post is out
//   ([Note: done jobs go] in main/core/scheduler/job-store.ts); these are the ones it
//   marked 'done' before. Their outcome stays where it is read, in the target (status,
//   remote ids) and the event log. Failed and cancelled jobs stay with their last error.
// - metric polls of posts no longer polled because they are past 30 days ([Note: finished
//   polls go] in main/core/analytics/poll-store.ts): due_at NULL with neither gone_at (the
//   network deleted the post: the dashboard shows it) nor last_error (the account was
//   parked: its network gives no metrics).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM publish_jobs WHERE status = 'done'`.execute(db);
  await sql`DELETE FROM metric_polls
    WHERE subject = 'post' AND due_at IS NULL AND gone_at IS NULL AND last_error IS NULL`.execute(
    db,
  );
}
