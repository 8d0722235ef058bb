// The media of one part: a thumbnail, alt text (with its count) and remove for each.
// Files dropped, chosen or pasted go through the part's upload queue (part-editor.tsx).
// A PDF document has no alt text: the same field holds its title, which the network that
// posts documents shows above its pages (stored as the part media's alt text).
import type { MediaAsset } from '../../../../../shared/media.ts';
import { KindPlaceholder } from '../../media/kind-tile.tsx';
import { thumbnailUrl } from '../../media/media-transport.ts';
import { useEditor, type EditorPart } from './editor-store.ts';

interface Props {
  part: EditorPart;
  partLabel: string;
  media: Record<string, MediaAsset>;
  /** The strictest alt text limit of the networks the post goes to. */
  altTextMax: number;
}

export function PartMedia({ part, partLabel, media, altTextMax }: Props) {
  const setAltText = useEditor((s) => s.setAltText);
  const removeMedia = useEditor((s) => s.removeMedia);
  if (part.media.length === 0) return null;
  return (
    <ul className="part-media" aria-label={`Media of ${partLabel}`}>
      {part.media.map((m) => {
        const asset = media[m.mediaId];
        const name = asset?.name ?? 'media';
        const altId = `alt-${String(part.key)}-${m.mediaId}`;
        const document = asset?.kind === 'document';
        return (
          <li key={m.mediaId} className="part-media-item">
            {asset?.hasThumbnail === true ? (
              <img className="part-media-thumb" src={thumbnailUrl(m.mediaId)} alt="" />
            ) : (
              <span className="part-media-thumb part-media-placeholder" aria-hidden="true">
                <KindPlaceholder asset={asset} />
              </span>
            )}
            <div className="part-media-fields">
              <label className="field-label" htmlFor={altId}>
                {document ? `Title of ${name}` : `Alt text for ${name}`}
              </label>
              <textarea
                id={altId}
                className="input textarea part-media-alt"
                rows={2}
                value={m.altText}
                placeholder={
                  document
                    ? 'Shown above the pages of the document'
                    : 'Describe it for people who cannot see it'
                }
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
    </ul>
  );
}
