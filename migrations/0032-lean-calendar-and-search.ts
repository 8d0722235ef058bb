// Two indexes keep less (issue 19, database size), measured on the million-post file.
//
// posts_calendar keeps what the calendar filters on and no longer what a chip shows. Since
// 0004 it covered the whole range query: the time, the filters and the chip's text (first
// line, thread length, accounts with their 36-character ids), 292 MB at a million posts,
// the largest index in the file, and rewritten by every edit of a post's first line.
// Narrowed to the time and the filters it takes about 64 MB. The range now reads each
// chosen post's row by rowid (the month view's first posts of each day already did): a
// week's range (3,832 posts) about 1 ms slower at a million posts, no screen's target
// moved. The day counts still walk posts_by_time.
//
// post_search keeps posting lists for three-letter prefixes only (`prefix = '3'`, was
// '2 3' since 0025): the two-letter lists took 124 MB (search index 413 → 290 MB). A
// prefix needs three letters now (searchExpression in shared/post-search.ts says so to
// whoever types `la*`): two letters begin too many words to be worth a search of their
// own. The table is created anew and rebuilt from the parts (about 20 s at a million
// posts); its triggers on post_parts (0025, 0030) name it and stay as they are.
import { sql, type Kysely } from 'kysely';

const statements = [
  'DROP INDEX posts_calendar',
  'CREATE INDEX posts_calendar ON posts (scheduled_at, client_id, status, campaign_id)',
  'DROP TABLE post_search',
  `CREATE VIRTUAL TABLE post_search USING fts5 (
    text,
    search_client,
    content = 'post_parts',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3'
  )`,
  `INSERT INTO post_search (post_search) VALUES ('rebuild')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
