// The user's two answers to a post its network could not confirm ([Note: unknowable
// parts] in posts/lifecycle.ts): "it went out" marks the account's target published as it
// stands; "send again" is posts:retry, which first lets go of the unconfirmed parts so the
// publisher sends them instead of looking for them once more.
import type { Kysely, Transaction } from 'kysely';
import type { PostSummary } from '../../../shared/posts.ts';
import { failure } from '../../../shared/result.ts';
import { accountSeqOf, postSeqOf } from '../db/post-numbers.ts';
import type { Schema } from '../db/schema.ts';
import type { EventBus } from '../events.ts';
import { rolledUpStatus } from '../posts/rolled-up-status.ts';
import type { Ports } from '../ports.ts';
import { loadSummary } from './posts-read.ts';

/** The error code of a target stopped because its network cannot be asked (send-part.ts). */
export const unchecked = 'UNCHECKABLE';

/** For retry: the unconfirmed parts of these targets are sent again, not looked for. */
export async function resendUnchecked(
  trx: Transaction<Schema>,
  postId: string,
  targetIds: string[],
  at: number,
): Promise<void> {
  if (targetIds.length === 0) return;
  const stopped = await trx
    .selectFrom('post_targets')
    .select('id')
    .where('id', 'in', targetIds)
    .where('status', '=', 'needs_review')
    .where('error_code', '=', unchecked)
    .execute();
  for (const { id } of stopped) {
    await trx
      .insertInto('post_events')
      .values({ post_id: postId, target_id: id, type: 'target.resent', detail: '{}', at })
      .execute();
  }
}

export function createPostReview(
  db: Kysely<Schema>,
  ports: Pick<Ports, 'clock'>,
  events: EventBus,
) {
  return {
    /** The user saw the post on the account's network: its target counts as published. */
    async markPublished(postId: string, accountId: string): Promise<PostSummary> {
      const now = ports.clock.now();
      await db.transaction().execute(async (trx) => {
        const post = await trx
          .updateTable('posts')
          .set({ updated_at: now })
          .where('id', '=', postId)
          .returning(['status', 'published_at'])
          .executeTakeFirst();
        if (post === undefined) throw failure('NOT_FOUND', `No post has the id ${postId}.`);
        const target = await trx
          .selectFrom('post_targets')
          .select(['id', 'status', 'error_code'])
          .where('post_seq', '=', postSeqOf(postId))
          .where('account_seq', '=', accountSeqOf(accountId))
          .executeTakeFirst();
        if (target === undefined) {
          throw failure('VALIDATION', `This post was not made for the account ${accountId}.`);
        }
        if (target.status !== 'needs_review' || target.error_code !== unchecked) {
          throw failure(
            'CONFLICT',
            'Only a post its network could not confirm can be marked as published by hand.',
          );
        }
        await trx
          .updateTable('post_targets')
          .set({
            status: 'published',
            published_at: now,
            error_code: null,
            error_message: null,
            updated_at: now,
          })
          .where('id', '=', target.id)
          .execute();
        await trx
          .insertInto('post_events')
          .values({
            post_id: postId,
            target_id: target.id,
            type: 'target.confirmed',
            detail: JSON.stringify({ by: 'user' }),
            at: now,
          })
          .execute();
        const statuses = await trx
          .selectFrom('post_targets')
          .select('status')
          .where('post_seq', '=', postSeqOf(postId))
          .execute();
        const status = rolledUpStatus(
          post.status,
          statuses.map((t) => t.status),
        );
        await trx
          .updateTable('posts')
          .set({ status, published_at: post.published_at ?? now })
          .where('id', '=', postId)
          .execute();
      });
      const summary = await loadSummary(db, postId);
      events.emit('post:saved', { post: summary });
      return summary;
    },
  };
}
