// How the post will look on Instagram for each chosen account: the media first (a carousel
// shows how many), then the handle and the caption with mentions and hashtags styled, and
// the first comment when the hashtags go there. Instagram links no address in a caption.
import type { SocialAccount } from '../../../../../shared/accounts.ts';
import type { MediaAsset } from '../../../../../shared/media.ts';
import type { NetworkOptions } from '../../../../../shared/posts.ts';
import { shownHandle } from '../../../../../shared/networks/index.ts';
import { NetworkIcon } from '../../accounts/networks/network-icon.tsx';
import type { EditorPart } from '../editor/editor-store.ts';
import { StyledText } from './preview-text.tsx';
import { MediaGrid } from './x-preview.tsx';

interface Props {
  accounts: SocialAccount[];
  parts: EditorPart[];
  media: Record<string, MediaAsset>;
  options: Record<string, NetworkOptions>;
}

const hashtags = /(?<=^|\s)#[\p{L}\p{N}_]+/gu;

export function InstagramPreview({ accounts, parts, media, options }: Props) {
  const part = parts[0];
  if (part === undefined) return null;
  return (
    <section className="x-preview-list" aria-label="Preview on Instagram">
      <h2 className="x-preview-title">
        <NetworkIcon platform="instagram" size={18} />
        Preview on Instagram
      </h2>
      {accounts.map((account) => {
        const text = part.variants[account.id] ?? part.text;
        const ids = part.media.map((m) => m.mediaId);
        const inComment = options[account.id]?.hashtagsInComment === true;
        const tags = inComment ? (text.match(hashtags) ?? []) : [];
        const caption = inComment
          ? text
              .replace(hashtags, '')
              .replace(/[ \t]+/gu, ' ')
              .trim()
          : text;
        return (
          <article
            key={account.id}
            className="x-preview net-preview net-preview-instagram"
            aria-label={`Preview for ${shownHandle(account.platform, account.handle)}`}
          >
            <div className="x-post">
              <div className="x-body">
                <MediaGrid ids={ids} media={media} />
                {ids.length > 1 && (
                  <p className="net-preview-note">A carousel of {ids.length}: swipe to see each.</p>
                )}
                {ids.length === 0 && (
                  <p className="net-preview-note">Instagram needs an image or a video.</p>
                )}
                <p className="x-head">
                  <strong>{account.handle}</strong>
                </p>
                <StyledText text={caption} network="instagram" />
                {tags.length > 0 && (
                  <p className="net-preview-note">First comment: {tags.join(' ')}</p>
                )}
              </div>
            </div>
          </article>
        );
      })}
    </section>
  );
}
