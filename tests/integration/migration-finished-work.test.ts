// Migration 0029: a user's database upgraded from 0028 loses the publish jobs that went out
// (kept as 'done' before [Note: done jobs go]) and keeps every other job as it was: the
// failed and cancelled with their reasons, the pending with their retries. It loses the
// metric polls of posts past 30 days ([Note: finished polls go]) and keeps those still
// polled, of posts deleted on the network, and of parked accounts, and two indexes no
// statement used. The file stays whole, and the scheduler publishes on it as before.
import { describe, expect, it } from 'vitest';
import { findJob } from '../helpers/job-factories.ts';
import { openOldDatabase } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { readPost, schedulerFixture } from './scheduler-fixture.ts';

const t0 = Date.UTC(2026, 11, 1, 9);
const day = 24 * 60 * 60_000;

/** A 0028 database: posts in every job state, and metric polls in every state. */
async function oldDatabase(): Promise<string> {
  const dataDir = tempDataDir();
  const old = await openOldDatabase(dataDir, '0028-claim-indexes', t0);
  old.sqlite.exec(`
    INSERT INTO clients (id, name, color, timezone, created_at, updated_at)
      VALUES ('c', 'Bakery', '#112233', 'Europe/Berlin', 0, 0);
    INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at)
      VALUES ('a', 'c', 'x', '1', 'bakery', 0, 0);`);
  const jobs: [string, string, string, number, number, string | null][] = [
    // job state, target state, remote id, run_at, attempts, last_error
    ['done', 'published', '1900', t0 - 2 * day, 0, null],
    ['done', 'published', '1901', t0 - day, 2, 'UNAVAILABLE: X answered 503'],
    ['failed', 'failed', '', t0 - day, 1, 'PLATFORM_REJECTED: duplicate content'],
    ['cancelled', 'cancelled', '', t0 - day, 0, 'The post was cancelled.'],
    ['pending', 'scheduled', '', t0 + day, 3, 'UNAVAILABLE: X answered 503'],
    ['done', 'published', '1905', t0 - 40 * day, 0, null],
    ['done', 'published', '1906', t0 - 3 * day, 0, null],
  ];
  const post = old.sqlite.prepare(`INSERT INTO posts
    (id, client_id, status, scheduled_at, timezone, created_at, updated_at)
    VALUES (?, 'c', ?, ?, 'Europe/Berlin', 0, 0)`);
  const part = old.sqlite.prepare(
    "INSERT INTO post_parts (id, post_id, position, text) VALUES (?, ?, 0, 'Rye on Fridays')",
  );
  const target = old.sqlite.prepare(`INSERT INTO post_targets
    (id, post_id, account_id, status, remote_id, created_at, updated_at)
    VALUES (?, ?, 'a', ?, nullif(?, ''), 0, 0)`);
  const job = old.sqlite.prepare(`INSERT INTO publish_jobs
    (id, kind, target_id, status, run_at, attempts, last_error, created_at, updated_at)
    VALUES (?, 'publish', ?, ?, ?, ?, ?, 0, 0)`);
  for (const [i, [state, targetState, remoteId, runAt, attempts, error]] of jobs.entries()) {
    const n = String(i);
    post.run(`p${n}`, targetState, runAt);
    part.run(`pp${n}`, `p${n}`);
    target.run(`t${n}`, `p${n}`, targetState, remoteId);
    job.run(`j${n}`, `t${n}`, state, runAt, attempts, error);
  }
  old.sqlite.exec(`
    INSERT INTO metric_polls (subject, subject_id, account_id, due_at, last_fetched_at, gone_at, last_error)
      VALUES ('account', 'a', 'a', ${String(t0 + day)}, ${String(t0)}, NULL, NULL),
             ('post', 't0', 'a', NULL, ${String(t0 - day)}, NULL, NULL),
             ('post', 't1', 'a', NULL, ${String(t0 - day)}, ${String(t0 - day)}, 'Deleted on the network'),
             ('post', 't5', 'a', NULL, NULL, NULL, 'This network gives no metrics'),
             ('post', 't6', 'a', ${String(t0 + day)}, ${String(t0)}, NULL, NULL);`);
  await old.db.destroy();
  return dataDir;
}

describe('migration 0029: finished publish jobs and metric polls go', () => {
  it('deletes the done jobs and finished polls, keeps the rest, and publishing goes on', async () => {
    const dataDir = await oldDatabase();
    const fx = await schedulerFixture({ dataDir });
    const { sqlite } = fx.core.database;

    expect(
      sqlite.prepare('SELECT id, status, attempts, last_error FROM publish_jobs ORDER BY id').all(),
    ).toEqual([
      {
        id: 'j2',
        status: 'failed',
        attempts: 1,
        last_error: 'PLATFORM_REJECTED: duplicate content',
      },
      { id: 'j3', status: 'cancelled', attempts: 0, last_error: 'The post was cancelled.' },
      { id: 'j4', status: 'pending', attempts: 3, last_error: 'UNAVAILABLE: X answered 503' },
    ]);
    // What went out is still known where it is read: the targets and their remote ids.
    expect(
      sqlite
        .prepare("SELECT id, remote_id FROM post_targets WHERE status = 'published' ORDER BY id")
        .all(),
    ).toEqual([
      { id: 't0', remote_id: '1900' },
      { id: 't1', remote_id: '1901' },
      { id: 't5', remote_id: '1905' },
      { id: 't6', remote_id: '1906' },
    ]);
    expect(
      sqlite.prepare('SELECT subject, subject_id FROM metric_polls ORDER BY subject_id').all(),
    ).toEqual([
      { subject: 'account', subject_id: 'a' },
      { subject: 'post', subject_id: 't1' },
      { subject: 'post', subject_id: 't5' },
      { subject: 'post', subject_id: 't6' },
    ]);
    // The indexes no statement used are gone.
    const indexes = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (?, ?)")
      .all('post_targets_by_remote', 'metric_polls_due');
    expect(indexes).toEqual([]);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);

    const t = fx.core.clock.now();
    const { postId, jobId } = await fx.schedule(['Fresh after the upgrade'], t);
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf().map((p) => p.text)).toEqual(['Fresh after the upgrade']);
    expect(await readPost(fx, postId)).toMatchObject({ status: 'published' });
    expect(await findJob(fx.db, jobId)).toBeUndefined();
    // The retried job waits for its time, untouched.
    expect(await findJob(fx.db, 'j4')).toMatchObject({ status: 'pending', run_at: t0 + day });
  });
});
