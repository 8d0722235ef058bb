// The search index no longer keeps each part's length in words (issue 19, item 5: the
// million-post database must shrink). FTS5 keeps it, by default, in post_search_docsize
// for its bm25() ranking: 20 MB at a million posts. The app never calls bm25(): it ranks
// a window of matches itself and counts their words there ([Note: search window] in
// main/core/posts/search.ts), and highlight() does not need the lengths.
//
// [Note: search without lengths] post_search is made again as 0032 made it, with
// `columnsize = 0`, and built again from the parts (about 40 s at a million posts). Its
// triggers (0025, 0030, 0040, 0042) name it and stay as they are.
//
// Runs in one transaction with foreign keys off (open-database.ts), like every migration.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE post_search`.execute(db);
  await sql`CREATE VIRTUAL TABLE post_search USING fts5 (
    text,
    search_client,
    content = 'post_parts',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3',
    columnsize = 0
  )`.execute(db);
  await sql`INSERT INTO post_search (post_search) VALUES ('rebuild')`.execute(db);
}
