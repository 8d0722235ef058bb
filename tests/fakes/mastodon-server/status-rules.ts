// What PostStatusService and the Status model check before a status exists (media,
// blank text, length, visibility) and how one is created; scheduled publishing reuses it.
import { maxMediaAttachments } from './instance.ts';
import { apiError, validationFailed, type Reply } from './replies.ts';
import { countCharacters } from './status-text.ts';
import { isProcessing } from './status-view.ts';
import type { StatusRecord, Store } from './store.ts';
import type { Visibility } from './types.ts';

export const inReplyNotFound = 'The post you are trying to reply to does not appear to exist.';

const visibilities: readonly string[] = ['public', 'unlisted', 'private', 'direct'];

/** The status parameters as the API received them. */
export interface StatusInput {
  text: string;
  spoilerText: string | undefined;
  sensitive: boolean | undefined;
  visibility: string | undefined;
  language: string | undefined;
  inReplyToId: string | null;
  mediaIds: string[];
}

/** A status that passed validation, ready to be stored. */
export interface ValidStatus {
  text: string;
  spoilerText: string;
  sensitive: boolean;
  visibility: Visibility;
  language: string;
  inReplyTo: StatusRecord | null;
  mediaIds: string[];
}

export function canSee(status: StatusRecord, viewerId: string | null): boolean {
  return (
    status.visibility === 'public' ||
    status.visibility === 'unlisted' ||
    status.accountId === viewerId
  );
}

/** The status being replied to, or Mastodon's 404 (checked before anything else). */
export function replyTarget(
  store: Store,
  id: string | null,
  viewerId: string,
): { target: StatusRecord | null } | { reply: Reply } {
  if (id === null) return { target: null };
  const target = store.liveStatus(id);
  if (target === undefined || !canSee(target, viewerId)) {
    return { reply: apiError(404, inReplyNotFound) };
  }
  return { target };
}

/** validate_media!: raw messages, without the "Validation failed" prefix. */
export function checkMedia(store: Store, accountId: string, ids: readonly string[]): Reply | null {
  if (ids.length === 0) return null;
  if (ids.length > maxMediaAttachments) {
    return apiError(422, `Cannot attach more than ${maxMediaAttachments} files`);
  }
  const found = ids.flatMap((id) => {
    const media = store.media.get(id);
    return media?.accountId === accountId && media.statusId === null ? [media] : [];
  });
  const missing = ids.filter((id) => !found.some((m) => m.id === id));
  if (missing.length > 0) {
    return apiError(
      422,
      `Media ${missing.join(', ')} not found or already attached to another post`,
    );
  }
  if (found.length > 1 && found.some((m) => m.type !== 'image')) {
    return apiError(422, 'Cannot attach a video to a post that already contains images');
  }
  if (found.some(isProcessing)) {
    return apiError(
      422,
      'Cannot attach files that have not finished processing. Try again in a moment!',
    );
  }
  return null;
}

/** The Status model's validations; the messages Rails would join after "Validation failed". */
export function validateStatus(
  store: Store,
  input: StatusInput,
  inReplyTo: StatusRecord | null,
): ValidStatus | string[] {
  let text = input.text;
  let spoilerText = input.spoilerText ?? '';
  // A status with only a content warning posts the warning as its text.
  if (text.trim() === '' && spoilerText.trim() !== '') {
    text = spoilerText;
    spoilerText = '';
  }
  const errors: string[] = [];
  if (text.trim() === '' && input.mediaIds.length === 0) errors.push("Text can't be blank");
  if (countCharacters(text, spoilerText) > store.maxCharacters) {
    errors.push(`Text character limit of ${store.maxCharacters} exceeded`);
  }
  const visibility = input.visibility ?? 'public';
  if (!visibilities.includes(visibility)) errors.push('Visibility is not included in the list');
  if (errors.length > 0) return errors;
  const language = input.language ?? '';
  return {
    text,
    spoilerText,
    sensitive: (input.sensitive ?? false) || spoilerText !== '',
    visibility: visibility as Visibility,
    language: /^[a-z]{2,3}$/.test(language) ? language : 'en',
    inReplyTo,
    mediaIds: [...input.mediaIds],
  };
}

export const statusInvalid = (errors: string[]): Reply => validationFailed(...errors);

export function createStatus(
  store: Store,
  opts: {
    accountId: string;
    applicationId: string | null;
    valid: ValidStatus;
    idempotencyKey: string | null;
    scheduledAt: number | null;
  },
): StatusRecord {
  const { valid } = opts;
  const status: StatusRecord = {
    id: store.nextId(),
    accountId: opts.accountId,
    applicationId: opts.applicationId,
    text: valid.text,
    spoilerText: valid.spoilerText,
    sensitive: valid.sensitive,
    visibility: valid.visibility,
    language: valid.language,
    inReplyToId: valid.inReplyTo?.id ?? null,
    inReplyToAccountId: valid.inReplyTo?.accountId ?? null,
    mediaIds: valid.mediaIds,
    idempotencyKey: opts.idempotencyKey,
    scheduledAt: opts.scheduledAt,
    // A scheduled status is published at its time, however late the fake notices.
    createdAt: opts.scheduledAt ?? store.clock.now(),
    deleted: false,
    counts: { favourites: 0, reblogs: 0, replies: 0 },
  };
  store.statuses.set(status.id, status);
  for (const id of valid.mediaIds) {
    const media = store.media.get(id);
    if (media !== undefined) media.statusId = status.id;
  }
  // Mastodon counts a reply on its parent only when the reply is distributable.
  if (
    valid.inReplyTo !== null &&
    (status.visibility === 'public' || status.visibility === 'unlisted')
  ) {
    valid.inReplyTo.counts.replies += 1;
  }
  return status;
}
