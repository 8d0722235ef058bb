// Scheduled statuses: creation from POST /api/v1/statuses with scheduled_at, the
// /api/v1/scheduled_statuses endpoints, and publishing once the fake clock reaches them.
import type { FakeRequest } from '../http-kit/request.ts';
import { compareIds } from './ids.ts';
import { paginate } from './pagination.ts';
import { readBody, text, unparsable } from './params.ts';
import { apiError, json, notFound, validationFailed, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import {
  checkMedia,
  createStatus,
  replyTarget,
  validateStatus,
  type StatusInput,
} from './status-rules.ts';
import { scheduledView } from './status-view.ts';
import type { ScheduledRecord, StatusRecord, Store } from './store.ts';
import type { Visibility } from './types.ts';

const minOffsetMs = 5 * 60 * 1000;
const totalLimit = 300;
const dailyLimit = 25;
const tooSoon = 'Scheduled at The scheduled date must be in the future';

function pending(store: Store, accountId: string): ScheduledRecord[] {
  return [...store.scheduled.values()].filter(
    (s) => s.accountId === accountId && s.state === 'scheduled',
  );
}

/** ScheduledStatus model validations, as Rails' full messages. */
function scheduleErrors(store: Store, accountId: string, at: number, self?: string): string[] {
  const others = pending(store, accountId).filter((s) => s.id !== self);
  const day = new Date(at).toISOString().slice(0, 10);
  const errors: string[] = [];
  if (at <= store.clock.now() + minOffsetMs) errors.push(tooSoon);
  if (self === undefined && others.length >= totalLimit) {
    errors.push(`You have exceeded the limit of ${totalLimit} scheduled posts`);
  }
  const sameDay = others.filter((s) => new Date(s.scheduledAt).toISOString().startsWith(day));
  if (self === undefined && sameDay.length >= dailyLimit) {
    errors.push(`You have exceeded the limit of ${dailyLimit} scheduled posts for today`);
  }
  return errors;
}

export function scheduleStatus(
  store: Store,
  opts: {
    userId: string;
    applicationId: string | null;
    input: StatusInput;
    /** Whether the request had a status text at all. */
    textGiven: boolean;
    inReplyTo: StatusRecord | null;
    scheduledAt: number;
    key: string | null;
  },
): Reply {
  const { input } = opts;
  // PostStatusService raises a bare RecordInvalid when the status itself would not save.
  if (Array.isArray(validateStatus(store, input, opts.inReplyTo))) {
    return apiError(422, 'Record invalid');
  }
  const errors = scheduleErrors(store, opts.userId, opts.scheduledAt);
  if (errors.length > 0) return validationFailed(...errors);
  const record: ScheduledRecord = {
    id: store.nextSerial(),
    accountId: opts.userId,
    applicationId: opts.applicationId,
    scheduledAt: opts.scheduledAt,
    params: {
      text: opts.textGiven ? input.text : null,
      mediaIds: input.mediaIds.length === 0 ? null : [...input.mediaIds],
      sensitive: input.sensitive ?? null,
      spoilerText: input.spoilerText ?? null,
      visibility: (input.visibility ?? null) as Visibility | null,
      language: input.language ?? null,
      inReplyToId: opts.inReplyTo?.id ?? null,
    },
    idempotencyKey: opts.key,
    state: 'scheduled',
    statusId: null,
    createdAt: store.clock.now(),
  };
  store.scheduled.set(record.id, record);
  for (const id of input.mediaIds) {
    const media = store.media.get(id);
    if (media !== undefined) media.scheduledStatusId = record.id;
  }
  if (opts.key !== null) store.remember(opts.userId, opts.key, record.id);
  return json(200, scheduledView(store, record));
}

/** PublishScheduledStatusWorker: a status that can no longer be posted is dropped silently. */
function publish(store: Store, record: ScheduledRecord): StatusRecord | null {
  const p = record.params;
  const thread = replyTarget(store, p.inReplyToId, record.accountId);
  const mediaIds = p.mediaIds ?? [];
  for (const id of mediaIds) {
    const media = store.media.get(id);
    if (media !== undefined) media.scheduledStatusId = null;
  }
  const input: StatusInput = {
    text: p.text ?? '',
    spoilerText: p.spoilerText ?? undefined,
    sensitive: p.sensitive ?? undefined,
    visibility: p.visibility ?? undefined,
    language: p.language ?? undefined,
    inReplyToId: p.inReplyToId,
    mediaIds,
  };
  if ('reply' in thread || checkMedia(store, record.accountId, mediaIds) !== null) return null;
  const valid = validateStatus(store, input, thread.target);
  if (Array.isArray(valid)) return null;
  return createStatus(store, {
    accountId: record.accountId,
    applicationId: record.applicationId,
    valid,
    idempotencyKey: null,
    scheduledAt: record.scheduledAt,
  });
}

/** Publishes every scheduled status whose time has come, oldest first. */
export function publishDue(store: Store): StatusRecord[] {
  const due = [...store.scheduled.values()]
    .filter((s) => s.state === 'scheduled' && s.scheduledAt <= store.clock.now())
    .sort((a, b) => a.scheduledAt - b.scheduledAt);
  const published: StatusRecord[] = [];
  for (const record of due) {
    const status = publish(store, record);
    record.state = status === null ? 'failed' : 'published';
    record.statusId = status?.id ?? null;
    if (status !== null) published.push(status);
  }
  return published;
}

function own(store: Store, req: FakeRequest, userId: string): ScheduledRecord | undefined {
  const record = store.scheduled.get(req.params.id ?? '');
  return record?.accountId === userId && record.state === 'scheduled' ? record : undefined;
}

function index(store: Store, req: FakeRequest, userId: string): Reply {
  const all = pending(store, userId).sort((a, b) => compareIds(b.id, a.id));
  const page = paginate(req, store.origin, all);
  const headers: Record<string, string> = page.link === null ? {} : { link: page.link };
  return json(
    200,
    page.items.map((s) => scheduledView(store, s)),
    headers,
  );
}

function reschedule(store: Store, req: FakeRequest, userId: string): Reply {
  const record = own(store, req, userId);
  if (record === undefined) return notFound();
  const body = readBody(req);
  if (body === null) return apiError(400, unparsable);
  const raw = text(body.params, 'scheduled_at');
  if (raw === undefined) return json(200, scheduledView(store, record));
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return validationFailed(tooSoon);
  const errors = scheduleErrors(store, userId, at, record.id);
  if (errors.length > 0) return validationFailed(...errors);
  record.scheduledAt = at;
  return json(200, scheduledView(store, record));
}

function cancel(store: Store, req: FakeRequest, userId: string): Reply {
  const record = own(store, req, userId);
  if (record === undefined) return notFound();
  record.state = 'cancelled';
  for (const media of store.media.values()) {
    if (media.scheduledStatusId === record.id) media.scheduledStatusId = null;
  }
  return json(200, {});
}

export function scheduledRoutes(store: Store): Route[] {
  const read = ['read', 'read:statuses'];
  const write = ['write', 'write:statuses'];
  const path = '/api/v1/scheduled_statuses/:id';
  return [
    {
      kind: 'user',
      method: 'GET',
      pattern: '/api/v1/scheduled_statuses',
      scopes: read,
      handle: (r, p) => index(store, r, p.userId ?? ''),
    },
    {
      kind: 'user',
      method: 'GET',
      pattern: path,
      scopes: read,
      handle: (r, p) => {
        const record = own(store, r, p.userId ?? '');
        return record === undefined ? notFound() : json(200, scheduledView(store, record));
      },
    },
    {
      kind: 'user',
      method: 'PUT',
      pattern: path,
      scopes: write,
      handle: (r, p) => reschedule(store, r, p.userId ?? ''),
    },
    {
      kind: 'user',
      method: 'DELETE',
      pattern: path,
      scopes: write,
      handle: (r, p) => cancel(store, r, p.userId ?? ''),
    },
  ];
}
