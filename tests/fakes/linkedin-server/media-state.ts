// Where an image, video or document stands (WAITING_UPLOAD → PROCESSING → AVAILABLE or
// PROCESSING_FAILED), the signed upload URLs on www.linkedin.com that feed it, and the
// owner check and body reading every initializeUpload shares.
import type { FakeRequest } from '../http-kit/request.ts';
import { jsonBody } from '../http-kit/request.ts';
import { mayActAs, organizationUrnPattern, personUrnPattern, type Caller } from './auth.ts';
import { randomToken } from './ids.ts';
import { badRequest, unprocessable, type Reply } from './replies.ts';
import type { Store, UploadRecord } from './store.ts';
import type { FakeMediaStatus, FakeUpload } from './types.ts';

export const uploadUrlLifetimeMs = 24 * 60 * 60 * 1000;

/** One processing step per status poll or per second of fake time after the upload. */
export function mediaStatus(store: Store, upload: UploadRecord): FakeMediaStatus {
  if (upload.completedAt === null) return 'WAITING_UPLOAD';
  const needed =
    upload.kind === 'video'
      ? store.settings.videoProcessingSteps
      : store.settings.imageProcessingSteps;
  const elapsed = Math.floor((store.clock.now() - upload.completedAt) / 1000);
  if (upload.pollSteps + elapsed < needed) return 'PROCESSING';
  return upload.willFail ? 'PROCESSING_FAILED' : 'AVAILABLE';
}

/** Marks the bytes complete; processing starts now, failing if a test asked for that. */
export function completeUpload(store: Store, upload: UploadRecord): void {
  upload.completedAt = store.clock.now();
  upload.willFail = store.failNextProcessing;
  store.failNextProcessing = false;
}

export function assetIdOf(urn: string): string {
  return urn.slice(urn.lastIndexOf(':') + 1);
}

export type UploadPurpose =
  'uploaded-image' | 'uploaded-document' | 'uploaded-video' | 'captions' | 'thumbnail';

export function uploadUrl(upload: UploadRecord, purpose: UploadPurpose, index = 0): string {
  const query = new URLSearchParams({
    ca: 'vector_feedshare',
    cn: 'uploads',
    sync: '0',
    v: 'beta',
    ut: upload.uploadSecret,
  });
  return `https://www.linkedin.com/dms-uploads/${assetIdOf(upload.urn)}/${purpose}/${index}?${query.toString()}`;
}

export function newUpload(
  store: Store,
  kind: UploadRecord['kind'],
  urn: string,
  owner: string,
): UploadRecord {
  const now = store.clock.now();
  const upload: UploadRecord = {
    urn,
    kind,
    owner,
    uploadSecret: randomToken(24),
    parts: [],
    fileSizeBytes: null,
    uploadToken: '',
    captions: null,
    thumbnail: null,
    uploadUrlExpiresAt: now + uploadUrlLifetimeMs,
    completedAt: null,
    pollSteps: 0,
    willFail: false,
    createdAt: now,
  };
  store.uploads.set(urn, upload);
  return upload;
}

/** The initializeUploadRequest object of an action body, with an owner the caller may use. */
export function readInitialize(
  store: Store,
  req: FakeRequest,
  caller: Caller,
): { request: Record<string, unknown>; owner: string } | Reply {
  const body = jsonBody(req);
  if (body === null) return badRequest('MALFORMED_JSON', 'The request body is not valid JSON');
  const request = body.initializeUploadRequest;
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return unprocessable(
      '/initializeUploadRequest',
      'field is required but not found and has no default value',
    );
  }
  const owner = (request as Record<string, unknown>).owner;
  if (typeof owner !== 'string') {
    return unprocessable(
      '/initializeUploadRequest/owner',
      'field is required but not found and has no default value',
    );
  }
  if (!personUrnPattern.test(owner) && !organizationUrnPattern.test(owner)) {
    return unprocessable('/initializeUploadRequest/owner', `"${owner}" is not a valid owner URN`);
  }
  if (!mayActAs(store, caller, owner)) return caller.denied();
  return { request: request as Record<string, unknown>, owner };
}

/** A status poll: counts one processing step while the asset is still processing. */
export function poll(store: Store, upload: UploadRecord): FakeMediaStatus {
  const status = mediaStatus(store, upload);
  if (status === 'PROCESSING') upload.pollSteps += 1;
  return status;
}

export function publicUpload(store: Store, upload: UploadRecord): FakeUpload {
  const ordered = [...upload.parts].sort((a, b) => a.firstByte - b.firstByte);
  const data = Buffer.concat(ordered.flatMap((p) => (p.data === null ? [] : [p.data])));
  return {
    urn: upload.urn,
    kind: upload.kind,
    owner: upload.owner,
    status: mediaStatus(store, upload),
    data,
    fileSizeBytes: upload.fileSizeBytes ?? data.length,
    partCount: upload.parts.length,
    partsReceived: upload.parts.filter((p) => p.data !== null).length,
    finalized: upload.completedAt !== null,
    createdAt: upload.createdAt,
  };
}
