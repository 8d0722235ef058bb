// The media of one part: a thumbnail, alt text (with its count) and remove for each; the
// drop target, file chooser and paste handling upload through the library's own route.
import { useState } from 'react';
import type { MediaAsset } from '../../../../../shared/media.ts';
import { OperationProgressBar } from '../../../app/ui/operation-progress.tsx';
import {
  cancelUpload,
  thumbnailUrl,
  uploadMedia,
  uploadProgress,
} from '../../media/media-transport.ts';
import { useEditor, type EditorPart } from './editor-store.ts';

export interface UploadState {
  id: string;
  name: string;
  sent: number;
  total: number;
  error: string | null;
}

/** Uploads files into the client's library and attaches each to the part as it lands. */
export function useUploads(clientId: string, partKey: number) {
  const addMedia = useEditor((s) => s.addMedia);
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const patch = (id: string, p: Partial<UploadState>) => {
    setUploads((us) => us.map((u) => (u.id === id ? { ...u, ...p } : u)));
  };
  async function upload(files: readonly File[]) {
    for (const file of files) {
      const id = crypto.randomUUID();
      setUploads((us) => [...us, { id, name: file.name, sent: 0, total: file.size, error: null }]);
      const result = await uploadMedia(file, clientId, id, (sent, total) => {
        patch(id, { sent, total });
      });
      if (result.ok) {
        addMedia(partKey, result.value);
        setUploads((us) => us.filter((u) => u.id !== id));
      } else if (result.error.code === 'CANCELLED') {
        setUploads((us) => us.filter((u) => u.id !== id));
      } else {
        patch(id, { error: result.error.message });
      }
    }
  }
  const dismiss = (id: string) => {
    setUploads((us) => us.filter((u) => u.id !== id));
  };
  return { uploads, upload, dismiss };
}

interface Props {
  part: EditorPart;
  partLabel: string;
  media: Record<string, MediaAsset>;
  uploads: UploadState[];
  /** The strictest alt text limit of the networks the post goes to. */
  altTextMax: number;
  onDismiss: (id: string) => void;
}

export function PartMedia({ part, partLabel, media, uploads, altTextMax, onDismiss }: Props) {
  const setAltText = useEditor((s) => s.setAltText);
  const removeMedia = useEditor((s) => s.removeMedia);
  if (part.media.length === 0 && uploads.length === 0) return null;
  return (
    <ul className="part-media" aria-label={`Media of ${partLabel}`}>
      {part.media.map((m) => {
        const asset = media[m.mediaId];
        const name = asset?.name ?? 'media';
        const altId = `alt-${String(part.key)}-${m.mediaId}`;
        return (
          <li key={m.mediaId} className="part-media-item">
            {asset?.hasThumbnail === true ? (
              <img className="part-media-thumb" src={thumbnailUrl(m.mediaId)} alt="" />
            ) : (
              <span className="part-media-thumb part-media-placeholder" aria-hidden="true">
                {asset?.kind === 'video' ? '▶' : '?'}
              </span>
            )}
            <div className="part-media-fields">
              <label className="field-label" htmlFor={altId}>
                Alt text for {name}
              </label>
              <textarea
                id={altId}
                className="input textarea part-media-alt"
                rows={2}
                value={m.altText}
                placeholder="Describe it for people who cannot see it"
                onChange={(e) => {
                  setAltText(part.key, m.mediaId, e.target.value);
                }}
              />
              <span className={m.altText.length > altTextMax ? 'counter counter-over' : 'counter'}>
                {m.altText.length} / {altTextMax}
              </span>
            </div>
            <button
              type="button"
              className="button button-ghost button-small"
              aria-label={`Remove ${name} from ${partLabel}`}
              onClick={() => {
                removeMedia(part.key, m.mediaId);
              }}
            >
              Remove
            </button>
          </li>
        );
      })}
      {uploads.map((u) => (
        <li key={u.id} className="part-media-item">
          {u.error === null ? (
            <OperationProgressBar
              progress={uploadProgress(u)}
              label={`Uploading ${u.name}`}
              onCancel={() => {
                cancelUpload(u.id);
              }}
            />
          ) : (
            <>
              <span role="alert" className="field-error">
                {u.error}
              </span>
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => {
                  onDismiss(u.id);
                }}
              >
                Dismiss
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
