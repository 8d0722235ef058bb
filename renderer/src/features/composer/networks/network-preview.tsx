// How the post will look on Bluesky, Mastodon, Threads or a Facebook Page for each chosen account:
// name, handle (Mastodon's with its instance), the text wrapped as the network wraps it
// with links, mentions and hashtags styled, the media and how many, and the thread as a
// chain of replies. Bluesky shows where a link card will come from; Mastodon shows the
// content warning the text hides behind and who will see the post.
import type { SocialAccount } from '../../../../../shared/accounts.ts';
import { plural } from '../../../../../shared/plural.ts';
import type { MediaAsset } from '../../../../../shared/media.ts';
import type { NetworkOptions } from '../../../../../shared/posts.ts';
import { NetworkIcon } from '../../accounts/networks/network-icon.tsx';
import { networkNames } from '../../accounts/networks/network-glyphs.ts';
import type { EditorPart } from '../editor/editor-store.ts';
import { facebookPreviewLink } from '../../../../../shared/networks/facebook.ts';
import { firstLinkHost, StyledText } from './preview-text.tsx';
import { visibilityLabels } from './mastodon-options.tsx';
import { MediaGrid } from './x-preview.tsx';
import { ThreadsMediaNote } from './threads-media-note.tsx';
import { threadsDailyPosts } from '../../../../../shared/networks/threads.ts';
import { shownHandle } from '../../../../../shared/networks/index.ts';

type OpenNetwork = 'bluesky' | 'mastodon' | 'threads' | 'facebook';

interface Props {
  network: OpenNetwork;
  accounts: SocialAccount[];
  parts: EditorPart[];
  media: Record<string, MediaAsset>;
  options: Record<string, NetworkOptions>;
}

function mediaCount(ids: string[], media: Record<string, MediaAsset>): string {
  const kinds = ids.map((id) => media[id]?.kind ?? 'image');
  const videos = kinds.filter((k) => k === 'video').length;
  const gifs = kinds.filter((k) => k === 'gif').length;
  const images = kinds.length - videos - gifs;
  return [
    images > 0 ? plural(images, 'image') : '',
    gifs > 0 ? plural(gifs, 'GIF') : '',
    videos > 0 ? plural(videos, 'video') : '',
  ]
    .filter((s) => s !== '')
    .join(', ');
}

function Avatar({ account, name }: { account: SocialAccount; name: string }) {
  return account.avatarUrl?.startsWith('data:image/') === true ? (
    <img className="x-avatar" src={account.avatarUrl} alt="" />
  ) : (
    <span className="x-avatar" aria-hidden="true">
      {Array.from(name)[0]?.toUpperCase() ?? '?'}
    </span>
  );
}

export function NetworkPreview({ network, accounts, parts, media, options }: Props) {
  const label = networkNames[network];
  return (
    <section className="x-preview-list" aria-label={`Preview on ${label}`}>
      <h2 className="x-preview-title">
        <NetworkIcon platform={network} size={18} />
        Preview on {label}
      </h2>
      {accounts.map((account) => {
        const name = account.displayName.trim() || account.handle;
        // A Page's handle is its name: said once, not twice.
        const handle = shownHandle(account.platform, account.handle);
        const { visibility, contentWarning = '' } = options[account.id] ?? {};
        const warning = network === 'mastodon' ? contentWarning.trim() : '';
        return (
          <article
            key={account.id}
            className={`x-preview net-preview net-preview-${network}`}
            aria-label={`Preview for ${handle}`}
          >
            {parts.map((part, index) => {
              const text = part.variants[account.id] ?? part.text;
              const ids = part.media.map((m) => m.mediaId);
              // Bluesky makes a card from a part's first link and Threads attaches it
              // (link_attachment); Facebook previews the post's link, on the post only.
              const cardHost =
                ids.length > 0
                  ? null
                  : network === 'bluesky' || network === 'threads'
                    ? firstLinkHost(text)
                    : network === 'facebook' && index === 0
                      ? firstLinkHost(facebookPreviewLink(text) ?? '')
                      : null;
              return (
                <div key={part.key} className="x-post">
                  <div className="x-rail">
                    <Avatar account={account} name={name} />
                    {index < parts.length - 1 && <span className="x-thread-line" />}
                  </div>
                  <div className="x-body">
                    <p className="x-head">
                      <strong>{name}</strong>
                      {handle !== name && (
                        <>
                          {' '}
                          <span className="muted">{handle}</span>
                        </>
                      )}
                    </p>
                    {warning !== '' && (
                      <p className="net-preview-cw">
                        {warning} <span className="muted">· Show more</span>
                      </p>
                    )}
                    <StyledText text={text} network={network} />
                    <MediaGrid ids={ids} media={media} />
                    {ids.length > 0 && <p className="net-preview-note">{mediaCount(ids, media)}</p>}
                    {cardHost !== null && (
                      <p className="net-preview-card">
                        Link card from {cardHost}: its title and picture, when Starling can read the
                        page
                      </p>
                    )}
                  </div>
                </div>
              );
            })}
            {network === 'threads' && parts.some((p) => p.media.length > 0) && <ThreadsMediaNote />}
            {network === 'facebook' && parts.length > 1 && (
              <p className="net-preview-note">
                The rest of the thread goes out as the Page’s comments under the post, in order.
              </p>
            )}
            {network === 'threads' && (
              <p className="net-preview-note">
                Threads takes {threadsDailyPosts} posts a day from apps; each part of a thread
                counts, and a post beyond that waits for room.
              </p>
            )}
            {network === 'mastodon' && (
              <p className="net-preview-note">
                {visibility === undefined
                  ? 'Visibility: the account’s default on its instance.'
                  : `Visibility: ${visibilityLabels[visibility]}.`}
                {warning !== '' && ' The text shows once the reader opens the content warning.'}
              </p>
            )}
          </article>
        );
      })}
    </section>
  );
}
