// Threads' own count of an account's posts and replies in the last 24 hours
// (threads_publishing_limit), which counts what any app published: read before each part
// is published (publish.ts refuses while the count is used up) and for the composer's line
// ([Note: posting quota]).
import { failure } from '../../../../shared/result.ts';
import type { PostingQuota, QuotaAllowance } from '../port.ts';
import { graph, type ThreadsApi } from './api.ts';
import type { Session } from './session.ts';

function allowance(row: Record<string, unknown>, prefix: '' | 'reply_', noun: string) {
  const used = row[`${prefix}quota_usage`];
  const config = row[`${prefix}config`] as
    { quota_total?: unknown; quota_duration?: unknown } | undefined;
  if (typeof used !== 'number' || typeof config?.quota_total !== 'number') return null;
  const seconds = typeof config.quota_duration === 'number' ? config.quota_duration : 86_400;
  return { noun, used, total: config.quota_total, windowMs: seconds * 1000 };
}

/** The account's usage now: its posts, and its replies where Threads says; null without posts. */
export async function readThreadsQuota(
  api: ThreadsApi,
  session: Session,
): Promise<PostingQuota | null> {
  const body = await session.call((token) =>
    api.get(
      graph(`/${session.userId}/threads_publishing_limit`),
      { fields: 'quota_usage,config,reply_quota_usage,reply_config' },
      token,
    ),
  );
  const first: unknown = Array.isArray(body.data) ? body.data[0] : undefined;
  const row = typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : {};
  const posts: QuotaAllowance | null = allowance(row, '', 'posts');
  return posts === null ? null : { posts, replies: allowance(row, 'reply_', 'replies') };
}

/** The same for the composer, which says so where Threads' answer lacks the counts. */
export async function threadsPostingQuota(api: ThreadsApi, session: Session) {
  const quota = await readThreadsQuota(api, session);
  if (quota === null) {
    throw failure('PLATFORM_REJECTED', 'Threads’ answer did not say how many posts are used.');
  }
  return quota;
}
