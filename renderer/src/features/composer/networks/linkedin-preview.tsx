// How the post will look on LinkedIn for each chosen member or company page: a feed card
// with the author (a page's logo square, a member's picture round), the text folded behind
// "…see more" where the feed folds it, links and hashtags styled, the media or the link
// preview, the action bar, and the rest of the thread as the author's own comments under
// the post (text only: LinkedIn comments carry no media from Starling).
import { useState } from 'react';
import type { SocialAccount } from '../../../../../shared/accounts.ts';
import type { MediaAsset } from '../../../../../shared/media.ts';
import { plainText } from '../../../../../shared/mentions.ts';
import { isMentionRef, shownHandle } from '../../../../../shared/networks/index.ts';
import { plural } from '../../../../../shared/plural.ts';
import { isLinkedInPage } from '../../accounts/networks/linkedin-app.ts';
import { NetworkIcon } from '../../accounts/networks/network-icon.tsx';
import type { EditorPart } from '../editor/editor-store.ts';
import { feedFold } from './linkedin-fold.ts';
import { firstLinkHost, StyledText } from './preview-text.tsx';
import { MediaGrid } from './x-preview.tsx';

interface Props {
  accounts: SocialAccount[];
  parts: EditorPart[];
  media: Record<string, MediaAsset>;
}

function Avatar({
  account,
  name,
  small,
}: {
  account: SocialAccount;
  name: string;
  small?: boolean;
}) {
  const shape = isLinkedInPage(account.platformUserId) ? 'li-avatar li-avatar-page' : 'li-avatar';
  const className = small === true ? `${shape} li-avatar-small` : shape;
  return account.avatarUrl?.startsWith('data:image/') === true ? (
    <img className={className} src={account.avatarUrl} alt="" />
  ) : (
    <span className={className} aria-hidden="true">
      {Array.from(name)[0]?.toUpperCase() ?? '?'}
    </span>
  );
}

/** The post's text, folded where the feed folds it; "see more" unfolds it here too. */
function FoldedText({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  // The feed folds what readers see: a picked mention counts as its name.
  const plain = plainText(text, isMentionRef);
  const fold = feedFold(plain.text);
  if (fold === null || open) return <StyledText text={text} network="linkedin" />;
  return (
    <div className="li-folded">
      <StyledText text={text.slice(0, plain.rawIndex(fold)).trimEnd()} network="linkedin" />
      <button
        type="button"
        className="li-see-more"
        onClick={() => {
          setOpen(true);
        }}
      >
        …see more
      </button>
    </div>
  );
}

function LinkedInCard({
  account,
  parts,
  media,
}: Omit<Props, 'accounts'> & { account: SocialAccount }) {
  const name = account.displayName.trim() || account.handle;
  const page = isLinkedInPage(account.platformUserId);
  const [first, ...comments] = parts;
  if (first === undefined) return null;
  const textOf = (part: EditorPart) => part.variants[account.id] ?? part.text;
  const text = textOf(first);
  const ids = first.media.map((m) => m.mediaId);
  const linkHost = ids.length === 0 ? firstLinkHost(text) : null;
  return (
    <article
      className="li-card"
      aria-label={`Preview for ${shownHandle(account.platform, account.handle)}`}
    >
      <header className="li-author">
        <Avatar account={account} name={name} />
        <p className="li-author-text">
          <strong className="li-name">{name}</strong>
          <span className="li-meta">{page ? 'Company page' : 'Member'}</span>
          <span className="li-meta">Now · Anyone</span>
        </p>
      </header>
      <FoldedText text={text} />
      <MediaGrid ids={ids} media={media} />
      {ids.length > 1 && <p className="net-preview-note">{plural(ids.length, 'image')}</p>}
      {linkHost !== null && (
        <p className="net-preview-card">
          Link preview from {linkHost}: its title and picture, as LinkedIn reads the page
        </p>
      )}
      <p className="li-actions" aria-hidden="true">
        <span>Like</span>
        <span>Comment</span>
        <span>Repost</span>
        <span>Send</span>
      </p>
      {comments.length > 0 && (
        <ol className="li-comments" aria-label={`Comments by ${name}`}>
          {comments.map((part) => (
            <li key={part.key} className="li-comment">
              <Avatar account={account} name={name} small />
              <div className="li-bubble">
                <p className="li-comment-head">
                  <strong>{name}</strong> <span className="li-badge">Author</span>
                </p>
                <StyledText text={textOf(part)} network="linkedin" />
                {part.media.length > 0 && (
                  <p className="net-preview-note">
                    Comments go out as text only: move the media to the first part.
                  </p>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}

export function LinkedInPreview({ accounts, parts, media }: Props) {
  return (
    <section className="x-preview-list" aria-label="Preview on LinkedIn">
      <h2 className="x-preview-title">
        <NetworkIcon platform="linkedin" size={18} />
        Preview on LinkedIn
      </h2>
      {accounts.map((account) => (
        <LinkedInCard key={account.id} account={account} parts={parts} media={media} />
      ))}
    </section>
  );
}
