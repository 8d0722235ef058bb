// How the library view moves bytes: uploads go to the host's media route (the browser
// host, or app:// in the desktop app) as the file's own bytes, and media are shown by id
// from the same route. [Note: media routes] in main/host/media-routes.ts.
import type { MediaAsset } from '../../../../shared/media.ts';
import type { Result } from '../../../../shared/result.ts';
import { takeSocketToken } from '../../bridge/socket-token.ts';

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

/** Uploads one file into a client's library, reporting the bytes sent as they go. */
export function uploadMedia(
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
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as Result<MediaAsset>);
      } catch {
        resolve(
          failed(`Starling answered the upload of ${file.name} with HTTP ${String(xhr.status)}.`),
        );
      }
    };
    xhr.onerror = () => {
      resolve(failed(`The upload of ${file.name} was cut off; nothing was imported. Try again.`));
    };
    xhr.send(file);
  });
}
