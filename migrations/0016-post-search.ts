// Post search (issue 19): an FTS5 index over every thread part's text, so a search by
// words over a million posts reads an index instead of every part.
// [Note: post search index] post_search is an external-content FTS5 table: it keeps only
// the index, and reads the text (for snippets) from post_parts by rowid. Triggers keep it
// in step with every insert, edit and delete of a part, whichever code writes it. It is
// keyed by post_parts' implicit rowid, which SQLite keeps through updates and backups; a
// future migration that rebuilds post_parts (new rowids) must end with
// `INSERT INTO post_search (post_search) VALUES ('rebuild')`.
// unicode61 with diacritics removed: "cafe" finds "café", case never matters.
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE VIRTUAL TABLE post_search USING fts5 (
    text,
    content = 'post_parts',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
  )`,
  `CREATE TRIGGER post_search_part_inserted AFTER INSERT ON post_parts BEGIN
     INSERT INTO post_search (rowid, text) VALUES (NEW.rowid, NEW.text);
   END`,
  `CREATE TRIGGER post_search_part_deleted AFTER DELETE ON post_parts BEGIN
     INSERT INTO post_search (post_search, rowid, text) VALUES ('delete', OLD.rowid, OLD.text);
   END`,
  `CREATE TRIGGER post_search_part_updated AFTER UPDATE OF text ON post_parts BEGIN
     INSERT INTO post_search (post_search, rowid, text) VALUES ('delete', OLD.rowid, OLD.text);
     INSERT INTO post_search (rowid, text) VALUES (NEW.rowid, NEW.text);
   END`,
  // Every part already written: ~1 minute for a million posts (see README, Performance).
  `INSERT INTO post_search (post_search) VALUES ('rebuild')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
