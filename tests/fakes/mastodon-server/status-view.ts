// The Status, MediaAttachment and ScheduledStatus entities as the REST API serialises them.
import { accountView } from './account-view.ts';
import { formatContent } from './status-text.ts';
import type { MediaRecord, ScheduledRecord, StatusRecord, Store } from './store.ts';

const extensions: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/heic': 'jpg',
  'image/heif': 'jpg',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
};

export const isProcessing = (media: MediaRecord): boolean => media.pollsLeft > 0;

/** Where Mastodon's Paperclip stores a file: the id in groups of three digits. */
function fileUrl(origin: string, media: MediaRecord, style: 'original' | 'small'): string {
  const groups = media.id.padStart(Math.ceil(media.id.length / 3) * 3, '0').match(/\d{3}/g) ?? [];
  // Videos and GIFs are transcoded to MP4; their previews are stills.
  const converted = media.type === 'video' || media.type === 'gifv' ? 'mp4' : undefined;
  const ext =
    style === 'small' && media.type !== 'image'
      ? 'png'
      : (converted ?? extensions[media.mimeType] ?? 'bin');
  return `${origin}/system/media_attachments/files/${groups.join('/')}/${style}/${media.id}.${ext}`;
}

function metaOf(media: MediaRecord) {
  const focus = media.focus === null ? {} : { focus: media.focus };
  const small = { width: 640, height: 360, size: '640x360', aspect: 1.7777777777777777 };
  if (isProcessing(media)) return { ...focus, small };
  if (media.type === 'image') {
    const original = { width: 1280, height: 720, size: '1280x720', aspect: 1.7777777777777777 };
    return { ...focus, original, small };
  }
  const original = { width: 1280, height: 720, frame_rate: '30/1', duration: 5.0, bitrate: 800000 };
  return { ...focus, length: '0:00:05.00', duration: 5.0, original, small };
}

export function mediaView(store: Store, media: MediaRecord) {
  return {
    id: media.id,
    type: media.type,
    url: isProcessing(media) ? null : fileUrl(store.origin, media, 'original'),
    preview_url: fileUrl(store.origin, media, 'small'),
    remote_url: null,
    preview_remote_url: null,
    meta: metaOf(media),
    description: media.description,
    blurhash: 'UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}',
  };
}

function mediaList(store: Store, ids: readonly string[]) {
  return ids.flatMap((id) => {
    const media = store.media.get(id);
    return media === undefined ? [] : [mediaView(store, media)];
  });
}

function tagsOf(origin: string, text: string) {
  const names = [...text.matchAll(/(?:^|[^\w/])#(\w+)/g)].map((m) => (m[1] ?? '').toLowerCase());
  return [...new Set(names)].map((name) => ({ name, url: `${origin}/tags/${name}` }));
}

/** `source: true` adds `text`, as DELETE answers for delete-and-redraft. */
export function statusView(store: Store, status: StatusRecord, opts: { source?: boolean } = {}) {
  const user = store.user(status.accountId);
  const app = [...store.apps.values()].find((a) => a.id === status.applicationId);
  return {
    id: status.id,
    created_at: new Date(status.createdAt).toISOString(),
    in_reply_to_id: status.inReplyToId,
    in_reply_to_account_id: status.inReplyToAccountId,
    sensitive: status.sensitive,
    spoiler_text: status.spoilerText,
    visibility: status.visibility,
    language: status.language,
    uri: `${store.origin}/users/${user.username}/statuses/${status.id}`,
    url: `${store.origin}/@${user.username}/${status.id}`,
    replies_count: status.counts.replies,
    reblogs_count: status.counts.reblogs,
    favourites_count: status.counts.favourites,
    edited_at: null,
    favourited: false,
    reblogged: false,
    muted: false,
    bookmarked: false,
    pinned: false,
    content: formatContent(status.text, store.origin),
    ...(opts.source === true ? { text: status.text } : {}),
    filtered: [],
    reblog: null,
    application: app === undefined ? null : { name: app.name, website: app.website },
    account: accountView(store, user),
    media_attachments: mediaList(store, status.mediaIds),
    mentions: [],
    tags: tagsOf(store.origin, status.text),
    emojis: [],
    card: null,
    poll: null,
  };
}

export function scheduledView(store: Store, scheduled: ScheduledRecord) {
  const p = scheduled.params;
  return {
    id: scheduled.id,
    scheduled_at: new Date(scheduled.scheduledAt).toISOString(),
    params: {
      text: p.text,
      poll: null,
      media_ids: p.mediaIds,
      sensitive: p.sensitive,
      spoiler_text: p.spoilerText,
      visibility: p.visibility,
      language: p.language,
      scheduled_at: null,
      idempotency: null,
      with_rate_limit: false,
      // Stored as the integer column's value, so it is a JSON number, not a string.
      in_reply_to_id: p.inReplyToId === null ? null : BigInt(p.inReplyToId),
      application_id: scheduled.applicationId === null ? null : Number(scheduled.applicationId),
    },
    media_attachments: mediaList(store, p.mediaIds ?? []),
  };
}
