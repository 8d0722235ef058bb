// How the post will look on X for each chosen account: its picture (or initial), name, handle, the
// text with links, mentions, hashtags and cashtags styled from twitter-text's own entity
// extraction (the same rules X links them by), the media grid and the thread.
import type { ReactNode } from 'react';
import twitterText from 'twitter-text';
import type { SocialAccount } from '../../../../../shared/accounts.ts';
import type { MediaAsset } from '../../../../../shared/media.ts';
import { readerText } from '../../../../../shared/networks/index.ts';
import { NetworkIcon } from '../../accounts/networks/network-icon.tsx';
import { thumbnailUrl } from '../../media/media-transport.ts';
import type { EditorPart } from '../editor/editor-store.ts';

/** The text as spans: plain runs and styled entities. */
function styled(text: string): ReactNode[] {
  const entities = twitterText.extractEntitiesWithIndices(text);
  const out: ReactNode[] = [];
  let at = 0;
  for (const entity of entities) {
    const [start, end] = entity.indices;
    if (start > at) out.push(text.slice(at, start));
    const kind =
      'url' in entity
        ? 'link'
        : 'hashtag' in entity
          ? 'hashtag'
          : 'screenName' in entity
            ? 'mention'
            : 'cashtag';
    const shown =
      'url' in entity && entity.url.length > 26
        ? `${entity.url.slice(0, 25)}…`
        : text.slice(start, end);
    out.push(
      <span key={start} className={`x-entity x-${kind}`}>
        {shown}
      </span>,
    );
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export function MediaGrid({ ids, media }: { ids: string[]; media: Record<string, MediaAsset> }) {
  if (ids.length === 0) return null;
  return (
    <div className={`x-media x-media-${String(Math.min(ids.length, 4))}`}>
      {ids.map((id) => {
        const asset = media[id];
        return asset?.hasThumbnail === true ? (
          <img key={id} src={thumbnailUrl(id)} alt="" />
        ) : (
          <span key={id} className="x-media-placeholder">
            {asset?.kind === 'video'
              ? '▶ Video'
              : asset?.kind === 'document'
                ? `PDF · ${asset.name}`
                : 'Media'}
          </span>
        );
      })}
    </div>
  );
}

interface Props {
  accounts: SocialAccount[];
  parts: EditorPart[];
  media: Record<string, MediaAsset>;
}

export function XPreview({ accounts, parts, media }: Props) {
  const shown: (SocialAccount | null)[] = accounts.length === 0 ? [null] : accounts;
  return (
    <section className="x-preview-list" aria-label="Preview on X">
      <h2 className="x-preview-title">
        <NetworkIcon platform="x" size={18} />
        Preview on X
      </h2>
      {shown.map((account) => {
        const name = account?.displayName || account?.handle || 'Your account';
        const handle = account?.handle ?? 'handle';
        return (
          <article
            key={account?.id ?? 'none'}
            className="x-preview"
            aria-label={`Preview for @${handle}`}
          >
            {parts.map((part, index) => {
              const text = account === null ? part.text : (part.variants[account.id] ?? part.text);
              return (
                <div key={part.key} className="x-post">
                  <div className="x-rail">
                    {account !== null && account.avatarUrl?.startsWith('data:image/') === true ? (
                      <img className="x-avatar" src={account.avatarUrl} alt="" />
                    ) : (
                      <span className="x-avatar" aria-hidden="true">
                        {name.slice(0, 1).toUpperCase()}
                      </span>
                    )}
                    {index < parts.length - 1 && <span className="x-thread-line" />}
                  </div>
                  <div className="x-body">
                    <p className="x-head">
                      <strong>{name}</strong> <span className="muted">@{handle}</span>
                    </p>
                    <p className="x-text">{styled(readerText(text))}</p>
                    <MediaGrid ids={part.media.map((m) => m.mediaId)} media={media} />
                  </div>
                </div>
              );
            })}
          </article>
        );
      })}
    </section>
  );
}
