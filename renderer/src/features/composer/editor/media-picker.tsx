// Pick media already in the client's library for a part: thumbnails with names, and what
// X would refuse about each file shown before it is chosen.
import { useEffect, useId, useState } from 'react';
import type { MediaAsset } from '../../../../../shared/media.ts';
import { Modal } from '../../../app/ui/modal.tsx';
import { getBridge } from '../../../bridge/bridge.ts';
import { KindPlaceholder } from '../../media/kind-tile.tsx';
import { describeAsset } from '../../media/media-format.ts';
import { thumbnailUrl } from '../../media/media-transport.ts';

interface Props {
  clientId: string;
  onPick: (asset: MediaAsset) => void;
  onClose: () => void;
}

export function MediaPicker({ clientId, onPick, onClose }: Props) {
  const uid = useId();
  const [assets, setAssets] = useState<MediaAsset[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void getBridge()
      .invoke('media:list', { clientId })
      .then((r) => {
        if (r.ok) setAssets(r.value);
        else setError(r.error.message);
      });
  }, [clientId]);
  return (
    <Modal labelledBy={`${uid}-title`} onClose={onClose}>
      <h2 id={`${uid}-title`}>Pick from the library</h2>
      {error !== null && (
        <p className="form-alert" role="alert">
          {error}
        </p>
      )}
      {assets?.length === 0 && (
        <p className="muted">
          The library is empty: drop files on a part, or import them in <a href="#/media">Media</a>.
        </p>
      )}
      <ul className="media-picker">
        {assets?.map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className="media-picker-item"
              onClick={() => {
                onPick(a);
              }}
            >
              {a.hasThumbnail ? (
                <img src={thumbnailUrl(a.id)} alt="" />
              ) : (
                <span className="part-media-placeholder" aria-hidden="true">
                  <KindPlaceholder asset={a} />
                </span>
              )}
              <span>{a.name}</span>
              <span className="muted">{describeAsset(a)}</span>
              {a.problems.length > 0 && <span className="field-error">{a.problems.join(' ')}</span>}
            </button>
          </li>
        ))}
      </ul>
      <div className="composer-actions">
        <button type="button" className="button button-ghost" data-autofocus onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
