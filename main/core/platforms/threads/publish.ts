// Threads' PublishPort: each part is a container (containers.ts), published once; the rest
// of a thread goes out as the author's replies, each to the part before it. Before a part
// is published Threads is asked how much of its daily limits is used. A publish whose
// answer was lost is looked up (reconcile.ts) before anything is published again.
import type { PublishPort, RemoteRef } from '../port.ts';
import { graph, ThreadsHttpError, type ThreadsApi } from './api.ts';
import { containerStatus, partContainerId, type ContainerDeps } from './containers.ts';
import { isThreadsNoAnswer } from './http.ts';
import { checkThreadsThread } from './limits.ts';
import { classifyThreadsError, ThreadsMaybePublished, ThreadsQuotaUsed } from './outcomes.ts';
import { readThreadsQuota } from './quota.ts';
import { findThreadsPart } from './reconcile.ts';
import type { OpenSession, Session } from './session.ts';

export interface PublishDeps extends ContainerDeps {
  openSession: OpenSession;
}

interface Prepared {
  containerId: string;
}

/** Refuses to publish while Threads counts the account's posts (or replies) as used up. */
async function checkQuota(api: ThreadsApi, session: Session, reply: boolean, now: number) {
  const quota = await readThreadsQuota(api, session);
  // An answer without the counts leaves it to Threads to refuse.
  const counted = quota === null ? null : reply ? quota.replies : quota.posts;
  if (counted === null || counted.used < counted.total) return;
  // Threads does not say when the oldest post leaves the window; look again in an hour.
  throw new ThreadsQuotaUsed(
    `Threads' limit of ${String(counted.total)} ${counted.noun} a day is used up for this account.`,
    now + 60 * 60_000,
  );
}

async function permalink(api: ThreadsApi, session: Session, id: string): Promise<string | null> {
  try {
    const body = await session.call((token) =>
      api.get(graph(`/${id}`), { fields: 'id,permalink' }, token),
    );
    return typeof body.permalink === 'string' ? body.permalink : null;
  } catch {
    // The post is out; only its address is missing, and url() has a fallback.
    return null;
  }
}

export function createThreadsPublish(deps: PublishDeps): PublishPort {
  const { api } = deps;
  return {
    check: (parts) => checkThreadsThread(parts),

    async prepareMedia(context, onUploaded): Promise<Prepared> {
      const session = await deps.openSession(context.account);
      return { containerId: await partContainerId(deps, session, context, onUploaded) };
    },

    async send(context, media): Promise<RemoteRef> {
      const { containerId } = media as Prepared;
      const session = await deps.openSession(context.account);
      await checkQuota(api, session, context.parent !== null, deps.clock.now());
      // Published by an attempt whose answer was lost: look it up, never publish again.
      const { status } = await containerStatus(api, session, containerId);
      if (status === 'PUBLISHED') {
        throw new ThreadsMaybePublished('Threads already published this part’s container.');
      }
      let body: Record<string, unknown>;
      try {
        body = await session.call((token) =>
          api.post(
            graph(`/${session.userId}/threads_publish`),
            { creation_id: containerId },
            token,
          ),
        );
      } catch (error) {
        const lost =
          (isThreadsNoAnswer(error) && error.sent) ||
          (error instanceof ThreadsHttpError && error.status >= 500);
        if (lost) {
          throw new ThreadsMaybePublished(
            `Threads did not confirm the publish (${error instanceof Error ? error.message : 'no answer'}).`,
          );
        }
        throw error;
      }
      if (typeof body.id !== 'string') {
        throw new ThreadsMaybePublished('Threads answered the publish without an id.');
      }
      return { id: body.id, ref: await permalink(api, session, body.id) };
    },

    find: (context, since, exclude) => findThreadsPart(deps, context, since, exclude),

    async remove(account, ref) {
      const session = await deps.openSession(account);
      try {
        await session.call((token) => api.delete(graph(`/${ref.id}`), token));
        return true;
      } catch (error) {
        // Graph's "object does not exist" (deleted on Threads by hand).
        if (error instanceof ThreadsHttpError && (error.status === 404 || error.code === 100)) {
          return false;
        }
        throw error;
      }
    },

    classify: classifyThreadsError,

    // [Note: Threads links] A post's address uses a shortcode its id does not give, so the
    // permalink Threads names after publishing is kept as the part's ref.
    url: (account, ref) => ref.ref ?? `https://www.threads.net/@${account.handle}`,
  };
}
