// Clients and accounts get numbers, and the two copies of their ids that every post and
// every thread part carried name them by number instead (issue 19, item 5: the
// million-post database must shrink).
//
// [Note: accounts and clients by number] clients and social_accounts get `seq INTEGER
// PRIMARY KEY AUTOINCREMENT`: the rowid each row already had, made a column so that
// VACUUM keeps it, and never given twice. Their UUIDs stay their ids everywhere else
// (UNIQUE, so every foreign key still names them).
// - posts.cal_accounts ([Note: calendar columns], 0004) held "accountId handle" for each
//   target: about 80 characters a post, 81 MB at a million posts. It now holds the
//   accounts' numbers in number order ("3,17"); the calendar reads ids and handles from
//   the accounts themselves (calendar.ts), so a renamed account no longer rewrites every
//   post it was ever on, and 0004's handle trigger goes.
// - post_parts.search_client ([Note: client in the search index], 0025) held the client's
//   id without dashes, 32 characters in each of 1.8 million parts: 58 MB. It now holds the
//   client's number. The word sits in its own column of post_search, which searches by
//   text only ever reach through `text :`, so a number cannot be found by typing it.
// The search index is built again from the parts (about 30 s at a million posts).
//
// Runs in one transaction with foreign keys off (open-database.ts), like every migration.
import { sql, type Kysely } from 'kysely';
import { rebuildWithCheck } from './rebuild-with-check.ts';

const numbered = (table: string) => ({
  table,
  from: 'id TEXT PRIMARY KEY,',
  to: `seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,`,
});

/** 0004's calendar triggers on targets and accounts: made again below. */
const before = [
  'DROP TRIGGER posts_cal_target_inserted',
  'DROP TRIGGER posts_cal_target_updated',
  'DROP TRIGGER posts_cal_target_deleted',
  'DROP TRIGGER posts_cal_handle_changed',
  'DROP TRIGGER post_search_part_inserted',
];

/**
 * The post's accounts' numbers, smallest first (calendarColumns in calendar-columns.ts).
 * Sorted in a subquery: an ORDER BY inside group_concat() would keep SQLite before 3.44
 * (a sqlite3 shell, say) from reading the schema at all.
 */
const accountsOf = (postId: string) => `
  cal_accounts = coalesce((SELECT group_concat(seq, ',') FROM
                           (SELECT a.seq FROM post_targets t
                              JOIN social_accounts a ON a.id = t.account_id
                            WHERE t.post_id = ${postId} ORDER BY a.seq)), '')`;

const after = [
  `UPDATE posts SET ${accountsOf('posts.id')} WHERE cal_accounts <> ''`,
  // [Note: calendar held] (0026): the bulk writer fills the column itself.
  `CREATE TRIGGER posts_cal_target_inserted AFTER INSERT ON post_targets
    WHEN NOT EXISTS (SELECT 1 FROM calendar_held) BEGIN
    UPDATE posts SET ${accountsOf('NEW.post_id')} WHERE id = NEW.post_id;
  END`,
  `CREATE TRIGGER posts_cal_target_updated AFTER UPDATE OF post_id, account_id ON post_targets
    BEGIN
    UPDATE posts SET ${accountsOf('posts.id')} WHERE id IN (OLD.post_id, NEW.post_id);
  END`,
  `CREATE TRIGGER posts_cal_target_deleted AFTER DELETE ON post_targets BEGIN
    UPDATE posts SET ${accountsOf('OLD.post_id')} WHERE id = OLD.post_id;
  END`,
  // The client's number, through a map from the old word, then the index built again.
  `CREATE TEMP TABLE client_words (word TEXT PRIMARY KEY, seq TEXT NOT NULL)`,
  `INSERT OR IGNORE INTO temp.client_words
    SELECT replace(id, '-', ''), CAST(seq AS TEXT) FROM clients`,
  `UPDATE post_parts SET search_client =
    (SELECT w.seq FROM temp.client_words w WHERE w.word = post_parts.search_client)
    WHERE search_client IS NOT NULL`,
  'DROP TABLE temp.client_words',
  `INSERT INTO post_search (post_search) VALUES ('rebuild')`,
  // [Note: search held] (0030): the part's client as one word, then the part indexed.
  `CREATE TRIGGER post_search_part_inserted AFTER INSERT ON post_parts
    WHEN NOT EXISTS (SELECT 1 FROM calendar_held) BEGIN
    UPDATE post_parts SET search_client =
      (SELECT CAST(c.seq AS TEXT) FROM posts p JOIN clients c ON c.id = p.client_id
       WHERE p.seq = NEW.post_seq)
    WHERE rowid = NEW.rowid;
    INSERT INTO post_search (rowid, text, search_client)
      SELECT rowid, text, search_client FROM post_parts WHERE rowid = NEW.rowid;
  END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of before) await sql.raw(statement).execute(db);
  for (const { table, from, to } of [numbered('clients'), numbered('social_accounts')]) {
    await rebuildWithCheck(db, table, from, to, 'rowid AS seq, *');
  }
  for (const statement of after) await sql.raw(statement).execute(db);
}
