// X behind the PublishPort: a part is one POST /2/tweets (replying to the previous part),
// its media uploaded or reused per account first; posting is not idempotent on X, so an
// ambiguous attempt is looked for on the account's timeline (reconcile.ts). Deleting is
// DELETE /2/tweets/:id.
import type { Kysely } from 'kysely';
import type { SendTweetV2Params } from 'twitter-api-v2';
import { isXResponseError } from './x-api.ts';
import type { Schema } from '../../db/schema.ts';
import type { PartContext, PlatformAccount, PublishPort, RemoteRef } from '../port.ts';
import { accountCall } from './account-call.ts';
import { checkXThread } from './limits.ts';
import type { UploadOptions } from './media-upload.ts';
import { classifyXError } from './outcomes.ts';
import { ensurePartMedia, forgetUploads } from './publish-media.ts';
import { findPostedPart, TimelineBeyondReach } from './reconcile.ts';
import type { XClients } from './x-clients.ts';

export const statusUrl = (handle: string, id: string): string =>
  `https://x.com/${encodeURIComponent(handle)}/status/${id}`;

export function createXPublish(deps: {
  db: Kysely<Schema>;
  xClients: XClients;
  upload: UploadOptions;
}): PublishPort {
  return {
    check: (parts) => checkXThread(parts),

    prepareMedia: (context, onUploaded) =>
      ensurePartMedia(
        {
          db: deps.db,
          call: accountCall(deps.xClients, context.account.id),
          accountId: context.account.id,
          upload: deps.upload,
          onUploaded,
        },
        context.part.media,
      ),

    forgetMedia: (account, media) => forgetUploads(deps.db, account.id, media),

    async send(context, media) {
      const call = accountCall(deps.xClients, context.account.id);
      const result = await call((client) =>
        client.v2.tweet(tweetPayload(context, media as string[])),
      );
      return { id: result.data.id, ref: null };
    },

    async find(context, since, exclude) {
      const call = accountCall(deps.xClients, context.account.id);
      try {
        const found = await call((client) =>
          findPostedPart(client, {
            userId: context.account.platformUserId,
            text: context.part.text,
            hasMedia: context.part.media.length > 0,
            inReplyTo: context.parent?.id ?? null,
            since,
            excludeIds: exclude,
          }),
        );
        return found === null ? null : { id: found, ref: null };
      } catch (error) {
        if (!(error instanceof TimelineBeyondReach)) throw error;
        const profile = `https://x.com/${encodeURIComponent(context.account.handle)}`;
        return { unknowable: true, reason: error.message, reviewUrl: profile };
      }
    },

    async remove(account, ref) {
      const call = accountCall(deps.xClients, account.id);
      try {
        await call((client) => client.v2.deleteTweet(ref.id));
        return true;
      } catch (error) {
        // X answers 404 for a post that is already gone.
        if (isXResponseError(error) && error.code === 404) return false;
        throw error;
      }
    },

    classify: classifyXError,

    url: (account: PlatformAccount, ref: RemoteRef) => statusUrl(account.handle, ref.id),
  };
}

function tweetPayload(context: PartContext, mediaIds: string[]): SendTweetV2Params {
  const payload: SendTweetV2Params = {};
  const { part, parent } = context;
  if (part.text.trim() !== '') payload.text = part.text;
  if (parent !== null) payload.reply = { in_reply_to_tweet_id: parent.id };
  if (mediaIds.length > 0) {
    // Validation allows at most 4 media per part, the tuple X's type spells out.
    payload.media = { media_ids: mediaIds as [string] };
  }
  return payload;
}
