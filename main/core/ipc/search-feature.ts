// The post search feature's handler (see ../feature.ts): posts:search over the FTS5 index.
import type { searchChannels } from '../../../shared/ipc/channels/search.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';
import { searchPosts } from '../posts/search.ts';

export function createSearchFeature(
  context: CoreContext,
): CoreFeature<keyof typeof searchChannels> {
  const db = context.database.db;
  return { handlers: { 'posts:search': (input) => searchPosts(db, input) } };
}
