// Mastodon behind the PublishPort: a part is one POST /api/v1/statuses (replying to the
// previous part) with its visibility and content warning, sent with the part's
// Idempotency-Key (chosen before the first attempt and reused by every retry, so a resend
// within the hour is the same status). masto sends it as it is (`requestInit.headers`);
// its one blind spot, HTML error pages, is read by outcomes.ts. Deleting is
// DELETE /api/v1/statuses/:id.
import crypto from 'node:crypto';
import { MastoHttpError } from 'masto';
import type { PublishPort } from '../port.ts';
import { checkMastodonThread } from './limits.ts';
import type { MediaUploads } from './media.ts';
import { classifyMastodonError } from './outcomes.ts';
import { createMastodonHold } from './hold.ts';
import { statusUrl } from './links.ts';
import { findStatus } from './reconcile.ts';
import type { OpenSession } from './session.ts';
import { optionsOf, statusParams } from './status-params.ts';

export function createMastodonPublish(deps: {
  openSession: OpenSession;
  media: MediaUploads;
}): PublishPort {
  return {
    hold: createMastodonHold(deps),

    check: (parts, account, options) => checkMastodonThread(parts, account, options),

    newKey: () => crypto.randomUUID(),

    prepareMedia: (context, onUploaded) => deps.media.prepare(context, onUploaded),

    forgetMedia: (account, media) => deps.media.forget(account, media),

    async send(context, media) {
      const session = await deps.openSession(context.account);
      const headers: Record<string, string> =
        context.key === null ? {} : { 'Idempotency-Key': context.key };
      const status = await session.call((masto) =>
        masto.v1.statuses.create(statusParams(context, media as string[]), {
          requestInit: { headers },
        }),
      );
      deps.media.attached(context);
      return { id: status.id, ref: null };
    },

    async find(context, since, exclude) {
      const session = await deps.openSession(context.account);
      return findStatus(session, context, optionsOf(context).contentWarning, since, exclude);
    },

    async remove(account, ref) {
      const session = await deps.openSession(account);
      try {
        await session.call((masto) => masto.v1.statuses.$select(ref.id).remove());
        return true;
      } catch (error) {
        // The instance answers 404 for a status that is already gone.
        if (error instanceof MastoHttpError && error.statusCode === 404) return false;
        throw error;
      }
    },

    classify: classifyMastodonError,

    url: statusUrl,
  };
}
