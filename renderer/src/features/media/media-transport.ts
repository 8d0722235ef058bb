// How media move: uploads (upload queues) go to the host's media route (the browser
// host, or app:// in the desktop app) as the file's own bytes, and media are shown by id
// from the same route. [Note: media routes] in main/serving/media-routes.ts.
import type { MediaAsset } from '../../../../shared/media.ts';
import type { OperationProgress } from '../../../../shared/progress.ts';
import type { Result } from '../../../../shared/result.ts';
import { cancelOperation } from '../../app/operations-store.ts';
import { takeSocketToken } from '../../bridge/socket-token.ts';
import type { UploadTransport } from './upload-queue.ts';

/** The browser host's token (already moved into this tab's storage); none in the desktop app. */
function token(): string | null {
  if (window.starling !== undefined) return null;
  try {
    return takeSocketToken({
      location: window.location,
      history: window.history,
      storage: window.sessionStorage,
    });
  } catch {
    return null;
  }
}

const withToken = (url: string) => {
  const t = token();
  return t === null ? url : `${url}?token=${encodeURIComponent(t)}`;
};

export const thumbnailUrl = (id: string) =>
  withToken(`/api/media/${encodeURIComponent(id)}/thumbnail`);
export const fileUrl = (id: string) => withToken(`/api/media/${encodeURIComponent(id)}/file`);

const failed = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'OFFLINE', message, retryable: true },
});

/** Uploads in flight, by their import id (the core's operation id), so Cancel can stop one. */
const inFlight = new Map<string, () => void>();

/**
 * Stops an upload: the browser drops the request and the core, told by the same id,
 * removes what it had copied. The upload then answers CANCELLED.
 */
function cancelUpload(importId: string): void {
  inFlight.get(importId)?.();
  cancelOperation(importId);
}

/** An upload as the shared progress bar draws it (bytes sent of the file's size). */
export function uploadProgress(u: { id: string; sent: number; total: number }): OperationProgress {
  return {
    operation: u.id,
    kind: 'media-import',
    phase: 'uploading',
    done: u.sent,
    total: u.total,
    unit: 'bytes',
    cancellable: u.sent < u.total,
    state: 'running',
  };
}

/** Uploads one file into a client's library, reporting the bytes sent as they go. */
function uploadMedia(
  file: File,
  clientId: string,
  importId: string,
  onProgress: (sent: number, total: number) => void,
): Promise<Result<MediaAsset>> {
  const query = new URLSearchParams({ client: clientId, name: file.name, importId });
  return new Promise((resolve) => {
    // XMLHttpRequest, not fetch: only it reports upload progress; the File streams from disk.
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/media/upload?${query.toString()}`);
    const t = token();
    if (t !== null) xhr.setRequestHeader('X-Starling-Token', t);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    };
    inFlight.set(importId, () => {
      xhr.abort();
      resolve({
        ok: false,
        error: {
          code: 'CANCELLED',
          message: `The upload of ${file.name} was cancelled; nothing was kept.`,
        },
      });
    });
    const settle = (result: Result<MediaAsset>) => {
      inFlight.delete(importId);
      resolve(result);
    };
    xhr.onload = () => {
      try {
        settle(JSON.parse(xhr.responseText) as Result<MediaAsset>);
      } catch {
        settle(
          failed(`Starling answered the upload of ${file.name} with HTTP ${String(xhr.status)}.`),
        );
      }
    };
    xhr.onerror = () => {
      settle(failed(`The upload of ${file.name} was cut off; nothing was imported. Try again.`));
    };
    xhr.send(file);
  });
}

/** Upload queues move their files with these (upload-queue.ts). */
export const uploadTransport: UploadTransport = { send: uploadMedia, cancel: cancelUpload };
