// Mastodon's scheduled statuses behind the HoldPort: POST /api/v1/statuses with
// scheduled_at (at least 5 minutes ahead), PUT and DELETE /api/v1/scheduled_statuses/:id,
// and GET to ask whether the instance still holds it. The Idempotency-Key works here as
// for a status, so a hand-off retried within the hour is the same scheduled status; after
// that the instance has forgotten the key (and keeps none in the scheduled status's params),
// so `find` looks the first one up by its time and content instead.
import { MastoHttpError, type mastodon } from 'masto';
import type { HoldPort } from '../port.ts';
import type { MediaUploads } from './media.ts';
import { optionsOf, statusParams } from './status-params.ts';
import type { OpenSession } from './session.ts';

/** ScheduledStatus validates scheduled_at as "at least 5 minutes into the future". */
const minLeadMs = 5 * 60_000;

/** GET /api/v1/scheduled_statuses gives at most 40 a page (an account may have 300). */
const pageSize = 40;

/** A param as text: the instance keeps null for one not sent (a status of media only). */
const given = (value: string | null | undefined): string => value ?? '';

/** A held status as `find` compares it: its text, content warning and number of media. */
const lookOf = (
  text: string | null | undefined,
  warning: string | null | undefined,
  media: number,
) => JSON.stringify([given(text).trim(), given(warning), media]);

const gone = (error: unknown) => error instanceof MastoHttpError && error.statusCode === 404;

export function createMastodonHold(deps: {
  openSession: OpenSession;
  media: MediaUploads;
}): HoldPort {
  /** Runs `call`; false when the instance no longer has the scheduled status. */
  async function unlessGone(call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      if (gone(error)) return false;
      throw error;
    }
  }

  return {
    minLeadMs,

    refuses: (parts) =>
      parts.length > 1
        ? 'Mastodon holds single posts only: the replies of a thread need the posts they answer, so Starling publishes threads itself.'
        : null,

    async hold(context, media, at) {
      const session = await deps.openSession(context.account);
      const headers: Record<string, string> =
        context.key === null ? {} : { 'Idempotency-Key': context.key };
      const scheduled = await session.call((masto) =>
        masto.v1.statuses.create(
          { ...statusParams(context, media as string[]), scheduledAt: new Date(at).toISOString() },
          { requestInit: { headers } },
        ),
      );
      deps.media.attached(context);
      return scheduled.id;
    },

    async move(account, holdId, at) {
      const session = await deps.openSession(account);
      return unlessGone(() =>
        session.call((masto) =>
          masto.v1.scheduledStatuses
            .$select(holdId)
            .update({ scheduledAt: new Date(at).toISOString() }),
        ),
      );
    },

    async release(account, holdId) {
      const session = await deps.openSession(account);
      return unlessGone(() =>
        session.call((masto) => masto.v1.scheduledStatuses.$select(holdId).remove()),
      );
    },

    async holds(account, holdId) {
      const session = await deps.openSession(account);
      return unlessGone(() =>
        session.call((masto) => masto.v1.scheduledStatuses.$select(holdId).fetch()),
      );
    },

    look: (context) =>
      lookOf(context.part.text, optionsOf(context).contentWarning, context.part.media.length),

    async find(context, look, at, exclude) {
      const session = await deps.openSession(context.account);
      // As statusParams sent it; the instance keeps the params as given.
      const same = (s: mastodon.v1.ScheduledStatus) =>
        !exclude.has(s.id) &&
        Math.abs(Date.parse(s.scheduledAt) - at) < 1000 &&
        s.params.inReplyToId == null &&
        lookOf(s.params.text, s.params.spoilerText, s.params.mediaIds?.length ?? 0) === look;
      const found = await session.call(async (masto) => {
        for await (const page of masto.v1.scheduledStatuses.list({ limit: pageSize })) {
          const match = page.find(same);
          if (match !== undefined) return match;
        }
        return null;
      });
      if (found === null) return null;
      deps.media.attached(context);
      return found.id;
    },
  };
}
