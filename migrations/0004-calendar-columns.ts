// What a calendar chip shows, kept on the post row by triggers, plus one covering index,
// so a month over all clients (~4,000 posts) is a single index range read.
// [Note: calendar columns] cal_first_line (first line of part 0, ≤ 140 characters),
// cal_parts (thread length) and cal_accounts ("accountId handle,…") are derived data:
// triggers on post_parts, post_targets and social_accounts rewrite them whenever their
// sources change, so no service has to remember to; nothing else reads or writes them.
import { sql, type Kysely } from 'kysely';

const firstLineOf = (text: string) =>
  `substr(${text}, 1, CASE WHEN instr(${text}, char(10)) BETWEEN 1 AND 140 THEN instr(${text}, char(10)) - 1 ELSE 140 END)`;

const partsOf = (postId: string) => `
  cal_first_line = coalesce((SELECT ${firstLineOf('pp.text')} FROM post_parts pp
                             WHERE pp.post_id = ${postId} AND pp.position = 0), ''),
  cal_parts = (SELECT count(*) FROM post_parts pp WHERE pp.post_id = ${postId})`;

const accountsOf = (postId: string) => `
  cal_accounts = coalesce((SELECT group_concat(t.account_id || ' ' || a.handle, ',')
                           FROM post_targets t JOIN social_accounts a ON a.id = t.account_id
                           WHERE t.post_id = ${postId}), '')`;

const statements = [
  `ALTER TABLE posts ADD COLUMN cal_first_line TEXT NOT NULL DEFAULT ''`,
  `ALTER TABLE posts ADD COLUMN cal_parts INTEGER NOT NULL DEFAULT 0`,
  `ALTER TABLE posts ADD COLUMN cal_accounts TEXT NOT NULL DEFAULT ''`,
  `UPDATE posts SET ${partsOf('posts.id')}, ${accountsOf('posts.id')}`,

  `CREATE TRIGGER posts_cal_part_inserted AFTER INSERT ON post_parts BEGIN
     UPDATE posts SET ${partsOf('NEW.post_id')} WHERE id = NEW.post_id;
   END`,
  `CREATE TRIGGER posts_cal_part_updated AFTER UPDATE OF post_id, position, text ON post_parts BEGIN
     UPDATE posts SET ${partsOf('posts.id')} WHERE id IN (OLD.post_id, NEW.post_id);
   END`,
  `CREATE TRIGGER posts_cal_part_deleted AFTER DELETE ON post_parts BEGIN
     UPDATE posts SET ${partsOf('OLD.post_id')} WHERE id = OLD.post_id;
   END`,
  `CREATE TRIGGER posts_cal_target_inserted AFTER INSERT ON post_targets BEGIN
     UPDATE posts SET ${accountsOf('NEW.post_id')} WHERE id = NEW.post_id;
   END`,
  `CREATE TRIGGER posts_cal_target_updated AFTER UPDATE OF post_id, account_id ON post_targets BEGIN
     UPDATE posts SET ${accountsOf('posts.id')} WHERE id IN (OLD.post_id, NEW.post_id);
   END`,
  `CREATE TRIGGER posts_cal_target_deleted AFTER DELETE ON post_targets BEGIN
     UPDATE posts SET ${accountsOf('OLD.post_id')} WHERE id = OLD.post_id;
   END`,
  `CREATE TRIGGER posts_cal_handle_changed AFTER UPDATE OF handle ON social_accounts BEGIN
     UPDATE posts SET ${accountsOf('posts.id')}
     WHERE id IN (SELECT post_id FROM post_targets WHERE account_id = NEW.id);
   END`,

  // The month over all clients: one range, already in time order, never touching the table.
  `CREATE INDEX posts_calendar ON posts
     (scheduled_at, client_id, status, campaign_id, id, cal_parts, cal_first_line, cal_accounts)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
