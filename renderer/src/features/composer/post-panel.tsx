// A scheduled, published or failed post opened from the calendar, a notification or the
// tray (`#/composer?post=ID`): what it says, where it goes and how each account fared,
// its recent history, and what can still be done — move it, cancel it, try again, delete
// it from its networks.
// Drafts open in the editor instead; editing a scheduled post's text is not offered yet.
import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import type { PostDetail } from '../../../../shared/posts.ts';
import { localTimeOf } from '../../../../shared/schedule-time.ts';
import { getBridge } from '../../bridge/bridge.ts';
import { showError, showToast } from '../../app/toasts/toast-store.ts';
import { useAccounts } from '../accounts/accounts-store.ts';
import { NetworkIcon } from '../accounts/networks/network-icon.tsx';
import { networkNames } from '../accounts/networks/network-glyphs.ts';
import { eventWords } from './event-words.ts';
import { formatInZone } from './format-time.ts';
import { ApprovalBadge } from '../review/approval-badge.tsx';
import { onNetwork, UnpublishDialog } from './unpublish-dialog.tsx';

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
  };
}

/** The `post` of `#/composer?post=ID`, or null. */
function openedPostId(): string | null {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  return at < 0 ? null : new URLSearchParams(hash.slice(at + 1)).get('post');
}

const movable = new Set(['scheduled', 'failed', 'missed', 'needs_review']);
const retriable = new Set(['failed', 'missed', 'needs_review', 'partially_published']);
const cancellable = new Set(['scheduled', 'failed', 'missed', 'needs_review']);

export function PostPanel() {
  const postId = useSyncExternalStore(subscribe, openedPostId);
  // A fresh panel per post: nothing of the last one lingers while the next loads.
  return postId === null ? null : <OpenedPost key={postId} postId={postId} />;
}

function OpenedPost({ postId }: { postId: string }) {
  const uid = useId();
  const [post, setPost] = useState<PostDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [when, setWhen] = useState('');
  const [deleting, setDeleting] = useState(false);
  const accounts = useAccounts((s) => s.accounts);

  /** Bumped after an action, so the post is read again. */
  const [version, setVersion] = useState(0);
  const reload = () => {
    setVersion((v) => v + 1);
  };

  useEffect(() => {
    let live = true;
    const fetchPost = () =>
      getBridge()
        .invoke('posts:get', { id: postId })
        .then((result) => {
          if (!live) return;
          if (!result.ok) {
            setError(result.error.message);
            setPost(null);
            return;
          }
          setError(null);
          setPost(result.value);
          const { scheduledAt, timezone } = result.value;
          setWhen(scheduledAt === null ? '' : localTimeOf(scheduledAt, timezone).slice(0, 16));
        });
    void fetchPost();
    const off = getBridge().on('post:saved', ({ post: saved }) => {
      if (saved.id === postId) void fetchPost();
    });
    return () => {
      live = false;
      off();
    };
  }, [postId, version]);

  if (post !== null && post.status === 'draft') return null;
  const close = () => {
    window.location.hash = '#/composer';
  };
  if (post === null) {
    return error === null ? null : (
      <section className="panel post-panel" role="alert">
        <p>This post could not be opened: {error}</p>
        <button type="button" className="button button-secondary" onClick={close}>
          Close
        </button>
      </section>
    );
  }

  // The last delete that stopped, per account, until the account is deleted after all.
  const deleteFailures = new Map<string, string>();
  for (const e of post.events) {
    if (e.targetId === null) continue;
    if (e.type === 'target.delete-failed') deleteFailures.set(e.targetId, String(e.detail.message));
    else if (e.type === 'target.deleted') deleteFailures.delete(e.targetId);
  }

  const act = async (
    label: string,
    call: () => ReturnType<ReturnType<typeof getBridge>['invoke']>,
  ) => {
    const result = await call();
    if (result.ok) showToast(`${label} “${post.firstLine}”.`);
    else showError(result.error.message);
    reload();
  };

  return (
    <section className="panel post-panel" aria-labelledby={`${uid}-title`}>
      <header className="post-panel-header">
        <h2 id={`${uid}-title`}>Post: {post.status.replaceAll('_', ' ')}</h2>
        <button type="button" className="button button-secondary button-small" onClick={close}>
          Close
        </button>
      </header>
      {post.scheduledAt !== null && (
        <p>
          {formatInZone(post.scheduledAt, post.timezone)} ({post.timezone}){' '}
          <ApprovalBadge post={post} />
        </p>
      )}
      <ol className="post-panel-parts" aria-label="Thread">
        {post.parts.map((part) => (
          <li key={part.position}>
            <p className="post-panel-text">{part.text}</p>
            {part.media.length > 0 && (
              <p className="muted">
                {part.media
                  .map((m) => `${m.kind}${m.altText === '' ? '' : `: ${m.altText}`}`)
                  .join(' · ')}
              </p>
            )}
          </li>
        ))}
      </ol>
      <ul className="post-panel-targets" aria-label="Accounts">
        {post.targets.map((t) => {
          // A removed account is no longer listed: its network is then unknown here.
          const platform = accounts.find((a) => a.id === t.accountId)?.platform;
          return (
            <li key={t.id}>
              {platform !== undefined && <NetworkIcon platform={platform} size={14} named />} @
              {t.handle}: {t.status.replaceAll('_', ' ')}
              {t.remoteUrl !== null && (
                <>
                  {' '}
                  <a href={t.remoteUrl} target="_blank" rel="noreferrer">
                    {platform === undefined ? 'view post' : `view on ${networkNames[platform]}`}
                  </a>
                </>
              )}
              {t.heldUntil !== null && (
                <span className="muted">
                  {' '}
                  — held by {platform === undefined
                    ? 'its server'
                    : networkNames[platform]} until {formatInZone(t.heldUntil, post.timezone)}; it
                  goes out even while this computer sleeps
                </span>
              )}
              {t.errorMessage !== null && <span className="muted"> — {t.errorMessage}</span>}
              {deleteFailures.has(t.id) && (
                <span className="post-panel-warning">
                  {' '}
                  — not deleted: {deleteFailures.get(t.id)}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <div className="post-panel-actions">
        {movable.has(post.status) && (
          <form
            className="post-panel-move"
            onSubmit={(event) => {
              event.preventDefault();
              void act('Moved', () =>
                getBridge().invoke('posts:reschedule', {
                  id: post.id,
                  when: { at: when.replace('T', ' '), timezone: post.timezone },
                }),
              );
            }}
          >
            <label className="field">
              <span className="field-label">New time ({post.timezone})</span>
              <input
                type="datetime-local"
                className="input"
                value={when}
                onChange={(e) => {
                  setWhen(e.target.value);
                }}
              />
            </label>
            <button type="submit" className="button button-primary">
              Reschedule
            </button>
          </form>
        )}
        {retriable.has(post.status) && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              void act('Retrying', () => getBridge().invoke('posts:retry', { id: post.id }));
            }}
          >
            Try again now
          </button>
        )}
        {cancellable.has(post.status) && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              if (window.confirm(`Cancel “${post.firstLine}”? It will not be published.`)) {
                void act('Cancelled', () => getBridge().invoke('posts:cancel', { id: post.id }));
              }
            }}
          >
            Cancel post
          </button>
        )}
        {post.status !== 'publishing' && onNetwork(post).length > 0 && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setDeleting(true);
            }}
          >
            Delete from networks…
          </button>
        )}
      </div>
      {deleting && (
        <UnpublishDialog
          post={post}
          onDone={() => {
            setDeleting(false);
            reload();
          }}
        />
      )}
      {/* Posts imported or made before history was kept have none: no empty disclosure. */}
      {post.events.length > 0 && (
        <details>
          <summary>History ({post.events.length})</summary>
          <ol className="post-panel-events">
            {post.events.slice(-20).map((e) => (
              <li key={e.id}>
                {formatInZone(e.at, post.timezone)} — {eventWords(post, e)}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
