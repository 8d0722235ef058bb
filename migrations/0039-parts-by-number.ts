// A post's thread parts name it by number (issue 19, item 5: the million-post database
// must shrink). post_parts named its post by the post's 36-character id, in each of its
// 1.8 million rows at a million posts and again in the unique index on (post, position):
// about 120 MB of the parts' 667.
//
// [Note: parts by number] post_parts gets `seq INTEGER PRIMARY KEY`: the rowid every part
// already had, which the search index (post_search, FTS5 with external content) is keyed
// by, made a column so that VACUUM keeps it. The post is named by posts.seq (0037: [Note:
// event log by number]); the parts keep their own UUIDs, which variants, media, sent parts
// and archives name them by. The calendar's and the search index's triggers on the parts
// are 0004's, 0026's and 0030's, restated here with the post's number.
//
// Runs in one transaction with foreign keys off (open-database.ts), like every migration.
import { sql, type Kysely } from 'kysely';
import { rebuildWithCheck } from './rebuild-with-check.ts';

/** The triggers that name the parts' post: made again below. */
const before = [
  'DROP TRIGGER posts_cal_part_inserted',
  'DROP TRIGGER posts_cal_part_updated',
  'DROP TRIGGER posts_cal_part_deleted',
  'DROP TRIGGER post_search_part_inserted',
];

/** [Note: calendar columns] (0004): the first part's first line and the thread's length. */
const calendarColumns = (post: string) => `
  cal_first_line = coalesce((SELECT substr(pp.text, 1, CASE WHEN instr(pp.text, char(10)) BETWEEN 1 AND 140 THEN instr(pp.text, char(10)) - 1 ELSE 140 END) FROM post_parts pp
                             WHERE pp.post_seq = ${post} AND pp.position = 0), ''),
  cal_parts = (SELECT count(*) FROM post_parts pp WHERE pp.post_seq = ${post})`;

const after = [
  // [Note: calendar held] (0026): the bulk writer fills these columns itself.
  `CREATE TRIGGER posts_cal_part_inserted AFTER INSERT ON post_parts
    WHEN NOT EXISTS (SELECT 1 FROM calendar_held) BEGIN
    UPDATE posts SET ${calendarColumns('NEW.post_seq')} WHERE seq = NEW.post_seq;
  END`,
  `CREATE TRIGGER posts_cal_part_updated AFTER UPDATE OF post_seq, position, text ON post_parts
    BEGIN
    UPDATE posts SET ${calendarColumns('posts.seq')} WHERE seq IN (OLD.post_seq, NEW.post_seq);
  END`,
  `CREATE TRIGGER posts_cal_part_deleted AFTER DELETE ON post_parts BEGIN
    UPDATE posts SET ${calendarColumns('OLD.post_seq')} WHERE seq = OLD.post_seq;
  END`,
  // [Note: search held] (0030): the part's client as one word, then the part indexed.
  `CREATE TRIGGER post_search_part_inserted AFTER INSERT ON post_parts
    WHEN NOT EXISTS (SELECT 1 FROM calendar_held) BEGIN
    UPDATE post_parts SET search_client =
      (SELECT replace(p.client_id, '-', '') FROM posts p WHERE p.seq = NEW.post_seq)
    WHERE rowid = NEW.rowid;
    INSERT INTO post_search (rowid, text, search_client)
      SELECT rowid, text, search_client FROM post_parts WHERE rowid = NEW.rowid;
  END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of before) await sql.raw(statement).execute(db);
  // [Note: parts by number] Every rowid kept: the search index is keyed by them.
  await rebuildWithCheck(
    db,
    'post_parts',
    `id TEXT PRIMARY KEY,
    post_id TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    text TEXT NOT NULL DEFAULT '', search_client TEXT,
    UNIQUE (post_id, position)`,
    `seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    post_seq INTEGER NOT NULL REFERENCES posts (seq) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    text TEXT NOT NULL DEFAULT '', search_client TEXT,
    UNIQUE (post_seq, position)`,
    `rowid AS seq, id, (SELECT p.seq FROM posts p WHERE p.id = post_parts.post_id) AS post_seq,
     position, text, search_client`,
  );
  for (const statement of after) await sql.raw(statement).execute(db);
}
