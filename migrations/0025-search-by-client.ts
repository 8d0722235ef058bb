// Post search within one client (issue 19): the client becomes a column of the search
// index, so FTS5 answers "these words, in this client's posts" by intersecting two posting
// lists instead of looking up the post of every match (183 ms for a common word at a
// million posts, against ~2,000 of ~20,000 matches kept).
// [Note: client in the search index] Each part carries its post's client id in
// post_parts.search_client, dashes removed so that the tokenizer reads it as one word
// (searchClientKey in main/core/posts/search.ts makes the same word). It is set by the
// insert trigger below from the post, whichever code writes the part; a post never moves to
// another client. post_search stays an external-content FTS5 table over post_parts
// ([Note: post search index]), now with two columns: text, and search_client, which only
// the client filter searches. The index is rebuilt from the parts here (minutes at a
// million posts, once).
// prefix = '2 3': a prefix search (`nu*`, `nuv*`) otherwise merges the posting lists of
// every word it begins before its first answer (0.4–0.7 s for two letters at a million
// posts); these two lengths get posting lists of their own (about 240 MB more at a
// million posts). Longer prefixes begin fewer words and are merged as before.
import { sql, type Kysely } from 'kysely';

const statements = [
  'DROP TRIGGER post_search_part_inserted',
  'DROP TRIGGER post_search_part_deleted',
  'DROP TRIGGER post_search_part_updated',
  'DROP TABLE post_search',
  'ALTER TABLE post_parts ADD COLUMN search_client TEXT',
  `UPDATE post_parts SET search_client =
     (SELECT replace(p.client_id, '-', '') FROM posts p WHERE p.id = post_parts.post_id)`,
  `CREATE VIRTUAL TABLE post_search USING fts5 (
    text,
    search_client,
    content = 'post_parts',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
  )`,
  // The part's client is written first, then the part is indexed with it. Setting
  // search_client does not fire the update trigger (that one follows the text only).
  `CREATE TRIGGER post_search_part_inserted AFTER INSERT ON post_parts BEGIN
     UPDATE post_parts SET search_client =
       (SELECT replace(p.client_id, '-', '') FROM posts p WHERE p.id = NEW.post_id)
     WHERE rowid = NEW.rowid;
     INSERT INTO post_search (rowid, text, search_client)
       SELECT rowid, text, search_client FROM post_parts WHERE rowid = NEW.rowid;
   END`,
  `CREATE TRIGGER post_search_part_deleted AFTER DELETE ON post_parts BEGIN
     INSERT INTO post_search (post_search, rowid, text, search_client)
       VALUES ('delete', OLD.rowid, OLD.text, OLD.search_client);
   END`,
  `CREATE TRIGGER post_search_part_updated AFTER UPDATE OF text ON post_parts BEGIN
     INSERT INTO post_search (post_search, rowid, text, search_client)
       VALUES ('delete', OLD.rowid, OLD.text, OLD.search_client);
     INSERT INTO post_search (rowid, text, search_client)
       VALUES (NEW.rowid, NEW.text, NEW.search_client);
   END`,
  `INSERT INTO post_search (post_search) VALUES ('rebuild')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
