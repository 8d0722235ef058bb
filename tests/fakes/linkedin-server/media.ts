// The Images and Documents APIs: POST /rest/{images,documents}?action=initializeUpload
// answers an asset URN and one signed upload URL; the bytes are PUT there (uploads.ts);
// GET /rest/{images,documents}/{urn} reports the status while LinkedIn processes them.
import type { FakeRequest } from '../http-kit/request.ts';
import type { Caller } from './auth.ts';
import { assetId } from './ids.ts';
import {
  mediaStatus,
  newUpload,
  poll,
  readInitialize,
  uploadUrl,
  type UploadPurpose,
} from './media-state.ts';
import { json, notFound, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import type { Store, UploadRecord } from './store.ts';

type SingleKind = 'image' | 'document';

const purposeOf: Record<SingleKind, UploadPurpose> = {
  image: 'uploaded-image',
  document: 'uploaded-document',
};

export const writeScopes = ['w_member_social', 'w_organization_social'] as const;
export const readScopes = [...writeScopes, 'r_member_social', 'r_organization_social'] as const;

function initialize(store: Store, kind: SingleKind, req: FakeRequest, caller: Caller): Reply {
  const read = readInitialize(store, req, caller);
  if ('status' in read) return read;
  const upload = newUpload(store, kind, `urn:li:${kind}:${assetId(kind)}`, read.owner);
  upload.parts.push({ firstByte: 0, lastByte: -1, data: null, etag: null });
  return json(200, {
    value: {
      uploadUrlExpiresAt: upload.uploadUrlExpiresAt,
      uploadUrl: uploadUrl(upload, purposeOf[kind]),
      [kind]: upload.urn,
    },
  });
}

/** The download URL LinkedIn serves an available asset from. */
export function downloadUrl(upload: UploadRecord): string {
  const id = upload.urn.slice(upload.urn.lastIndexOf(':') + 1);
  return `https://media.licdn.com/dms/${upload.kind}/${id}/feedshare-shrink_2048_1536/0/?e=${Math.floor(upload.uploadUrlExpiresAt / 1000)}`;
}

export function assetView(store: Store, upload: UploadRecord, polled = true) {
  const status = polled ? poll(store, upload) : mediaStatus(store, upload);
  return {
    owner: upload.owner,
    id: upload.urn,
    status,
    ...(status === 'AVAILABLE'
      ? { downloadUrl: downloadUrl(upload), downloadUrlExpiresAt: upload.uploadUrlExpiresAt }
      : {}),
    ...(status === 'PROCESSING_FAILED' ? { processingFailureReason: 'CORRUPTED_FILE' } : {}),
  };
}

function get(store: Store, kind: UploadRecord['kind'], req: FakeRequest): Reply {
  const urn = req.params.urn ?? '';
  const upload = store.uploads.get(urn);
  if (upload?.kind !== kind) return notFound(`${kind} ${urn} not found`);
  return json(200, assetView(store, upload));
}

function apiRoutes(store: Store, kind: SingleKind): Route[] {
  const plural = `${kind}s`;
  return [
    {
      kind: 'member',
      method: 'POST',
      pattern: `/rest/${plural}`,
      query: { action: 'initializeUpload' },
      endpoint: `POST /rest/${plural}?action=initializeUpload`,
      resource: `${plural}.ACTION-initializeUpload`,
      versioned: true,
      scopes: writeScopes,
      handle: (req, caller) => initialize(store, kind, req, caller),
    },
    {
      kind: 'member',
      method: 'GET',
      pattern: `/rest/${plural}/:urn`,
      endpoint: `GET /rest/${plural}/:urn`,
      resource: `${plural}.GET`,
      versioned: true,
      scopes: readScopes,
      handle: (req) => get(store, kind, req),
    },
  ];
}

export function mediaRoutes(store: Store): Route[] {
  return [...apiRoutes(store, 'image'), ...apiRoutes(store, 'document')];
}

export { get as getAsset };
