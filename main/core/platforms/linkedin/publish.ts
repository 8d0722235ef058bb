// LinkedIn behind the PublishPort: a thread's first part is one POST /rest/posts (its URN
// comes back in x-restli-id and is committed by the publisher before anything else); each
// later part is the author's comment on that post, in order. LinkedIn has no idempotency
// key, so there is no `newKey`: an unconfirmed part is looked up (reconcile.ts) or, where
// LinkedIn cannot tell, left to a person. Deleting is DELETE on the post or the comment.
import { readerText } from '../../../../shared/networks/index.ts';
import type { PublishPort, RemoteRef } from '../port.ts';
import { encodeUrn, LinkedInHttpError, type LinkedInApi } from './api.ts';
import { header, jsonOf } from '../http-exchange.ts';
import { linkedinNoAnswer } from './http.ts';
import { checkLinkedInThread } from './limits.ts';
import { commentParts, commentUrnOf, postLink } from './links.ts';
import type { MediaUploads, Uploaded } from './media.ts';
import { classifyLinkedInError } from './outcomes.ts';
import { postBody } from './post-body.ts';
import { findPart } from './reconcile.ts';
import type { OpenSession } from './session.ts';

const gone = (error: unknown) => error instanceof LinkedInHttpError && error.status === 404;

/**
 * [Note: server error on a create] A server error (5xx, 408) to the call that makes a post
 * or a comment may come after LinkedIn made it: a gateway that gave up on a slow backend
 * answers so. Sent again blind, the part would go out twice. So it counts as no answer
 * after sending: the part is looked up before anything is sent again, or, where LinkedIn
 * cannot tell (a member's posts), left to a person with a link to look.
 */
async function creating<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof LinkedInHttpError && (error.status >= 500 || error.status === 408)) {
      throw linkedinNoAnswer(
        `LinkedIn answered the ${what} with a server error (${String(error.status)}), which may come after it was made`,
        true,
      );
    }
    throw error;
  }
}

export function createLinkedInPublish(deps: {
  api: LinkedInApi;
  openSession: OpenSession;
  media: MediaUploads;
}): PublishPort {
  const { api } = deps;
  return {
    check: (parts) => checkLinkedInThread(parts),

    prepareMedia: (context, onUploaded) => deps.media.prepare(context, onUploaded),

    forgetMedia: (account, media) => {
      deps.media.forget(account, media);
      return Promise.resolve();
    },

    async send(context, media): Promise<RemoteRef> {
      const session = await deps.openSession(context.account);
      if (context.root === null) {
        const body = postBody(session.author, context.part.text, media as Uploaded[]);
        const answer = await creating('post', () =>
          session.call((token) => api.rest(token, 'POST', '/posts', body)),
        );
        const urn = header(answer.headers, 'x-restli-id');
        // Created, but unnamed: only a lookup can tell which post it is.
        if (urn === '') throw linkedinNoAnswer('LinkedIn created the post without naming it', true);
        return { id: urn, ref: null };
      }
      const post = context.root.id;
      const answer = await creating('comment', () =>
        session.call((token) =>
          api.rest(token, 'POST', `/socialActions/${encodeUrn(post)}/comments`, {
            actor: session.author,
            object: post,
            // A comment's message is plain text (no little text): a mention is its name.
            message: { text: readerText(context.part.text) },
          }),
        ),
      );
      const body = jsonOf(answer) as { commentUrn?: unknown; id?: unknown } | undefined;
      const id = typeof body?.id === 'string' ? body.id : header(answer.headers, 'x-restli-id');
      const urn =
        typeof body?.commentUrn === 'string'
          ? body.commentUrn
          : id === ''
            ? ''
            : commentUrnOf(post, id);
      if (urn === '')
        throw linkedinNoAnswer('LinkedIn created the comment without naming it', true);
      return { id: urn, ref: null };
    },

    async find(context, since, exclude) {
      const session = await deps.openSession(context.account);
      return findPart(api, session, context, since, exclude);
    },

    async remove(account, ref) {
      const session = await deps.openSession(account);
      const comment = commentParts(ref.id);
      const path =
        comment === null
          ? `/posts/${encodeUrn(ref.id)}`
          : `/socialActions/${encodeUrn(comment.post)}/comments/${encodeURIComponent(comment.id)}?actor=${encodeUrn(session.author)}`;
      try {
        await session.call((token) => api.rest(token, 'DELETE', path));
        return true;
      } catch (error) {
        // LinkedIn answers 404 for a post or comment that is already gone.
        if (gone(error)) return false;
        throw error;
      }
    },

    classify: classifyLinkedInError,

    url: (_account, ref) => postLink(ref.id),
  };
}
