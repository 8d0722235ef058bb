// v2 media upload as twitter-api-v2 1.29 drives it: initialize, multipart append,
// finalize, status polling for video and GIF processing, and alt text metadata.
import { checkAfterSecs, isExpired, mediaKind, mediaState, type MediaKind } from './media-state.ts';
import { boundaryOf, parseMultipart } from '../http-kit/multipart.ts';
import { invalidRequest, json, type Reply } from './replies.ts';
import { jsonBody, type FakeRequest } from '../http-kit/request.ts';
import type { Route } from './router.ts';
import type { MediaRecord, Store } from './store.ts';
import type { FakeMedia } from './types.ts';

export const mediaLifetimeSecs = 24 * 60 * 60;
const mb = 1024 * 1024;
const maxBytes: Record<MediaKind, number> = { image: 5 * mb, gif: 15 * mb, video: 512 * mb };
const maxSegmentBytes = 5 * mb;
const keyPrefix: Record<MediaKind, string> = { image: '3_', gif: '16_', video: '7_' };
const mediaTypes = [
  'image/jpeg',
  'image/pjpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/bmp',
  'image/tiff',
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'video/mp2t',
];
const categories = ['tweet_image', 'tweet_gif', 'tweet_video', 'amplify_video'];
const scopes = ['media.write'];

const bad = (parameter: string, value: string, message: string): Reply =>
  invalidRequest({ parameters: { [parameter]: [value] }, message });

function defaultCategory(mediaType: string): string {
  if (mediaType === 'image/gif') return 'tweet_gif';
  return mediaType.startsWith('video/') ? 'tweet_video' : 'tweet_image';
}

function received(media: MediaRecord): number {
  let total = 0;
  for (const chunk of media.segments.values()) total += chunk.length;
  return total;
}

/** The caller's live upload with this id, or X's 400. */
function ownUpload(store: Store, id: string, userId: string): MediaRecord | Reply {
  const media = store.media.get(id);
  if (media === undefined || !media.ownerIds.includes(userId) || isExpired(store, media)) {
    return bad('media_id', id, `The media_id [${id}] is not valid or has expired.`);
  }
  return media;
}

function initialize(store: Store, req: FakeRequest, userId: string): Reply {
  const body = jsonBody(req);
  if (body === null) return invalidRequest({ message: 'Request body is not valid JSON.' });
  const mediaType = typeof body.media_type === 'string' ? body.media_type : '';
  if (!mediaTypes.includes(mediaType)) {
    return bad('media_type', mediaType, `The media_type [${mediaType}] is not supported.`);
  }
  const totalBytes = Number(body.total_bytes);
  if (!Number.isInteger(totalBytes) || totalBytes <= 0) {
    return bad(
      'total_bytes',
      JSON.stringify(body.total_bytes),
      '`total_bytes` must be a positive integer.',
    );
  }
  const category =
    typeof body.media_category === 'string' ? body.media_category : defaultCategory(mediaType);
  if (!categories.includes(category)) {
    return bad('media_category', category, `The media_category [${category}] is not supported.`);
  }
  const kind = mediaKind({ mediaType, mediaCategory: category });
  if (totalBytes > maxBytes[kind]) {
    return bad('total_bytes', String(totalBytes), `File size exceeds ${maxBytes[kind]} bytes.`);
  }
  const owners = Array.isArray(body.additional_owners)
    ? body.additional_owners.filter((o): o is string => typeof o === 'string')
    : typeof body.additional_owners === 'string'
      ? body.additional_owners.split(',')
      : [];
  const id = store.nextId();
  const now = store.clock.now();
  const media: MediaRecord = {
    id,
    mediaKey: keyPrefix[kind] + id,
    ownerIds: [userId, ...owners],
    mediaType,
    mediaCategory: category,
    totalBytes,
    segments: new Map(),
    state: 'uploading',
    pollSteps: 0,
    finalizedAt: null,
    willFail: false,
    altText: null,
    createdAt: now,
    expiresAt: now + mediaLifetimeSecs * 1000,
  };
  store.media.set(id, media);
  return json(200, {
    data: { id, media_key: media.mediaKey, expires_after_secs: mediaLifetimeSecs },
  });
}

/** segment_index and the chunk, from a multipart body (the library) or JSON with base64. */
function readSegment(req: FakeRequest): { index: string; chunk: Buffer } | null {
  const boundary = boundaryOf(req.headers['content-type']);
  if (boundary !== null) {
    const parts = parseMultipart(req.body, boundary);
    const media = parts?.find((p) => p.name === 'media');
    const index = parts?.find((p) => p.name === 'segment_index');
    return media && index ? { index: index.data.toString('utf8'), chunk: media.data } : null;
  }
  const body = jsonBody(req);
  if (body === null || typeof body.media !== 'string') return null;
  return { index: String(body.segment_index), chunk: Buffer.from(body.media, 'base64') };
}

function append(store: Store, req: FakeRequest, userId: string): Reply {
  const media = ownUpload(store, req.params.id ?? '', userId);
  if (!('id' in media)) return media;
  if (media.state !== 'uploading')
    return bad('media_id', media.id, 'This upload was already finalized.');
  const segment = readSegment(req);
  if (segment === null)
    return invalidRequest({ message: 'Expected `segment_index` and `media` parts.' });
  const index = Number(segment.index);
  if (!/^\d+$/.test(segment.index) || index > 999) {
    return bad('segment_index', segment.index, '`segment_index` must be between 0 and 999.');
  }
  if (segment.chunk.length === 0 || segment.chunk.length > maxSegmentBytes) {
    return bad(
      'media',
      String(segment.chunk.length),
      `A segment holds 1 to ${maxSegmentBytes} bytes.`,
    );
  }
  const before = media.segments.get(index)?.length ?? 0;
  if (received(media) - before + segment.chunk.length > media.totalBytes) {
    return bad(
      'media',
      String(segment.chunk.length),
      'Segments exceed the total_bytes given at initialize.',
    );
  }
  media.segments.set(index, Buffer.from(segment.chunk));
  return json(200, { data: { expires_at: Math.floor(media.expiresAt / 1000) } });
}

function processingInfo(store: Store, media: MediaRecord) {
  const state = mediaState(store, media);
  switch (state) {
    case 'pending':
      return { state, check_after_secs: checkAfterSecs };
    case 'in_progress':
      return { state, check_after_secs: checkAfterSecs, progress_percent: 50 };
    case 'succeeded':
      return { state, progress_percent: 100 };
    case 'failed':
      return {
        state,
        progress_percent: 50,
        error: { code: 1, name: 'InvalidMedia', message: 'Unsupported video format' },
      };
    case 'uploading':
      return undefined;
  }
}

function describeMedia(store: Store, media: MediaRecord) {
  const processed = media.state === 'finalized';
  return {
    id: media.id,
    media_key: media.mediaKey,
    size: media.totalBytes,
    expires_after_secs: Math.max(0, Math.floor((media.expiresAt - store.clock.now()) / 1000)),
    ...(processed ? { processing_info: processingInfo(store, media) } : {}),
  };
}

function finalize(store: Store, req: FakeRequest, userId: string): Reply {
  const media = ownUpload(store, req.params.id ?? '', userId);
  if (!('id' in media)) return media;
  if (media.state !== 'uploading')
    return bad('media_id', media.id, 'This upload was already finalized.');
  if (received(media) !== media.totalBytes) {
    return bad('media_id', media.id, 'Segments do not add up to provided total file size.');
  }
  if (mediaKind(media) === 'image') {
    media.state = 'succeeded';
  } else {
    media.state = 'finalized';
    media.finalizedAt = store.clock.now();
    media.willFail = store.failNextProcessing;
    store.failNextProcessing = false;
  }
  return json(200, { data: describeMedia(store, media) });
}

function status(store: Store, req: FakeRequest, userId: string): Reply {
  const command = req.query.get('command') ?? 'STATUS';
  if (command !== 'STATUS') return bad('command', command, 'GET supports command=STATUS only.');
  const media = ownUpload(store, req.query.get('media_id') ?? '', userId);
  if (!('id' in media)) return media;
  if (media.state === 'uploading')
    return bad('media_id', media.id, 'This upload is not finalized.');
  const current = mediaState(store, media);
  if (media.state === 'finalized' && (current === 'pending' || current === 'in_progress')) {
    media.pollSteps += 1;
  }
  return json(200, { data: describeMedia(store, media) });
}

function metadata(store: Store, req: FakeRequest, userId: string): Reply {
  const body = jsonBody(req);
  if (body === null) return invalidRequest({ message: 'Request body is not valid JSON.' });
  const id = typeof body.id === 'string' ? body.id : '';
  const media = ownUpload(store, id, userId);
  if (!('id' in media)) return media;
  const meta = body.metadata as { alt_text?: { text?: unknown } } | undefined;
  const text = meta?.alt_text?.text;
  if (typeof text !== 'string')
    return bad('metadata.alt_text.text', '', '`alt_text.text` is required.');
  if (Array.from(text).length > 1000) {
    return bad('metadata.alt_text.text', text, 'Alt text can hold at most 1000 characters.');
  }
  media.altText = text;
  return json(200, { data: { id, associated_metadata: { alt_text: { text } } } });
}

export function publicMedia(store: Store, media: MediaRecord): FakeMedia {
  const data = Buffer.concat(
    [...media.segments].sort(([a], [b]) => a - b).map(([, chunk]) => chunk),
  );
  return {
    id: media.id,
    mediaKey: media.mediaKey,
    ownerId: media.ownerIds[0] ?? '',
    mediaType: media.mediaType,
    mediaCategory: media.mediaCategory,
    totalBytes: media.totalBytes,
    data,
    state: mediaState(store, media),
    altText: media.altText,
    createdAt: media.createdAt,
    expiresAt: media.expiresAt,
  };
}

export function mediaRoutes(store: Store): Route[] {
  return [
    {
      kind: 'user',
      method: 'POST',
      pattern: '/2/media/upload/initialize',
      endpoint: 'POST /2/media/upload/initialize',
      scopes,
      handle: (req, me) => initialize(store, req, me.userId),
    },
    {
      kind: 'user',
      method: 'POST',
      pattern: '/2/media/upload/:id/append',
      endpoint: 'POST /2/media/upload/:id/append',
      scopes,
      handle: (req, me) => append(store, req, me.userId),
    },
    {
      kind: 'user',
      method: 'POST',
      pattern: '/2/media/upload/:id/finalize',
      endpoint: 'POST /2/media/upload/:id/finalize',
      scopes,
      handle: (req, me) => finalize(store, req, me.userId),
    },
    {
      kind: 'user',
      method: 'GET',
      pattern: '/2/media/upload',
      endpoint: 'GET /2/media/upload',
      scopes,
      handle: (req, me) => status(store, req, me.userId),
    },
    {
      kind: 'user',
      method: 'POST',
      pattern: '/2/media/metadata',
      endpoint: 'POST /2/media/metadata',
      scopes,
      handle: (req, me) => metadata(store, req, me.userId),
    },
  ];
}
