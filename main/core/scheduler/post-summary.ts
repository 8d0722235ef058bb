// A post as the post:saved push event carries it, read in three small queries.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { PostSummary } from '../../../shared/posts.ts';

export async function loadPostSummary(
  db: Kysely<Schema>,
  postId: string,
): Promise<PostSummary | null> {
  const post = await db.selectFrom('posts').selectAll().where('id', '=', postId).executeTakeFirst();
  if (post === undefined) return null;
  const targets = await db
    .selectFrom('post_targets as t')
    .innerJoin('social_accounts as a', 'a.id', 't.account_id')
    .select([
      't.id',
      't.account_id',
      'a.handle',
      't.status',
      't.remote_id',
      't.remote_url',
      't.error_code',
      't.error_message',
      't.attempts',
      't.published_at',
    ])
    .where('t.post_id', '=', postId)
    .orderBy('t.id')
    .execute();
  const first = await db
    .selectFrom('post_parts')
    .select('text')
    .where('post_id', '=', postId)
    .orderBy('position')
    .limit(1)
    .executeTakeFirst();
  return {
    id: post.id,
    clientId: post.client_id,
    campaignId: post.campaign_id,
    status: post.status,
    scheduledAt: post.scheduled_at,
    timezone: post.timezone,
    localTime: post.local_time,
    firstLine: (first?.text ?? '').split('\n', 1)[0] ?? '',
    targets: targets.map((t) => ({
      id: t.id,
      accountId: t.account_id,
      handle: t.handle,
      status: t.status,
      remoteId: t.remote_id,
      remoteUrl: t.remote_url,
      errorCode: t.error_code,
      errorMessage: t.error_message,
      attempts: t.attempts,
      publishedAt: t.published_at,
    })),
    updatedAt: post.updated_at,
  };
}
