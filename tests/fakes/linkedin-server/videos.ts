// The Videos API: initializeUpload (fileSizeBytes, uploadCaptions, uploadThumbnail) answers
// a video URN, an uploadToken and one signed URL per byte range; each part's PUT answers
// an etag; finalizeUpload takes those etags in order; GET /rest/videos/{urn} then reports
// PROCESSING until the video is AVAILABLE.
import type { FakeRequest } from '../http-kit/request.ts';
import { jsonBody } from '../http-kit/request.ts';
import { mayActAs, type Caller } from './auth.ts';
import { assetId, randomToken } from './ids.ts';
import { getAsset, readScopes, writeScopes } from './media.ts';
import { completeUpload, newUpload, readInitialize, uploadUrl } from './media-state.ts';
import { badRequest, empty, json, notFound, unprocessable, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import type { Store } from './store.ts';

/** The largest organic video LinkedIn accepts. */
export const maxVideoBytes = 500 * 1024 * 1024;

const required = 'field is required but not found and has no default value';

function initialize(store: Store, req: FakeRequest, caller: Caller): Reply {
  const read = readInitialize(store, req, caller);
  if ('status' in read) return read;
  const size = read.request.fileSizeBytes;
  if (size === undefined) return unprocessable('/initializeUploadRequest/fileSizeBytes', required);
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > maxVideoBytes) {
    return unprocessable(
      '/initializeUploadRequest/fileSizeBytes',
      `${JSON.stringify(size)} is not between 1 and ${maxVideoBytes}`,
    );
  }
  const upload = newUpload(store, 'video', `urn:li:video:${assetId('video')}`, read.owner);
  upload.fileSizeBytes = size;
  const partBytes = store.settings.videoPartBytes;
  for (let first = 0; first < size; first += partBytes) {
    upload.parts.push({
      firstByte: first,
      lastByte: Math.min(first + partBytes, size) - 1,
      data: null,
      etag: null,
    });
  }
  // LinkedIn's examples show an empty uploadToken for a single part; it must come back as sent.
  upload.uploadToken = upload.parts.length > 1 ? randomToken(24) : '';
  return json(200, {
    value: {
      uploadUrlsExpireAt: upload.uploadUrlExpiresAt,
      video: upload.urn,
      uploadInstructions: upload.parts.map((part, index) => ({
        uploadUrl: uploadUrl(upload, 'uploaded-video', index),
        firstByte: part.firstByte,
        lastByte: part.lastByte,
      })),
      uploadToken: upload.uploadToken,
      ...(read.request.uploadCaptions === true
        ? { captionsUploadUrl: uploadUrl(upload, 'captions') }
        : {}),
      ...(read.request.uploadThumbnail === true
        ? { thumbnailUploadUrl: uploadUrl(upload, 'thumbnail') }
        : {}),
    },
  });
}

function finalize(store: Store, req: FakeRequest, caller: Caller): Reply {
  const body = jsonBody(req);
  if (body === null) return badRequest('MALFORMED_JSON', 'The request body is not valid JSON');
  const raw: unknown = body.finalizeUploadRequest;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return unprocessable('/finalizeUploadRequest', required);
  }
  const { video, uploadToken, uploadedPartIds } = raw as Record<string, unknown>;
  if (typeof video !== 'string') return unprocessable('/finalizeUploadRequest/video', required);
  if (typeof uploadToken !== 'string') {
    return unprocessable('/finalizeUploadRequest/uploadToken', required);
  }
  if (!Array.isArray(uploadedPartIds) || uploadedPartIds.some((p) => typeof p !== 'string')) {
    return unprocessable('/finalizeUploadRequest/uploadedPartIds', required);
  }
  const upload = store.uploads.get(video);
  if (upload?.kind !== 'video') return notFound(`video ${video} not found`);
  if (!mayActAs(store, caller, upload.owner)) return caller.denied();
  if (upload.completedAt !== null) {
    return badRequest('INVALID_UPLOAD_STATE', `Video ${video} was already finalized`);
  }
  if (uploadToken !== upload.uploadToken) {
    return badRequest('INVALID_UPLOAD_TOKEN', 'The uploadToken does not match this upload');
  }
  const missing = upload.parts.filter((p) => p.etag === null).length;
  if (missing > 0) {
    return badRequest('MEDIA_ASSET_WAITING_UPLOAD', `${missing} part(s) of ${video} not uploaded`);
  }
  const etags = upload.parts.map((p) => p.etag);
  const sameOrder =
    etags.length === uploadedPartIds.length && etags.every((e, i) => e === uploadedPartIds[i]);
  if (!sameOrder) {
    return badRequest(
      'INVALID_UPLOADED_PART_IDS',
      'uploadedPartIds must list every part etag in upload order',
    );
  }
  completeUpload(store, upload);
  return empty(200);
}

export function videoRoutes(store: Store): Route[] {
  return [
    {
      kind: 'member',
      method: 'POST',
      pattern: '/rest/videos',
      query: { action: 'initializeUpload' },
      endpoint: 'POST /rest/videos?action=initializeUpload',
      resource: 'videos.ACTION-initializeUpload',
      versioned: true,
      scopes: writeScopes,
      handle: (req, caller) => initialize(store, req, caller),
    },
    {
      kind: 'member',
      method: 'POST',
      pattern: '/rest/videos',
      query: { action: 'finalizeUpload' },
      endpoint: 'POST /rest/videos?action=finalizeUpload',
      resource: 'videos.ACTION-finalizeUpload',
      versioned: true,
      scopes: writeScopes,
      handle: (req, caller) => finalize(store, req, caller),
    },
    {
      kind: 'member',
      method: 'GET',
      pattern: '/rest/videos/:urn',
      endpoint: 'GET /rest/videos/:urn',
      resource: 'videos.GET',
      versioned: true,
      scopes: readScopes,
      handle: (req) => getAsset(store, 'video', req),
    },
  ];
}
