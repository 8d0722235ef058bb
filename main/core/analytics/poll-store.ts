// metric_polls as the sync sees it: enrol newly published posts and accounts, claim
// what is due under a lease, and settle each read.
// [Note: metric leases] A claim is one UPDATE … RETURNING, so SQLite's write lock
// serialises the app and `starling daemon` on one data folder and a post is read by one
// of them at a time. Settles name the lease owner: a process whose lease expired and was
// taken over changes nothing. A lease left by a process that died expires after 2 min.
// [Note: finished polls go] A post read for the last time (30 days old: cadence.ts) loses
// its poll row rather than keeping it with due_at NULL (1.42 million rows, 0.29 GB at a
// million posts). What readers need of a post no longer polled is its figures
// (post_metric_latest) and, if the network deleted it, gone_at (the dashboard, "Refresh
// now"): so a deleted post keeps its row, as does a parked account's (last_error says
// why). Enrolment must not take a finished post for a new one: it looks at posts younger
// than 30 days only, and skips a post whose latest figures were read at 30 days or later
// (a clock set back would otherwise start reading it again).
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { pollStopsAfterMs } from './cadence.ts';

export const leaseMs = 2 * 60_000;

export interface ClaimedPost {
  targetId: string;
  accountId: string;
  remoteId: string;
  publishedAt: number;
}

export function createPollStore(db: Kysely<Schema>) {
  return {
    /**
     * Adds a poll for every published post younger than 30 days and every active
     * account that has none yet. Older posts are polled only when asked. CROSS JOIN keeps
     * the accounts the outer loop, so each account's last 30 days are read from
     * post_targets_by_account; left to itself SQLite walked every published target of
     * every year (0.57 s a pass at a million posts, against 0.12 s).
     */
    async enrol(now: number): Promise<void> {
      await sql`INSERT OR IGNORE INTO metric_polls (subject, subject_id, account_id, due_at)
        SELECT 'post', t.id, a.id, max(t.published_at + 3600000, 0)
        FROM social_accounts a
        CROSS JOIN post_targets t ON t.account_seq = a.seq AND t.status = 'published'
          AND t.published_at >= ${now - pollStopsAfterMs}
        WHERE t.remote_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM metric_polls p
                          WHERE p.subject = 'post' AND p.subject_id = t.id)
          AND NOT EXISTS (SELECT 1 FROM post_metric_latest m
                          WHERE m.target_seq = t.seq
                            AND m.fetched_at >= t.published_at + ${pollStopsAfterMs})`.execute(db);
      await sql`INSERT OR IGNORE INTO metric_polls (subject, subject_id, account_id, due_at)
        SELECT 'account', a.id, a.id, ${now} FROM social_accounts a
        WHERE a.status = 'active'`.execute(db);
    },

    /** Active accounts with something due now (and no live lease on it). */
    async dueAccounts(now: number, only?: string): Promise<string[]> {
      let query = db
        .selectFrom('metric_polls as p')
        .innerJoin('social_accounts as a', 'a.id', 'p.account_id')
        .select('p.account_id')
        .distinct()
        .where('a.status', '=', 'active')
        .where('p.due_at', '<=', now)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('metric_polls as h')
                .select('h.subject_id')
                .where('h.subject', '=', 'account')
                .whereRef('h.subject_id', '=', 'p.account_id')
                .where('h.held_until', '>', now),
            ),
          ),
        )
        .where((eb) =>
          eb.or([eb('p.lease_expires_at', 'is', null), eb('p.lease_expires_at', '<', now)]),
        );
      if (only !== undefined) query = query.where('p.account_id', '=', only);
      const rows = await query.execute();
      return rows.map((r) => r.account_id);
    },

    /** How many posts of these accounts are due now and free to claim (a sync's total). */
    async countDuePosts(now: number, accountIds: string[]): Promise<number> {
      if (accountIds.length === 0) return 0;
      const row = await db
        .selectFrom('metric_polls')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('subject', '=', 'post')
        .where('account_id', 'in', accountIds)
        .where('due_at', '<=', now)
        .where((eb) =>
          eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]),
        )
        .executeTakeFirstOrThrow();
      return row.n;
    },

    /** Claims the account's own poll when due. */
    async claimAccount(owner: string, accountId: string, now: number): Promise<boolean> {
      const result = await sql`UPDATE metric_polls
        SET lease_owner = ${owner}, lease_expires_at = ${now + leaseMs}
        WHERE subject = 'account' AND subject_id = ${accountId} AND due_at <= ${now}
          AND (lease_expires_at IS NULL OR lease_expires_at < ${now})`.execute(db);
      return (result.numAffectedRows ?? 0n) > 0n;
    },

    /** Claims up to `limit` of the account's due posts, the longest overdue first. */
    async claimPosts(
      owner: string,
      accountId: string,
      now: number,
      limit: number,
    ): Promise<ClaimedPost[]> {
      if (limit <= 0) return [];
      const claimed = await sql<{ subject_id: string }>`UPDATE metric_polls
        SET lease_owner = ${owner}, lease_expires_at = ${now + leaseMs}
        WHERE rowid IN (
          SELECT rowid FROM metric_polls
          WHERE account_id = ${accountId} AND subject = 'post' AND due_at <= ${now}
            AND (lease_expires_at IS NULL OR lease_expires_at < ${now})
          ORDER BY due_at LIMIT ${limit})
        RETURNING subject_id`.execute(db);
      const ids = claimed.rows.map((r) => r.subject_id);
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('post_targets as t')
        .innerJoin('social_accounts as a', 'a.seq', 't.account_seq')
        .select(['t.id', 'a.id as account_id', 't.remote_id', 't.published_at'])
        .where('t.id', 'in', ids)
        .execute();
      return rows.flatMap((r) =>
        r.remote_id === null
          ? []
          : [
              {
                targetId: r.id,
                accountId: r.account_id,
                remoteId: r.remote_id,
                publishedAt: r.published_at ?? now,
              },
            ],
      );
    },

    /** Gives claimed polls back, due again at `dueAt`, noting why. */
    async release(
      owner: string,
      subject: 'post' | 'account',
      ids: string[],
      dueAt: number,
      error: string | null,
    ): Promise<void> {
      if (ids.length === 0) return;
      await db
        .updateTable('metric_polls')
        .set({ lease_owner: null, lease_expires_at: null, due_at: dueAt, last_error: error })
        .where('subject', '=', subject)
        .where('subject_id', 'in', ids)
        .where('lease_owner', '=', owner)
        .execute();
    },

    /** The network gives this account no metrics: none of its polls is due again. */
    async park(accountId: string, why: string): Promise<void> {
      await db
        .updateTable('metric_polls')
        .set({ due_at: null, last_error: why, lease_owner: null, lease_expires_at: null })
        .where('account_id', '=', accountId)
        .execute();
    },

    /** After a 429: nothing of the account is read again before X's reset. */
    async holdAccount(accountId: string, until: number): Promise<void> {
      await db
        .updateTable('metric_polls')
        .set({ held_until: until })
        .where('subject', '=', 'account')
        .where('subject_id', '=', accountId)
        .execute();
      await db
        .updateTable('metric_polls')
        .set({ due_at: until })
        .where('account_id', '=', accountId)
        .where('due_at', '<', until)
        .execute();
    },

    /** Until when X told us to leave the account alone (429), if that is still ahead. */
    async heldUntil(accountId: string, now: number): Promise<number | null> {
      const row = await db
        .selectFrom('metric_polls')
        .select('held_until')
        .where('subject', '=', 'account')
        .where('subject_id', '=', accountId)
        .executeTakeFirst();
      const until = row?.held_until ?? null;
      return until !== null && until > now ? until : null;
    },

    /** "Refresh now": the post is due at once, also past 30 days; false when X deleted it. */
    async askPost(targetId: string, accountId: string, now: number): Promise<'asked' | 'gone'> {
      const row = await db
        .selectFrom('metric_polls')
        .select('gone_at')
        .where('subject', '=', 'post')
        .where('subject_id', '=', targetId)
        .executeTakeFirst();
      if (row?.gone_at != null) return 'gone';
      await sql`INSERT INTO metric_polls (subject, subject_id, account_id, due_at)
        VALUES ('post', ${targetId}, ${accountId}, ${now})
        ON CONFLICT (subject, subject_id) DO UPDATE SET due_at = ${now}`.execute(db);
      return 'asked';
    },

    /**
     * "Sync now" ([Note: sync now reads recent posts]): posts published since `since`
     * whose metrics were not read since `readBefore` become due now, at most `limit` of
     * them, the never-read and the newest first. Deleted posts, accounts that are not
     * active or that X asked to wait (429), and posts due anyway are left alone.
     * Returns how many were asked.
     */
    async askRecent(
      now: number,
      options: { since: number; readBefore: number; limit: number; accountId?: string | undefined },
    ): Promise<number> {
      if (options.limit <= 0) return 0;
      const only =
        options.accountId === undefined ? sql`` : sql`AND p.account_id = ${options.accountId}`;
      const result = await sql`UPDATE metric_polls SET due_at = ${now}
        WHERE rowid IN (
          SELECT p.rowid FROM metric_polls p
          JOIN post_targets t ON t.id = p.subject_id
          JOIN social_accounts a ON a.id = p.account_id AND a.status = 'active'
          WHERE p.subject = 'post' AND p.gone_at IS NULL AND p.due_at > ${now}
            AND t.published_at >= ${options.since}
            AND (p.last_fetched_at IS NULL OR p.last_fetched_at < ${options.readBefore})
            AND (p.lease_expires_at IS NULL OR p.lease_expires_at < ${now})
            AND NOT EXISTS (SELECT 1 FROM metric_polls h
                            WHERE h.subject = 'account' AND h.subject_id = p.account_id
                              AND h.held_until > ${now})
            ${only}
          ORDER BY p.last_fetched_at IS NOT NULL, t.published_at DESC
          LIMIT ${options.limit})`.execute(db);
      return Number(result.numAffectedRows ?? 0n);
    },

    /** "Refresh now" on an account: its counts and every post still polled are due at once. */
    async askAccount(accountId: string, now: number): Promise<void> {
      await sql`INSERT INTO metric_polls (subject, subject_id, account_id, due_at)
        VALUES ('account', ${accountId}, ${accountId}, ${now})
        ON CONFLICT (subject, subject_id) DO UPDATE SET due_at = ${now}`.execute(db);
      await db
        .updateTable('metric_polls')
        .set({ due_at: now })
        .where('account_id', '=', accountId)
        .where('subject', '=', 'post')
        .where('due_at', 'is not', null)
        .execute();
    },
  };
}

export type PollStore = ReturnType<typeof createPollStore>;
