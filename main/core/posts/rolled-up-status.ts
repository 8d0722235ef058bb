// A post's status from its targets': the one rule, shared by the lifecycle's writes, the
// missed-post policy and the posts service.
import type { PostStatus } from '../db/schema.ts';

export type TargetStatus = Exclude<PostStatus, 'partially_published'>;

/**
 * A post's status from its targets': published when all are, partially published when
 * some are and the rest have finished otherwise, failed when all failed, publishing
 * while any is under way or some finished and others wait, back to scheduled when all
 * wait again.
 */
export function rolledUpStatus(current: PostStatus, targets: TargetStatus[]): PostStatus {
  const live = targets.filter((s) => s !== 'cancelled');
  if (live.length === 0) return targets.length > 0 ? 'cancelled' : current;
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
