// com.atproto.repo.uploadBlob and com.atproto.sync.getBlob, and the checks a record's
// blob references get: the blob must be this repo's upload, with the same type and size.
import { contentType } from '../http-kit/request.ts';
import { blobCid } from './ids.ts';
import { binary, invalidRequest, json, type Reply } from './replies.ts';
import type { XrpcCall, XrpcRoute } from './router.ts';
import type { Store } from './store.ts';

export interface BlobRefJson {
  $type: 'blob';
  ref: { $link: string };
  mimeType: string;
  size: number;
}

export function blobRefJson(cid: string, mimeType: string, size: number): BlobRefJson {
  return { $type: 'blob', ref: { $link: cid }, mimeType, size };
}

function uploadBlob(store: Store, call: XrpcCall): Reply {
  const did = call.did ?? '';
  const mimeType = contentType(call.req) || 'application/octet-stream';
  const bytes = call.req.body;
  // Video goes through the video service normally, but may also be uploaded as a blob.
  const limit =
    mimeType === 'video/mp4' ? store.settings.maxVideoBytes : store.settings.maxBlobBytes;
  if (bytes.length > limit) {
    return invalidRequest(
      `This file is too large. It is ${bytes.length} bytes but the maximum size is ${limit} bytes.`,
      'BlobTooLarge',
    );
  }
  const cid = blobCid(bytes);
  store.blobs.push({
    did,
    mimeType,
    size: bytes.length,
    cid,
    bytes: Buffer.from(bytes),
    createdAt: store.clock.now(),
  });
  return json(200, { blob: blobRefJson(cid, mimeType, bytes.length) });
}

function getBlob(store: Store, call: XrpcCall): Reply {
  const did = call.req.query.get('did') ?? '';
  const cid = call.req.query.get('cid') ?? '';
  const blob = store.blob(did, cid);
  if (blob === undefined) return invalidRequest('Blob not found', 'BlobNotFound');
  return binary(blob.mimeType, blob.bytes);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * null when `value` is a blob reference to an upload of this repo whose type `accept`s;
 * otherwise the PDS's answer. `path` names the field in messages (record/embed/…).
 */
export function checkBlobRef(
  store: Store,
  did: string,
  value: unknown,
  path: string,
  accept: string,
): Reply | null {
  const invalid = (why: string) => invalidRequest(`Invalid app.bsky.feed.post record: ${why}`);
  if (!isObject(value)) return invalid(`${path} should be a blob ref`);
  if (value.$type !== 'blob' && typeof value.cid === 'string') {
    return invalidRequest(`Legacy blobs are not allowed (${value.cid})`);
  }
  const ref = value.ref;
  const cid = isObject(ref) ? ref.$link : undefined;
  const { mimeType, size } = value;
  if (
    value.$type !== 'blob' ||
    typeof cid !== 'string' ||
    typeof mimeType !== 'string' ||
    typeof size !== 'number'
  ) {
    return invalid(`${path} should be a blob ref`);
  }
  const accepted =
    accept === '*/*' ||
    (accept.endsWith('/*') ? mimeType.startsWith(accept.slice(0, -1)) : mimeType === accept);
  if (!accepted) return invalid(`${path} mimeType (${mimeType}) is not accepted (${accept})`);
  const stored = store.blob(did, cid);
  if (stored === undefined) return invalidRequest(`Could not find blob: ${cid}`, 'BlobNotFound');
  if (stored.mimeType !== mimeType) {
    return invalidRequest(
      `Referenced Mimetype does not match stored blob. Expected: ${stored.mimeType}, Got: ${mimeType}`,
      'InvalidMimeType',
    );
  }
  if (stored.size !== size) {
    return invalidRequest(
      `Referenced Size does not match stored blob. Expected: ${stored.size}, Got: ${size}`,
      'InvalidSize',
    );
  }
  return null;
}

export function blobRoutes(store: Store): XrpcRoute[] {
  return [
    {
      nsid: 'com.atproto.repo.uploadBlob',
      method: 'POST',
      auth: 'access',
      bucket: 'upload-blob',
      handle: (call) => uploadBlob(store, call),
    },
    {
      nsid: 'com.atproto.sync.getBlob',
      method: 'GET',
      auth: 'none',
      handle: (call) => getBlob(store, call),
    },
  ];
}
