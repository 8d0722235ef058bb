// Facebook Pages behind the PublishPort: a thread's first part is one post on the Page's
// feed (its message, the first link in it for Facebook's preview, its photos attached as
// one post), or one video upload whose answer names the video; each later part is the
// Page's comment on it, in order. Graph has no idempotency key, so there is no `newKey`:
// each id is committed by the publisher as soon as it comes back, and an unconfirmed part
// is looked up among the Page's recent posts or comments (reconcile.ts) before anything
// is sent again.
import { readerText } from '../../../../shared/networks/index.ts';
import type { PublishPort, RemoteRef } from '../port.ts';
import { GraphError, type GraphApi } from '../meta/graph.ts';
import { metaNoAnswer } from '../meta/http.ts';
import { classifyMetaError, creating } from '../meta/outcomes.ts';
import { graphVideoHost } from '../meta/route.ts';
import type { MetaSessions } from '../meta/session.ts';
import { facebookPreviewLink } from '../../../../shared/networks/facebook.ts';
import { postLink } from './links.ts';
import { checkFacebookThread } from './limits.ts';
import {
  readMedia,
  sourceField,
  uploadTimeoutMs,
  type FacebookMedia,
  type PhotoUploads,
} from './media.ts';
import { findPart } from './reconcile.ts';

/** Graph's answer for an object that is gone (or never was). */
const gone = (error: unknown) =>
  error instanceof GraphError && error.code === 100 && error.subcode === 33;

const idOf = (answer: Record<string, unknown>, what: string): string => {
  if (typeof answer.id === 'string' && answer.id !== '') return answer.id;
  // Created, but unnamed: only a lookup can tell which it is.
  throw metaNoAnswer(`Facebook created the ${what} without naming it`, true);
};

export function createFacebookPublish(deps: {
  graph: GraphApi;
  sessions: MetaSessions;
  photos: PhotoUploads;
}): PublishPort {
  const { graph } = deps;
  return {
    check: (parts, account) => checkFacebookThread(parts, account),

    prepareMedia: (context, onUploaded) => deps.photos.prepare(context, onUploaded),

    forgetMedia: (account, media) => {
      deps.photos.forget(account, media);
      return Promise.resolve();
    },

    async send(context, prepared): Promise<RemoteRef> {
      const session = await deps.sessions.page(context.account);
      const pageId = session.credentials.pageId;
      const message = readerText(context.part.text);
      if (context.root !== null) {
        const root = context.root.id;
        const answer = await creating('Facebook', 'comment', () =>
          session.call((token) => graph.post(token, `/${root}/comments`, { message }), [pageId]),
        );
        return { id: idOf(answer, 'comment'), ref: 'comment' };
      }
      const media = prepared as FacebookMedia;
      if (media.video !== null) {
        const video = media.video;
        const bytes = await readMedia(video);
        const form = new FormData();
        sourceField(form, video, bytes);
        if (message !== '') form.set('description', message);
        const answer = await creating('Facebook', 'video', () =>
          session.call(
            (token) =>
              graph.postMultipart(token, `/${pageId}/videos`, form, {
                host: graphVideoHost,
                timeoutMs: uploadTimeoutMs(bytes.length),
              }),
            [pageId],
          ),
        );
        return { id: idOf(answer, 'video'), ref: 'video' };
      }
      const link = media.photoIds.length === 0 ? facebookPreviewLink(message) : null;
      const answer = await creating('Facebook', 'post', () =>
        session.call(
          (token) =>
            graph.post(token, `/${pageId}/feed`, {
              message: message === '' ? undefined : message,
              link: link ?? undefined,
              attached_media:
                media.photoIds.length === 0
                  ? undefined
                  : media.photoIds.map((id) => ({ media_fbid: id })),
            }),
          [pageId],
        ),
      );
      return { id: idOf(answer, 'post'), ref: null };
    },

    async find(context, since, exclude) {
      const session = await deps.sessions.page(context.account);
      // A video found this way is named by its post, which comments and metrics take too.
      return findPart(graph, session, context, readerText(context.part.text), since, exclude);
    },

    async remove(account, ref) {
      const session = await deps.sessions.page(account);
      try {
        await session.call(
          (token) => graph.remove(token, `/${ref.id}`),
          [session.credentials.pageId],
        );
        return true;
      } catch (error) {
        if (gone(error)) return false;
        throw error;
      }
    },

    classify: classifyMetaError,

    url: (account, ref) => postLink(account.platformUserId, ref),
  };
}
