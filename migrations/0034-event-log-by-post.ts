// The event log kept in post order (issue 19, item 5: the million-post database must
// shrink). Every reader asks for one post's events in order (the post's history, a
// target's part history, approval reminders and carry-over), which needed the table plus
// an index on (post_id, id) beside it: 192 MB of 661 at a million posts. The log is now
// a WITHOUT ROWID table keyed by (post_id, id), so a post's events are one key range of
// the table itself and there is no index to keep.
//
// [Note: event log by post] A WITHOUT ROWID table has no AUTOINCREMENT, so `id` counts a
// post's events: one more than the post's last. post_events becomes a view of the log
// whose INSTEAD OF trigger gives the id, so every writer inserts as before, without one.
// Ids were unique in the whole log; now they are unique, and rising, within a post, which
// is all anything reads them for. The events kept here keep their ids. The log stays
// append-only, on the view and on the table.
//
// Runs in one transaction with foreign keys off (open-database.ts), like every migration.
import { sql, type Kysely } from 'kysely';

const appendOnly = "SELECT RAISE(ABORT, 'post_events is append-only')";

const statements = [
  `CREATE TABLE post_event_log (
    post_id TEXT NOT NULL,
    id INTEGER NOT NULL,
    target_id TEXT,
    type TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
    at INTEGER NOT NULL,
    PRIMARY KEY (post_id, id)
  ) STRICT, WITHOUT ROWID`,
  // In key order, read from the (post_id, id) index: no sort, pages filled in order.
  `INSERT INTO post_event_log (post_id, id, target_id, type, detail, at)
    SELECT post_id, id, target_id, type, detail, at FROM post_events
    ORDER BY post_id, id`,
  'DROP TABLE post_events',
  "DELETE FROM sqlite_sequence WHERE name = 'post_events'",
  `CREATE TRIGGER post_event_log_no_update BEFORE UPDATE ON post_event_log BEGIN ${appendOnly}; END`,
  `CREATE TRIGGER post_event_log_no_delete BEFORE DELETE ON post_event_log BEGIN ${appendOnly}; END`,

  'CREATE VIEW post_events AS SELECT id, post_id, target_id, type, detail, at FROM post_event_log',
  // [Note: event log by post] An id given is kept (SQLite kept one given before).
  `CREATE TRIGGER post_events_append INSTEAD OF INSERT ON post_events BEGIN
    INSERT INTO post_event_log (post_id, id, target_id, type, detail, at)
    VALUES (NEW.post_id,
      coalesce(NEW.id, (SELECT max(id) FROM post_event_log WHERE post_id = NEW.post_id) + 1, 1),
      NEW.target_id, NEW.type, coalesce(NEW.detail, '{}'), NEW.at);
  END`,
  `CREATE TRIGGER post_events_no_update INSTEAD OF UPDATE ON post_events BEGIN ${appendOnly}; END`,
  `CREATE TRIGGER post_events_no_delete INSTEAD OF DELETE ON post_events BEGIN ${appendOnly}; END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
