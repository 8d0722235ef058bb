// Tables that name a post by its number, posts.seq ([Note: event log by number] in
// migrations/0037-event-log-by-number.ts; [Note: parts by number] in 0039; [Note: targets
// by number] in 0041), or an account by social_accounts.seq (0040), are asked for by the
// id, which is what the app passes around: these subqueries turn an id into its number
// through the unique index on id.
import { sql, type RawBuilder } from 'kysely';

/** The number of the post with this id (NULL when there is none). */
export function postSeqOf(postId: string): RawBuilder<number> {
  return sql<number>`(SELECT seq FROM posts WHERE id = ${postId})`;
}

/** The number of the account with this id (NULL when there is none). */
export function accountSeqOf(accountId: string): RawBuilder<number> {
  return sql<number>`(SELECT seq FROM social_accounts WHERE id = ${accountId})`;
}

/** The number of the client with this id (NULL when there is none). */
export function clientSeqOf(clientId: string): RawBuilder<number> {
  return sql<number>`(SELECT seq FROM clients WHERE id = ${clientId})`;
}
