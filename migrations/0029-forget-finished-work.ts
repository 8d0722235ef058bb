// Rows and indexes kept for work that is over, or for no query, go (issue 19, item 5: the
// database of a million posts must shrink):
// - publish jobs that went out: the scheduler now deletes a job when its post is out
//   ([Note: done jobs go] in main/core/scheduler/job-store.ts); these are the ones it
//   marked 'done' before. Their outcome stays where it is read, in the target (status,
//   remote ids) and the event log. Failed and cancelled jobs stay with their last error.
// - metric polls of posts no longer polled because they are past 30 days ([Note: finished
//   polls go] in main/core/analytics/poll-store.ts): due_at NULL with neither gone_at (the
//   network deleted the post: the dashboard shows it) nor last_error (the account was
//   parked: its network gives no metrics).
// - two indexes no statement uses (every statement of the app explained, 2026-12-05):
//   post_targets_by_remote (nothing looks a target up by its remote id; only enrolment
//   walked it, for a worse plan than by account: poll-store.ts enrol) and metric_polls_due
//   (the runner's "what is due next" reads each account's polls by account).
import { sql, type Kysely } from 'kysely';

const statements = [
  "DELETE FROM publish_jobs WHERE status = 'done'",
  `DELETE FROM metric_polls
    WHERE subject = 'post' AND due_at IS NULL AND gone_at IS NULL AND last_error IS NULL`,
  'DROP INDEX post_targets_by_remote',
  'DROP INDEX metric_polls_due',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
