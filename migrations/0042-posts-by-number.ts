// A post names its client by number, and no longer keeps a copy of its first line (issue
// 19, item 5: the million-post database must shrink). At a million posts the client's
// 36-character id filled 36 MB of the posts table and again most of its client-time and
// calendar indexes, and the first line (up to 140 characters, 95 on average) 95 MB more.
//
// [Note: posts by number] posts.client_seq is clients.seq (0040: [Note: accounts and
// clients by number]); code asks by the client's id through clientSeqOf
// (main/core/db/post-numbers.ts) or joins clients. The client-time and calendar indexes
// are restated on it, as is the search trigger, which now reads the number straight from
// the post.
//
// [Note: first line from the part] 0004's cal_first_line ([Note: calendar columns]) was a
// copy of part 0's first line kept by three triggers, so the calendar read one row per
// post. The calendar now reads it from part 0 itself through the parts' unique (post,
// position) index: one more indexed lookup per chip, for posts a month shows a few hundred
// of. The part triggers keep only the part count.
//
// Runs in one transaction with foreign keys off (open-database.ts), like every migration.
import { sql, type Kysely } from 'kysely';
import { rebuildWithCheck } from './rebuild-with-check.ts';

/** What names the client by id or the first line: made again below. */
const before = [
  'DROP TRIGGER posts_cal_part_inserted',
  'DROP TRIGGER posts_cal_part_updated',
  'DROP TRIGGER posts_cal_part_deleted',
  'DROP TRIGGER post_search_part_inserted',
  'DROP INDEX posts_by_client_time',
  'DROP INDEX posts_calendar',
];

const partsOf = (post: string) =>
  `cal_parts = (SELECT count(*) FROM post_parts pp WHERE pp.post_seq = ${post})`;

const after = [
  // 0001's client-time index and 0032's calendar index, by number.
  'CREATE INDEX posts_by_client_time ON posts (client_seq, scheduled_at)',
  'CREATE INDEX posts_calendar ON posts (scheduled_at, client_seq, status, campaign_id)',
  // [Note: calendar held] (0026): the bulk writer fills the column itself.
  `CREATE TRIGGER posts_cal_part_inserted AFTER INSERT ON post_parts
    WHEN NOT EXISTS (SELECT 1 FROM calendar_held) BEGIN
    UPDATE posts SET ${partsOf('NEW.post_seq')} WHERE seq = NEW.post_seq;
  END`,
  `CREATE TRIGGER posts_cal_part_updated AFTER UPDATE OF post_seq ON post_parts
    BEGIN
    UPDATE posts SET ${partsOf('posts.seq')} WHERE seq IN (OLD.post_seq, NEW.post_seq);
  END`,
  `CREATE TRIGGER posts_cal_part_deleted AFTER DELETE ON post_parts BEGIN
    UPDATE posts SET ${partsOf('OLD.post_seq')} WHERE seq = OLD.post_seq;
  END`,
  // [Note: client in the search index] (0025, 0040): the client's number as a word.
  `CREATE TRIGGER post_search_part_inserted AFTER INSERT ON post_parts
    WHEN NOT EXISTS (SELECT 1 FROM calendar_held) BEGIN
    UPDATE post_parts SET search_client =
      (SELECT CAST(p.client_seq AS TEXT) FROM posts p WHERE p.seq = NEW.post_seq)
    WHERE rowid = NEW.rowid;
    INSERT INTO post_search (rowid, text, search_client)
      SELECT rowid, text, search_client FROM post_parts WHERE rowid = NEW.rowid;
  END`,
];

const columnsBefore = `client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    campaign_id TEXT REFERENCES campaigns (id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
      ('draft', 'scheduled', 'publishing', 'published', 'partially_published',
       'failed', 'needs_review', 'cancelled', 'missed', 'deleted')),
    scheduled_at INTEGER,
    timezone TEXT NOT NULL,
    local_time TEXT,
    published_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  , cal_first_line TEXT NOT NULL DEFAULT '', cal_parts`;

const columnsAfter = columnsBefore
  .replace(
    'client_id TEXT NOT NULL REFERENCES clients (id)',
    'client_seq INTEGER NOT NULL REFERENCES clients (seq)',
  )
  .replace(`, cal_first_line TEXT NOT NULL DEFAULT '', cal_parts`, ', cal_parts');

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of before) await sql.raw(statement).execute(db);
  await rebuildWithCheck(
    db,
    'posts',
    columnsBefore,
    columnsAfter,
    `seq, id,
     (SELECT c.seq FROM clients c WHERE c.id = posts.client_id) AS client_seq,
     campaign_id, status, scheduled_at, timezone, local_time, published_at, created_at,
     updated_at, cal_parts, cal_accounts`,
  );
  for (const statement of after) await sql.raw(statement).execute(db);
}
