// Posts still to come (and failed or missed ones awaiting a decision), each at its time in
// its client's zone, with the client's colour, its status and where it goes (each
// account with its network's mark).
import { useId, useState } from 'react';
import type { PostStatus, PostSummary } from '../../../../shared/posts.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';
import { showError, showToast } from '../../app/toasts/toast-store.ts';
import { Modal } from '../../app/ui/modal.tsx';
import { useAccounts } from '../accounts/accounts-store.ts';
import { NetworkIcon } from '../accounts/networks/network-icon.tsx';
import { useClients } from '../clients/clients-store.ts';
import { formatInZone } from './format-time.ts';
import { useUpcoming } from './upcoming-store.ts';
import { BusyButton } from '../../app/ui/busy-button.tsx';
import { ApprovalBadge } from '../review/approval-badge.tsx';
import { useReview } from '../review/review-store.ts';

const statusText: Record<PostStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  publishing: 'Publishing',
  published: 'Published',
  partially_published: 'Partly published',
  failed: 'Failed',
  needs_review: 'Needs review',
  cancelled: 'Cancelled',
  missed: 'Missed',
  deleted: 'Deleted',
};

const retryable = new Set<PostStatus>(['failed', 'missed']);

export function UpcomingList() {
  const uid = useId();
  const posts = useUpcoming((s) => s.posts);
  const status = useUpcoming((s) => s.status);
  const loadError = useUpcoming((s) => s.loadError);
  const load = useUpcoming((s) => s.load);
  const cancel = useUpcoming((s) => s.cancel);
  const retry = useUpcoming((s) => s.retry);
  const clients = useClients((s) => s.clients);
  const accounts = useAccounts((s) => s.accounts);
  const [cancelling, setCancelling] = useState<PostSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [needingApproval, setNeedingApproval] = useState(false);
  const sendForReview = useReview((s) => s.send);
  const shown = needingApproval ? posts.filter((p) => p.needsApproval) : posts;

  async function confirmCancel(post: PostSummary) {
    setBusy(true);
    const result = await cancel(post.id);
    setBusy(false);
    setCancelling(null);
    if (result.ok) showToast(`Cancelled “${post.firstLine}”.`);
    else showError(result.error.message);
  }

  async function runSend(post: PostSummary) {
    const result = await sendForReview({ clientId: post.clientId, postIds: [post.id] });
    if (result.ok)
      showToast(`Saved a review packet for “${post.firstLine}”: send it to the client.`);
    else showError(result.error.message);
  }

  async function runRetry(post: PostSummary) {
    const result = await retry(post.id);
    if (result.ok) showToast(`Retrying “${post.firstLine}”.`);
    else showError(result.error.message);
  }

  return (
    <section className="upcoming" aria-labelledby={`${uid}-title`}>
      <div className="upcoming-header">
        <h2 id={`${uid}-title`}>Upcoming</h2>
        <label className="hand-off-toggle">
          <input
            type="checkbox"
            checked={needingApproval}
            onChange={(e) => {
              setNeedingApproval(e.currentTarget.checked);
            }}
          />
          Needs approval
        </label>
      </div>
      {status === 'loading' && posts.length === 0 ? (
        <p className="muted" role="status">
          Loading posts…
        </p>
      ) : status === 'error' ? (
        <div className="form-alert" role="alert">
          Posts could not be loaded. {loadError}{' '}
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              void load();
            }}
          >
            Try again
          </button>
        </div>
      ) : shown.length === 0 ? (
        <p className="muted">
          {needingApproval ? 'No upcoming post needs approval.' : 'Nothing scheduled yet.'}
        </p>
      ) : (
        <ul className="upcoming-list" aria-label="Upcoming posts">
          {shown.map((post) => {
            const client = clients.find((c) => c.id === post.clientId);
            return (
              <li key={post.id} className="panel upcoming-item">
                <span
                  className="upcoming-colour"
                  style={{ background: client?.color ?? 'var(--border-strong)' }}
                  aria-hidden="true"
                />
                <div className="upcoming-body">
                  <p className="upcoming-when">
                    {post.scheduledAt === null ? (
                      'No time set'
                    ) : (
                      <time dateTime={new Date(post.scheduledAt).toISOString()}>
                        {formatInZone(post.scheduledAt, post.timezone)}
                      </time>
                    )}{' '}
                    <span className="muted">
                      {post.timezone}
                      {client === undefined ? '' : ` · ${client.name}`}
                    </span>
                  </p>
                  <p className="upcoming-text" title={post.firstLine}>
                    {post.firstLine}
                  </p>
                  <p className="upcoming-meta">
                    <span className={`upcoming-status upcoming-status-${post.status}`}>
                      {statusText[post.status]}
                    </span>
                    <ApprovalBadge post={post} />
                    {post.targets.map((t) => {
                      const platform = accounts.find((a) => a.id === t.accountId)?.platform;
                      return (
                        <span key={t.id} className="upcoming-target">
                          {platform !== undefined && (
                            <NetworkIcon platform={platform} size={12} named />
                          )}{' '}
                          {shownHandle(platform, t.handle)}
                          {t.status !== post.status && ` (${statusText[t.status]})`}
                        </span>
                      );
                    })}
                  </p>
                </div>
                <div className="upcoming-actions">
                  {post.needsApproval && post.approval !== 'in_review' && (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={`Send for review: ${post.firstLine}`}
                      onClick={() => {
                        void runSend(post);
                      }}
                    >
                      Send for review
                    </button>
                  )}
                  {retryable.has(post.status) && (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={`Retry ${post.firstLine}`}
                      onClick={() => {
                        void runRetry(post);
                      }}
                    >
                      Retry
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    aria-label={`Cancel ${post.firstLine}`}
                    onClick={() => {
                      setCancelling(post);
                    }}
                  >
                    Cancel
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {cancelling !== null && (
        <Modal
          role="alertdialog"
          size="small"
          labelledBy={`${uid}-cancel-title`}
          describedBy={`${uid}-cancel-text`}
          onClose={() => {
            setCancelling(null);
          }}
        >
          <header className="modal-header">
            <h2 id={`${uid}-cancel-title`}>Cancel this post?</h2>
          </header>
          <div className="modal-body" id={`${uid}-cancel-text`}>
            <p>
              “{cancelling.firstLine}” will not be published. Parts already out stay on their
              networks.
            </p>
          </div>
          <footer className="modal-footer">
            <button
              type="button"
              className="button button-secondary"
              data-autofocus
              onClick={() => {
                setCancelling(null);
              }}
            >
              Keep it
            </button>
            <BusyButton
              variant="danger"
              busy={busy}
              onClick={() => {
                void confirmCancel(cancelling);
              }}
            >
              Cancel post
            </BusyButton>
          </footer>
        </Modal>
      )}
    </section>
  );
}
