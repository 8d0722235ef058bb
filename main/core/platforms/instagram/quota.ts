// Instagram's own publishing limit per account (IG User content_publishing_limit): Meta
// documents 50 API-published posts in any 24 hours (a carousel is one), where older
// documents and the issue said 25. Starling keeps to it twice: postingLimits holds the
// documented figure before anything is sent, and each publish first asks the account's
// quota_usage and config, which also count posts made by other apps and honour whatever
// figure Meta applies to the account today. The composer shows the same answer.
import { failure } from '../../../../shared/result.ts';
import type { PostingLimit, PostingQuota } from '../port.ts';
import { QuotaUsedUp } from './errors.ts';
import type { IgGraph } from './graph.ts';

export const instagramPostingLimits: readonly PostingLimit[] = [
  { parts: 50, windowMs: 86_400_000, words: '50 posts in 24 hours' },
];

/** While the quota is used up, look again after this long (posts leave the window one by one). */
const recheckMs = 60 * 60_000;

export interface PublishingQuota {
  used: number;
  total: number;
  windowS: number;
}

const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;

/** The account's usage now; null where Meta's answer lacks it (then publishing goes ahead). */
export async function readQuota(graph: IgGraph, igUser: string): Promise<PublishingQuota | null> {
  const answer = await graph.get(`/${igUser}/content_publishing_limit`, {
    fields: 'quota_usage,config',
  });
  const first: unknown = Array.isArray(answer.data) ? answer.data[0] : undefined;
  if (typeof first !== 'object' || first === null) return null;
  const row = first as {
    quota_usage?: unknown;
    config?: { quota_total?: unknown; quota_duration?: unknown };
  };
  const used = count(row.quota_usage);
  const total = count(row.config?.quota_total);
  if (used === null || total === null) return null;
  return { used, total, windowS: count(row.config?.quota_duration) ?? 86_400 };
}

/** The account's usage for the composer ([Note: posting quota]); a carousel is one post. */
export async function postingQuota(graph: IgGraph, igUser: string): Promise<PostingQuota> {
  const quota = await readQuota(graph, igUser);
  if (quota === null) {
    throw failure('PLATFORM_REJECTED', 'Instagram’s answer did not say how many posts are used.');
  }
  const posts = { noun: 'posts', used: quota.used, total: quota.total };
  return { posts: { ...posts, windowMs: quota.windowS * 1000 }, replies: null };
}

/** Throws QuotaUsedUp where publishing now would pass the account's quota. */
export async function checkQuota(graph: IgGraph, igUser: string, now: number): Promise<void> {
  const quota = await readQuota(graph, igUser);
  if (quota === null || quota.used < quota.total) return;
  throw new QuotaUsedUp(
    `Instagram's publishing limit for this account is used up (${String(quota.used)} of ` +
      `${String(quota.total)} posts in ${String(Math.round(quota.windowS / 3600))} hours).`,
    now + recheckMs,
  );
}
