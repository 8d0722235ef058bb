// Tables that name a post by its number, posts.seq ([Note: event log by number] in
// migrations/0037-event-log-by-number.ts; [Note: parts by number] in 0039), are asked for
// by the post's id, which is what the app passes around: this subquery turns an id into
// its number through the posts' unique index on id.
import { sql, type RawBuilder } from 'kysely';

/** The number of the post with this id (NULL when there is none). */
export function postSeqOf(postId: string): RawBuilder<number> {
  return sql<number>`(SELECT seq FROM posts WHERE id = ${postId})`;
}
