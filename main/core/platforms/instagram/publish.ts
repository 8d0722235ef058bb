// Instagram behind the PublishPort: prepareMedia makes (or finds kept) the part's
// containers and waits until they are FINISHED ([Note: Instagram containers]); send checks
// the account's publishing quota, publishes the one container, then reads the post's
// permalink and writes the first comment the user asked for. The container is the post's
// identity chosen before the first attempt, so there is no `newKey`: a retry publishes the
// same container, and an unanswered publish is looked up first (reconcile.ts).
import type { Logger } from '../../ports.ts';
import { GraphError } from '../meta/graph.ts';
import { creating } from '../meta/outcomes.ts';
import type { PublishPort, RemoteRef } from '../port.ts';
import type { OpenGraph } from './graph.ts';
import { checkInstagramPost } from './limits.ts';
import type { InstagramMedia, Prepared } from './media.ts';
import { classifyInstagramError } from './outcomes.ts';
import { checkQuota } from './quota.ts';
import { findPublished } from './reconcile.ts';

export function createInstagramPublish(deps: {
  openGraph: OpenGraph;
  media: InstagramMedia;
  now: () => number;
  logger: Logger;
}): PublishPort {
  const { openGraph } = deps;
  return {
    check: (parts) => checkInstagramPost(parts),

    prepareMedia: (context, onUploaded) => deps.media.prepare(context, onUploaded),

    async send(context, media): Promise<RemoteRef> {
      const prepared = media as Prepared;
      const igUser = context.account.platformUserId;
      const graph = await openGraph(context.account);
      await checkQuota(graph, igUser, deps.now());
      const answer = await creating('Instagram', 'publish', () =>
        graph.post(`/${igUser}/media_publish`, { creation_id: prepared.creationId }),
      );
      // Published but unnamed: only a lookup can tell which post it is.
      if (typeof answer.id !== 'string' || answer.id === '') {
        throw new Error('Instagram published the post without naming it');
      }
      const id = answer.id;
      // The post is out: nothing after this may fail the part, or it would be sent again.
      let permalink: string | null = null;
      try {
        const read = await graph.get(`/${id}`, { fields: 'permalink' });
        if (typeof read.permalink === 'string') permalink = read.permalink;
      } catch (error) {
        deps.logger.warn('instagram: permalink not read', { reason: String(error) });
      }
      if (prepared.comment !== null) {
        try {
          await graph.post(`/${id}/comments`, { message: prepared.comment });
        } catch (error) {
          deps.logger.warn('instagram: first comment not posted', { reason: String(error) });
        }
      }
      return { id, ref: permalink };
    },

    async find(context, since, exclude) {
      const graph = await openGraph(context.account);
      return findPublished(graph, context, since, exclude);
    },

    async remove(account, ref) {
      const graph = await openGraph(account);
      try {
        await graph.remove(`/${ref.id}`);
        return true;
      } catch (error) {
        // Code 100: no such media (already deleted in the app).
        if (error instanceof GraphError && (error.code === 100 || error.status === 404)) {
          return false;
        }
        throw error;
      }
    },

    classify: classifyInstagramError,

    // Instagram's links use a shortcode the media id does not give: the permalink read after
    // publishing, else the account's profile.
    url: (account, ref) => ref.ref ?? `https://www.instagram.com/${account.handle}/`,
  };
}
