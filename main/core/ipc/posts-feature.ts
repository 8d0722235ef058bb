// The posts feature's handlers (see ../feature.ts): the post lifecycle through the posts
// service, which writes posts, targets and jobs and pushes post:saved, and deleting a
// published post through the unpublisher.
import type { postsChannels } from '../../../shared/ipc/channels/posts.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';
import { createPostReview } from '../services/posts-review.ts';

export function createPostsFeature(
  context: Pick<CoreContext, 'posts' | 'unpublisher' | 'database' | 'ports' | 'events'>,
): CoreFeature<keyof typeof postsChannels> {
  const { posts, unpublisher } = context;
  const review = createPostReview(context.database.db, context.ports, context.events);
  return {
    handlers: {
      'posts:schedule': (input) => posts.schedule(input),
      'posts:list': (input) => posts.list(input),
      'posts:get': (input) => posts.get(input.id),
      'posts:cancel': (input) => posts.cancel(input.id),
      'posts:reschedule': (input) => posts.reschedule(input),
      'posts:retry': (input) => posts.retry(input.id),
      'posts:mark-published': (input) => review.markPublished(input.id, input.accountId),
      'posts:unpublish': async (input) => {
        const report = await unpublisher.unpublish(input.id, input.accountIds ?? null);
        const post = await posts.summary(input.id);
        return { post, deleted: report.deleted.length, failures: report.failures };
      },
    },
  };
}
