// A post status in words, for the calendar's chips, filters and previews and the post
// panel's history.
import type { PostStatus } from '../../../../shared/posts.ts';

export const statusLabel: Record<PostStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  publishing: 'Publishing',
  published: 'Published',
  partially_published: 'Partly published',
  failed: 'Failed',
  needs_review: 'Needs review',
  cancelled: 'Cancelled',
  missed: 'Missed',
  deleted: 'Deleted',
};
