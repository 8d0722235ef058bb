// A post's status from its targets': the one rule, shared by the lifecycle's writes, the
// missed-post policy and the posts service.
import type { PostStatus } from '../db/schema.ts';

export type TargetStatus = Exclude<PostStatus, 'partially_published'>;

/**
 * A post's status from its targets': published when all are, partially published when
 * some are and the rest have finished otherwise, failed when all failed, publishing
 * while any is under way or some finished and others wait, back to scheduled when all
 * wait again. Targets deleted from their networks count no more than cancelled ones,
 * until every target is one or the other: then the post is deleted (if any was).
 */
export function rolledUpStatus(current: PostStatus, targets: TargetStatus[]): PostStatus {
  const live = targets.filter((s) => s !== 'cancelled' && s !== 'deleted');
  if (live.length === 0) {
    if (targets.includes('deleted')) return 'deleted';
    return targets.length > 0 ? 'cancelled' : current;
  }
  const published = live.filter((s) => s === 'published').length;
  const finished = live.filter(
    (s) => s === 'published' || s === 'failed' || s === 'needs_review',
  ).length;
  if (finished === live.length) {
    if (published === live.length) return 'published';
    if (published > 0) return 'partially_published';
    return live.includes('needs_review') ? 'needs_review' : 'failed';
  }
  if (finished > 0 || live.includes('publishing')) return 'publishing';
  // Every target is waiting again (a retry, or an account to reconnect).
  return current === 'publishing' ? 'scheduled' : current;
}
