// Media uploads: POST /api/v2/media (images processed at once and answered 200; video,
// gifv and audio answered 202 and polled with GET /api/v1/media/:id until 200), the
// deprecated synchronous v1 upload, and PUT /api/v1/media/:id for alt text and focus.
import type { FakeRequest } from '../http-kit/request.ts';
import type { Principal } from './auth.ts';
import {
  descriptionLimit,
  imageSizeLimit,
  supportedMimeTypes,
  videoSizeLimit,
} from './instance.ts';
import { readBody, text, unparsable, type Params } from './params.ts';
import { apiError, json, notFound, validationFailed, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import { isProcessing, mediaView } from './status-view.ts';
import type { MediaRecord, Store } from './store.ts';

const scopes = ['write', 'write:media'];

/** "x,y" as Mastodon reads it: two floats, anything unreadable as 0. */
function parseFocus(raw: string): { x: number; y: number } {
  const [x = 0, y = 0] = raw.split(',').map((n) => {
    const value = Number.parseFloat(n);
    return Number.isFinite(value) ? value : 0;
  });
  return { x, y };
}

/** Description and focus from a body; an error message when the description is too long. */
function applyMeta(media: MediaRecord, params: Params): string | null {
  const description = text(params, 'description');
  // Rails' length validator counts code points, as Ruby's String#length does.
  if (description !== undefined && Array.from(description).length > descriptionLimit) {
    return `Description is too long (maximum is ${descriptionLimit} characters)`;
  }
  if (description !== undefined) media.description = description === '' ? null : description;
  const focus = text(params, 'focus');
  if (focus !== undefined && focus !== '') media.focus = parseFocus(focus);
  return null;
}

function upload(store: Store, req: FakeRequest, userId: string, version: 1 | 2): Reply {
  const body = readBody(req);
  if (body === null) return apiError(400, unparsable);
  const file = body.files.find((f) => f.name === 'file');
  if (file === undefined) return validationFailed("File can't be blank");
  const mimeType = (file.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const type = supportedMimeTypes[mimeType];
  if (type === undefined)
    return validationFailed('File content type is invalid', 'File is invalid');
  const limit = type === 'image' ? imageSizeLimit : videoSizeLimit;
  if (file.data.length > limit) {
    return validationFailed(`File file size must be less than ${limit / (1024 * 1024)} MB`);
  }
  const media: MediaRecord = {
    id: store.nextId(),
    accountId: userId,
    type,
    mimeType,
    size: file.data.length,
    description: null,
    focus: null,
    // Since 4.0 images are processed during the upload; v1 waits for everything.
    pollsLeft: type === 'image' || version === 1 ? 0 : store.mediaProcessingPolls,
    statusId: null,
    scheduledStatusId: null,
    createdAt: store.clock.now(),
  };
  const invalid = applyMeta(media, body.params);
  if (invalid !== null) return validationFailed(invalid);
  store.media.set(media.id, media);
  const view = mediaView(store, media);
  if (version === 2 && type !== 'image') return json(202, { ...view, url: null });
  return json(200, view);
}

/** The caller's media not yet attached to a status (the only ones these endpoints see). */
function ownUnattached(store: Store, req: FakeRequest, userId: string) {
  const media = store.media.get(req.params.id ?? '');
  return media?.accountId === userId && media.statusId === null ? media : undefined;
}

function poll(store: Store, req: FakeRequest, userId: string): Reply {
  const media = ownUnattached(store, req, userId);
  if (media === undefined) return notFound();
  if (isProcessing(media)) {
    const view = mediaView(store, media);
    media.pollsLeft -= 1;
    return json(206, view);
  }
  return json(200, mediaView(store, media));
}

function update(store: Store, req: FakeRequest, userId: string): Reply {
  const media = ownUnattached(store, req, userId);
  if (media === undefined) return notFound();
  const body = readBody(req);
  if (body === null) return apiError(400, unparsable);
  const invalid = applyMeta(media, body.params);
  if (invalid !== null) return validationFailed(invalid);
  return json(isProcessing(media) ? 206 : 200, mediaView(store, media));
}

export function mediaRoutes(store: Store): Route[] {
  const route = (
    method: string,
    pattern: string,
    handle: (req: FakeRequest, userId: string) => Reply,
  ): Route => ({
    kind: 'user',
    method,
    pattern,
    scopes,
    handle: (r, p: Principal) => handle(r, p.userId ?? ''),
  });
  return [
    route('POST', '/api/v2/media', (r, u) => upload(store, r, u, 2)),
    route('POST', '/api/v1/media', (r, u) => upload(store, r, u, 1)),
    route('GET', '/api/v1/media/:id', (r, u) => poll(store, r, u)),
    route('PUT', '/api/v1/media/:id', (r, u) => update(store, r, u)),
  ];
}
