// The event log names its post, target and type by number (issue 19, item 5: the
// million-post database must shrink). 0034 keyed the log by (post_id, id) with the post's
// and the target's 36-character ids and the type's name in every row: 468 MB for the
// 3.9 million events of a million posts, about 120 bytes an event, more than half of it
// those ids and names.
//
// [Note: event log by number] posts get `seq INTEGER PRIMARY KEY AUTOINCREMENT`: the rowid
// each post already had, made a column (as 0035 did for targets: [Note: target seq]), under
// which the log keeps a post's events. The UUIDs stay everywhere else, and post_events, the
// view every reader and writer uses, still shows them: its trigger looks the numbers up.
// An event names its target by the target's seq and its type by a number from
// post_event_types (a few dozen names).
//
// The log outlives what it names: a post deleted (only drafts are) or a target removed
// with its account keeps its events, and a restore asks the replaced database whether a
// target gone with its account went out (restore-replaced-read.ts). So:
// - a deleted post's or target's number and id are kept in posts_gone and
//   post_targets_gone, and
// - no number is ever given twice: both tables are AUTOINCREMENT (post_targets is rebuilt
//   for it), so a later post or target never takes a gone one's events.
// An event may name a target this database never had (an archive's event of a target gone
// before the export): it is kept under a negative number in post_targets_gone, which no
// target takes. An event naming a post this database does not have is refused: every
// writer logs the events of a post it has.
//
// Rebuilding posts and post_targets and copying the log leaves their old pages free, more
// than the compaction after the upgrade needs ([Note: compaction after migrating]).
// Runs in one transaction with foreign keys off (open-database.ts), like every migration.
import { sql, type Kysely } from 'kysely';
import { rebuildWithCheck } from './rebuild-with-check.ts';

const appendOnly = "SELECT RAISE(ABORT, 'post_events is append-only')";

/** The view, its triggers and the log's own triggers: made again below. */
const before = [
  'DROP VIEW post_events',
  'DROP TRIGGER post_event_log_no_update',
  'DROP TRIGGER post_event_log_no_delete',
  'ALTER TABLE post_event_log RENAME TO post_event_log_0034',
];

/** The post's number of an id, live or gone. */
const postSeqOf = (id: string) =>
  `coalesce((SELECT seq FROM posts WHERE id = ${id}), (SELECT seq FROM posts_gone WHERE id = ${id}))`;

/** The target's number of an id, live or gone. */
const targetSeqOf = (id: string) =>
  `coalesce((SELECT seq FROM post_targets WHERE id = ${id}),
    (SELECT seq FROM post_targets_gone WHERE id = ${id}))`;

/** The next negative number of a target this database never had. */
const nextUnknownTarget = '(SELECT coalesce(min(seq), 0) - 1 FROM post_targets_gone WHERE seq < 0)';

const after = [
  // An id is not unique here: an archive's event may name a target under a negative number
  // before a target of that id exists, which is kept again when it is removed.
  `CREATE TABLE posts_gone (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL
  ) STRICT`,
  'CREATE INDEX posts_gone_by_id ON posts_gone (id)',
  `CREATE TABLE post_targets_gone (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    -- NULL when the post went first (a deleted draft's targets).
    post_seq INTEGER
  ) STRICT`,
  'CREATE INDEX post_targets_gone_by_id ON post_targets_gone (id)',
  `CREATE TABLE post_event_types (
    code INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
  ) STRICT`,

  // Events of posts and targets deleted before this migration: numbers no post or target
  // ever had or will have.
  `INSERT INTO posts_gone (seq, id)
    SELECT -row_number() OVER (ORDER BY post_id), post_id FROM (
      SELECT DISTINCT l.post_id FROM post_event_log_0034 l
      WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = l.post_id))`,
  `INSERT INTO post_targets_gone (seq, id, post_seq)
    SELECT -row_number() OVER (ORDER BY target_id), target_id, post_seq FROM (
      SELECT l.target_id, min(${postSeqOf('l.post_id')}) AS post_seq FROM post_event_log_0034 l
      WHERE l.target_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM post_targets t WHERE t.id = l.target_id)
      GROUP BY l.target_id)`,
  'INSERT INTO post_event_types (name) SELECT DISTINCT type FROM post_event_log_0034 ORDER BY type',

  `CREATE TABLE post_event_log (
    post_seq INTEGER NOT NULL,
    id INTEGER NOT NULL,
    target_seq INTEGER,
    type_code INTEGER NOT NULL REFERENCES post_event_types (code),
    detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
    at INTEGER NOT NULL,
    PRIMARY KEY (post_seq, id)
  ) STRICT, WITHOUT ROWID`,
  // Every event keeps its id; in key order, so the pages fill in order.
  `INSERT INTO post_event_log (post_seq, id, target_seq, type_code, detail, at)
    SELECT coalesce(p.seq, pg.seq), l.id, coalesce(t.seq, tg.seq), k.code, l.detail, l.at
    FROM post_event_log_0034 l
      LEFT JOIN posts p ON p.id = l.post_id
      LEFT JOIN posts_gone pg ON pg.id = l.post_id
      LEFT JOIN post_targets t ON t.id = l.target_id
      LEFT JOIN post_targets_gone tg ON tg.id = l.target_id
      JOIN post_event_types k ON k.name = l.type
    ORDER BY 1, 2`,
  'DROP TABLE post_event_log_0034',
  `CREATE TRIGGER post_event_log_no_update BEFORE UPDATE ON post_event_log BEGIN ${appendOnly}; END`,
  `CREATE TRIGGER post_event_log_no_delete BEFORE DELETE ON post_event_log BEGIN ${appendOnly}; END`,

  // [Note: event log by number] What is deleted keeps its number and id for its events.
  `CREATE TRIGGER posts_gone_kept AFTER DELETE ON posts
    WHEN EXISTS (SELECT 1 FROM post_event_log WHERE post_seq = OLD.seq) BEGIN
    INSERT INTO posts_gone (seq, id) VALUES (OLD.seq, OLD.id);
  END`,
  // A draft's targets are deleted at every save that changes them: only one with events
  // is kept. A target deleted with its post finds the post gone (the cascade runs before
  // posts_gone_kept): its events are the gone post's, which no reader shows.
  `CREATE TRIGGER post_targets_gone_kept AFTER DELETE ON post_targets
    WHEN EXISTS (SELECT 1 FROM post_event_log
      WHERE post_seq = (SELECT seq FROM posts WHERE id = OLD.post_id) AND target_seq = OLD.seq)
    BEGIN
    INSERT INTO post_targets_gone (seq, id, post_seq)
      VALUES (OLD.seq, OLD.id, (SELECT seq FROM posts WHERE id = OLD.post_id));
  END`,

  // The log as 0034 showed it: a post's events are one key range of the log, reached from
  // the post's id through its unique index.
  `CREATE VIEW post_events AS
    SELECT l.id, p.id AS post_id, coalesce(t.id, tg.id) AS target_id, k.name AS type,
      l.detail, l.at
    FROM post_event_log l
      JOIN posts p ON p.seq = l.post_seq
      JOIN post_event_types k ON k.code = l.type_code
      LEFT JOIN post_targets t ON t.seq = l.target_seq
      LEFT JOIN post_targets_gone tg ON tg.seq = l.target_seq`,
  // [Note: event log by post] (0034): an id given is kept, else one more than the post's last.
  `CREATE TRIGGER post_events_append INSTEAD OF INSERT ON post_events BEGIN
    SELECT RAISE(ABORT, 'post_events: no such post')
      WHERE NOT EXISTS (SELECT 1 FROM posts WHERE id = NEW.post_id);
    INSERT OR IGNORE INTO post_event_types (name) VALUES (NEW.type);
    INSERT INTO post_targets_gone (seq, id, post_seq)
      SELECT ${nextUnknownTarget}, NEW.target_id, (SELECT seq FROM posts WHERE id = NEW.post_id)
      WHERE NEW.target_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM post_targets WHERE id = NEW.target_id)
        AND NOT EXISTS (SELECT 1 FROM post_targets_gone WHERE id = NEW.target_id);
    INSERT INTO post_event_log (post_seq, id, target_seq, type_code, detail, at)
      SELECT p.seq,
        coalesce(NEW.id, (SELECT max(id) FROM post_event_log WHERE post_seq = p.seq) + 1, 1),
        CASE WHEN NEW.target_id IS NOT NULL THEN ${targetSeqOf('NEW.target_id')} END,
        (SELECT code FROM post_event_types WHERE name = NEW.type),
        coalesce(NEW.detail, '{}'), NEW.at
      FROM posts p WHERE p.id = NEW.post_id;
  END`,
  `CREATE TRIGGER post_events_no_update INSTEAD OF UPDATE ON post_events BEGIN ${appendOnly}; END`,
  `CREATE TRIGGER post_events_no_delete INSTEAD OF DELETE ON post_events BEGIN ${appendOnly}; END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of before) await sql.raw(statement).execute(db);
  // [Note: event log by number] The rowids kept as they are, as numbers never given twice.
  await rebuildWithCheck(
    db,
    'posts',
    'id TEXT PRIMARY KEY,',
    'seq INTEGER PRIMARY KEY AUTOINCREMENT,\n    id TEXT NOT NULL UNIQUE,',
    'rowid AS seq, *',
  );
  await rebuildWithCheck(
    db,
    'post_targets',
    'seq INTEGER PRIMARY KEY,',
    'seq INTEGER PRIMARY KEY AUTOINCREMENT,',
  );
  for (const statement of after) await sql.raw(statement).execute(db);
}
