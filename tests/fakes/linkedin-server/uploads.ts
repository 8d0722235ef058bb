// PUT to the signed upload URLs on www.linkedin.com/dms-uploads: the URL's `ut` secret is
// the credential. An image or document is complete when its bytes arrive; a video part
// must fill exactly its byte range and answers the etag finalizeUpload will ask for.
import crypto from 'node:crypto';
import type { FakeRequest } from '../http-kit/request.ts';
import { assetIdOf, completeUpload, type UploadPurpose } from './media-state.ts';
import { badRequest, empty, restError, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import type { Store, UploadRecord } from './store.ts';

const purposes: readonly UploadPurpose[] = [
  'uploaded-image',
  'uploaded-document',
  'uploaded-video',
  'captions',
  'thumbnail',
];

function findUpload(store: Store, asset: string): UploadRecord | undefined {
  for (const upload of store.uploads.values()) if (assetIdOf(upload.urn) === asset) return upload;
  return undefined;
}

function receive(store: Store, req: FakeRequest): Reply {
  const upload = findUpload(store, req.params.asset ?? '');
  const purpose = req.params.purpose as UploadPurpose;
  if (upload === undefined || !purposes.includes(purpose)) {
    return restError(404, 'NOT_FOUND', 'No upload at this URL');
  }
  if (req.query.get('ut') !== upload.uploadSecret) {
    return restError(403, 'ACCESS_DENIED', 'The upload URL signature is not valid');
  }
  if (store.clock.now() >= upload.uploadUrlExpiresAt) {
    return badRequest('EXPIRED_UPLOAD_URL', 'The upload URL has expired');
  }
  if (req.body.length === 0) return badRequest('EMPTY_UPLOAD', 'The upload body is empty');
  if (purpose === 'captions' || purpose === 'thumbnail') {
    upload[purpose === 'captions' ? 'captions' : 'thumbnail'] = Buffer.from(req.body);
    return empty(201);
  }
  if (upload.completedAt !== null && upload.kind === 'video') {
    return badRequest('INVALID_UPLOAD_STATE', 'This video was already finalized');
  }
  const index = Number(req.params.index);
  const part = Number.isInteger(index) ? upload.parts[index] : undefined;
  if (part === undefined) return restError(404, 'NOT_FOUND', 'No upload part at this URL');
  if (upload.kind !== 'video') {
    part.data = Buffer.from(req.body);
    part.lastByte = req.body.length - 1;
    completeUpload(store, upload);
    return empty(201);
  }
  const expected = part.lastByte - part.firstByte + 1;
  if (req.body.length !== expected) {
    return badRequest(
      'INVALID_PART_SIZE',
      `Part ${index} must hold bytes ${part.firstByte}-${part.lastByte} (${expected} bytes), got ${req.body.length}`,
    );
  }
  part.data = Buffer.from(req.body);
  part.etag = `/${crypto.createHash('sha256').update(part.data).update(String(index)).digest('base64url')}`;
  return empty(200, { etag: part.etag });
}

export function uploadRoutes(store: Store): Route[] {
  return [
    {
      kind: 'www',
      method: 'PUT',
      pattern: '/dms-uploads/:asset/:purpose/:index',
      handle: (req) => receive(store, req),
    },
  ];
}
