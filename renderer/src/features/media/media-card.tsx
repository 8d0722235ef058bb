// One asset in the library grid: its thumbnail (a placeholder for video: there is no frame
// extractor here; a document tile with its name for a PDF), facts, where it is used, what
// X (or, for a PDF, the network that takes documents) would refuse, and its actions.
import { useId, useState } from 'react';
import { aspectPresets, type AspectPreset, type MediaAsset } from '../../../../shared/media.ts';
import { showError, showToast } from '../../app/toasts/toast-store.ts';
import { BusyButton } from '../../app/ui/busy-button.tsx';
import { Modal } from '../../app/ui/modal.tsx';
import { DocumentIcon } from './kind-tile.tsx';
import { describeAsset, describeUses, formatBytes } from './media-format.ts';
import { useMedia } from './media-store.ts';
import { fileUrl, thumbnailUrl } from './media-transport.ts';

const aspectLabels: Record<AspectPreset, string> = {
  original: 'Original shape',
  '16:9': 'Wide 16:9',
  '1:1': 'Square 1:1',
  '4:5': 'Portrait 4:5',
};

function Preview({ asset }: { asset: MediaAsset }) {
  if (asset.kind === 'document') {
    return (
      <a
        className="media-thumb media-thumb-document"
        href={fileUrl(asset.id)}
        target="_blank"
        rel="noreferrer"
        data-testid="media-document-tile"
      >
        <DocumentIcon />
        <span className="media-thumb-document-name">{asset.name}</span>
        <span className="media-thumb-note">PDF document · {formatBytes(asset.bytes)}</span>
      </a>
    );
  }
  if (asset.hasThumbnail) {
    return (
      <img
        className="media-thumb"
        src={thumbnailUrl(asset.id)}
        alt=""
        loading="lazy"
        data-testid="media-thumbnail"
      />
    );
  }
  return (
    <a
      className="media-thumb media-thumb-video"
      href={fileUrl(asset.id)}
      target="_blank"
      rel="noreferrer"
    >
      <span aria-hidden="true">▶</span>
      <span className="media-thumb-note">Video: no preview frame here</span>
    </a>
  );
}

export function MediaCard({ asset }: { asset: MediaAsset }) {
  const uid = useId();
  const fit = useMedia((s) => s.fit);
  const remove = useMedia((s) => s.remove);
  const [aspect, setAspect] = useState<AspectPreset>('16:9');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const runFit = async () => {
    setBusy(true);
    const result = await fit(asset.id, aspect);
    setBusy(false);
    if (result.ok) showToast(`Made ${result.value.name}; the original is kept.`);
    else showError(result.error.message);
  };

  const runDelete = async () => {
    setBusy(true);
    const result = await remove(asset.id);
    setBusy(false);
    if (result.ok) {
      setConfirming(false);
      showToast(`Deleted ${asset.name}.`);
    } else {
      setDeleteError(result.error.message);
    }
  };

  return (
    <li className="panel media-card" aria-labelledby={`${uid}-name`}>
      <Preview asset={asset} />
      <div className="media-card-body">
        <p className="media-card-name" id={`${uid}-name`} title={asset.name}>
          {asset.name}
        </p>
        <p className="muted media-card-facts">{describeAsset(asset)}</p>
        <p className="muted media-card-facts">{describeUses(asset)}</p>
        {asset.problems.map((p) => (
          <p key={p} className="field-error media-card-problem">
            {p}
          </p>
        ))}
        <div className="media-card-actions">
          {asset.kind === 'image' && (
            <>
              <label className="visually-hidden" htmlFor={`${uid}-aspect`}>
                Shape for {asset.name}
              </label>
              <select
                id={`${uid}-aspect`}
                className="input media-aspect"
                value={aspect}
                onChange={(event) => {
                  setAspect(event.target.value as AspectPreset);
                }}
              >
                {aspectPresets.map((a) => (
                  <option key={a} value={a}>
                    {aspectLabels[a]}
                  </option>
                ))}
              </select>
              <BusyButton busy={busy} variant="primary" onClick={() => void runFit()}>
                Fit for X
              </BusyButton>
            </>
          )}
          <button
            type="button"
            className="button button-ghost button-small"
            aria-label={`Delete ${asset.name}`}
            onClick={() => {
              setDeleteError(null);
              setConfirming(true);
            }}
          >
            Delete
          </button>
        </div>
      </div>
      {confirming && (
        <Modal
          labelledBy={`${uid}-delete-title`}
          describedBy={`${uid}-delete-text`}
          role="alertdialog"
          size="small"
          onClose={() => {
            setConfirming(false);
          }}
        >
          <h2 id={`${uid}-delete-title`}>Delete {asset.name}?</h2>
          <p id={`${uid}-delete-text`}>
            It leaves this client’s library. Media a post uses cannot be deleted.
          </p>
          {deleteError !== null && (
            <p className="form-alert" role="alert">
              {deleteError}
            </p>
          )}
          <div className="media-dialog-actions">
            <button
              type="button"
              className="button button-secondary"
              data-autofocus
              onClick={() => {
                setConfirming(false);
              }}
            >
              Keep it
            </button>
            <BusyButton busy={busy} variant="danger" onClick={() => void runDelete()}>
              Delete
            </BusyButton>
          </div>
        </Modal>
      )}
    </li>
  );
}
