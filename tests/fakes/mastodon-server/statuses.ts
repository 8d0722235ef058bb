// POST /api/v1/statuses (Idempotency-Key, validation, scheduling), GET and DELETE
// /api/v1/statuses/:id, in the order Mastodon's controller and PostStatusService check.
import type { FakeRequest } from '../http-kit/request.ts';
import type { Principal } from './auth.ts';
import { flag, list, readBody, text, unparsable } from './params.ts';
import { apiError, json, notFound, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import { scheduleStatus } from './scheduled.ts';
import {
  canSee,
  checkMedia,
  createStatus,
  replyTarget,
  statusInvalid,
  validateStatus,
  type StatusInput,
} from './status-rules.ts';
import { scheduledView, statusView } from './status-view.ts';
import type { Store } from './store.ts';

const readScopes = ['read', 'read:statuses'];
const writeScopes = ['write', 'write:statuses'];
const minScheduleOffsetMs = 5 * 60 * 1000;

function idempotencyKeyOf(req: FakeRequest): string | null {
  const value = req.headers['idempotency-key'];
  const key = Array.isArray(value) ? value[0] : value;
  return key === undefined || key === '' ? null : key;
}

/** The earlier answer for a repeated Idempotency-Key, looked up as the new request's kind. */
function replay(store: Store, userId: string, id: string, scheduled: boolean): Reply {
  if (scheduled) {
    const found = store.scheduled.get(id);
    return found?.accountId === userId && found.state === 'scheduled'
      ? json(200, scheduledView(store, found))
      : notFound();
  }
  const status = store.liveStatus(id);
  return status?.accountId === userId ? json(200, statusView(store, status)) : notFound();
}

/** scheduled_at as PostStatusService reads it: null (post now), a time, or unparsable. */
function scheduledTime(store: Store, raw: string | undefined): number | null | 'invalid' {
  if (raw === undefined || raw === '') return null;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return 'invalid';
  // 4.3 posts a past time at once; before 4.3 anything under 5 minutes ahead did too.
  const postNowUntil = store.clock.now() + (store.modern ? 0 : minScheduleOffsetMs);
  return at <= postNowUntil ? null : at;
}

function create(store: Store, req: FakeRequest, principal: Principal): Reply {
  const userId = principal.userId ?? '';
  const body = readBody(req);
  if (body === null) return apiError(400, unparsable);
  const p = body.params;
  const thread = replyTarget(store, text(p, 'in_reply_to_id') || null, userId);
  if ('reply' in thread) return thread.reply;
  const inReplyTo = thread.target;
  const rawScheduledAt = text(p, 'scheduled_at');
  const key = idempotencyKeyOf(req);
  const remembered = key === null ? undefined : store.rememberedId(userId, key);
  if (remembered !== undefined) {
    return replay(store, userId, remembered, (rawScheduledAt ?? '') !== '');
  }
  const input: StatusInput = {
    text: text(p, 'status') ?? '',
    spoilerText: text(p, 'spoiler_text'),
    sensitive: flag(p, 'sensitive'),
    visibility: text(p, 'visibility') || undefined,
    language: text(p, 'language') || undefined,
    inReplyToId: inReplyTo?.id ?? null,
    mediaIds: list(p, 'media_ids'),
  };
  const mediaError = checkMedia(store, userId, input.mediaIds);
  if (mediaError !== null) return mediaError;
  const scheduledAt = scheduledTime(store, rawScheduledAt);
  if (scheduledAt === 'invalid') return apiError(422, 'Record invalid');
  const applicationId = store.apps.get(principal.clientId)?.id ?? null;
  if (scheduledAt !== null) {
    const textGiven = text(p, 'status') !== undefined;
    return scheduleStatus(store, {
      userId,
      applicationId,
      input,
      textGiven,
      inReplyTo,
      scheduledAt,
      key,
    });
  }
  const valid = validateStatus(store, input, inReplyTo);
  if (Array.isArray(valid)) return statusInvalid(valid);
  const status = createStatus(store, {
    accountId: userId,
    applicationId,
    valid,
    idempotencyKey: key,
    scheduledAt: null,
  });
  if (key !== null) store.remember(userId, key, status.id);
  return json(200, statusView(store, status));
}

function show(store: Store, req: FakeRequest, principal: Principal | null): Reply {
  const status = store.liveStatus(req.params.id ?? '');
  // Mastodon answers 404, not 403, for a status the caller may not see.
  if (status === undefined || !canSee(status, principal?.userId ?? null)) return notFound();
  return json(200, statusView(store, status));
}

function remove(store: Store, req: FakeRequest, principal: Principal): Reply {
  const status = store.liveStatus(req.params.id ?? '');
  if (status?.accountId !== principal.userId) return notFound();
  status.deleted = true;
  const parent = status.inReplyToId === null ? undefined : store.statuses.get(status.inReplyToId);
  const counted = status.visibility === 'public' || status.visibility === 'unlisted';
  if (parent !== undefined && counted)
    parent.counts.replies = Math.max(0, parent.counts.replies - 1);
  // The media stay the status's (kept about a day for delete-and-redraft).
  return json(200, statusView(store, status, { source: true }));
}

export function statusRoutes(store: Store): Route[] {
  return [
    {
      kind: 'user',
      method: 'POST',
      pattern: '/api/v1/statuses',
      scopes: writeScopes,
      handle: (r, p) => create(store, r, p),
    },
    {
      kind: 'optional',
      method: 'GET',
      pattern: '/api/v1/statuses/:id',
      scopes: readScopes,
      handle: (r, p) => show(store, r, p),
    },
    {
      kind: 'user',
      method: 'DELETE',
      pattern: '/api/v1/statuses/:id',
      scopes: writeScopes,
      handle: (r, p) => remove(store, r, p),
    },
  ];
}
