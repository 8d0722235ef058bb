// A post's targets name their post and their account by number (issue 19, item 5: the
// million-post database must shrink). post_targets named both by 36-character ids in each
// of its 1.6 million rows at a million posts, again in its unique index on (post,
// account) and again in its index by account: about 270 MB of the targets' 681.
//
// [Note: targets by number] post_seq is posts.seq (0037: [Note: event log by number]) and
// account_seq social_accounts.seq (0040: [Note: accounts and clients by number]). Targets
// keep their own seq and UUID, which jobs, sent parts, the event log and archives name
// them by. Code asks for a post's or an account's targets through postSeqOf and
// accountSeqOf (main/core/db/post-numbers.ts), or joins posts and social_accounts.
// The triggers that name a target's post or account are restated here with the numbers:
// the calendar's ([Note: calendar columns], 0004, and 0040's numbers), which need no join
// to the accounts any more, and 0037's keeping of a removed target that has events, which
// now also keeps one removed with its post (the post's id was looked up after the post
// was gone).
//
// Runs in one transaction with foreign keys off (open-database.ts), like every migration.
import { sql, type Kysely } from 'kysely';
import { rebuildWithCheck } from './rebuild-with-check.ts';

/** What names the post or the account by id: made again below. */
const before = [
  'DROP TRIGGER posts_cal_target_inserted',
  'DROP TRIGGER posts_cal_target_updated',
  'DROP TRIGGER posts_cal_target_deleted',
  'DROP TRIGGER post_targets_gone_kept',
  'DROP INDEX post_targets_by_account',
  'DROP INDEX post_targets_held',
];

/** The post's accounts' numbers, smallest first (sorted as 0040 explains). */
const accountsOf = (post: string) => `
  cal_accounts = coalesce((SELECT group_concat(account_seq, ',') FROM
                           (SELECT t.account_seq FROM post_targets t
                            WHERE t.post_seq = ${post} ORDER BY t.account_seq)), '')`;

const after = [
  // 0001's (account, status, published_at) and 0009's held targets, by number.
  'CREATE INDEX post_targets_by_account ON post_targets (account_seq, status, published_at)',
  'CREATE INDEX post_targets_held ON post_targets (post_seq) WHERE hold_id IS NOT NULL',
  // [Note: calendar held] (0026): the bulk writer fills the column itself.
  `CREATE TRIGGER posts_cal_target_inserted AFTER INSERT ON post_targets
    WHEN NOT EXISTS (SELECT 1 FROM calendar_held) BEGIN
    UPDATE posts SET ${accountsOf('NEW.post_seq')} WHERE seq = NEW.post_seq;
  END`,
  `CREATE TRIGGER posts_cal_target_updated AFTER UPDATE OF post_seq, account_seq ON post_targets
    BEGIN
    UPDATE posts SET ${accountsOf('posts.seq')} WHERE seq IN (OLD.post_seq, NEW.post_seq);
  END`,
  `CREATE TRIGGER posts_cal_target_deleted AFTER DELETE ON post_targets BEGIN
    UPDATE posts SET ${accountsOf('OLD.post_seq')} WHERE seq = OLD.post_seq;
  END`,
  // [Note: event log by number] (0037): a removed target with events keeps its number.
  `CREATE TRIGGER post_targets_gone_kept AFTER DELETE ON post_targets
    WHEN EXISTS (SELECT 1 FROM post_event_log
      WHERE post_seq = OLD.post_seq AND target_seq = OLD.seq)
    BEGIN
    INSERT INTO post_targets_gone (seq, id, post_seq) VALUES (OLD.seq, OLD.id, OLD.post_seq);
  END`,
];

const columnsBefore = `post_id TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
      ('draft', 'scheduled', 'publishing', 'published', 'failed', 'needs_review', 'cancelled',
       'missed', 'deleted')),
    remote_id TEXT,
    remote_url TEXT,
    error_code TEXT,
    error_message TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    published_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL, options TEXT NOT NULL DEFAULT '{}'
     CHECK (json_valid(options) AND json_type(options) = 'object'), hold_key TEXT, hold_id TEXT, hold_at INTEGER, hold_digest TEXT, hold_refused TEXT,
    UNIQUE (post_id, account_id)`;

const columnsAfter = columnsBefore
  .replace(
    'post_id TEXT NOT NULL REFERENCES posts (id)',
    'post_seq INTEGER NOT NULL REFERENCES posts (seq)',
  )
  .replace(
    'account_id TEXT NOT NULL REFERENCES social_accounts (id)',
    'account_seq INTEGER NOT NULL REFERENCES social_accounts (seq)',
  )
  .replace('UNIQUE (post_id, account_id)', 'UNIQUE (post_seq, account_seq)');

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of before) await sql.raw(statement).execute(db);
  await rebuildWithCheck(
    db,
    'post_targets',
    columnsBefore,
    columnsAfter,
    `seq, id,
     (SELECT p.seq FROM posts p WHERE p.id = post_targets.post_id) AS post_seq,
     (SELECT a.seq FROM social_accounts a WHERE a.id = post_targets.account_id) AS account_seq,
     status, remote_id, remote_url, error_code, error_message, attempts, published_at,
     created_at, updated_at, options, hold_key, hold_id, hold_at, hold_digest, hold_refused`,
  );
  for (const statement of after) await sql.raw(statement).execute(db);
}
