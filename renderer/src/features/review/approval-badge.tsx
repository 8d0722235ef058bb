// Where a post stands with its client, as a small badge in lists: needs approval, sent for
// review (when), changes requested (with the comment on hover), or approved (by whom).
// Nothing for a post whose client does not require approval and was never asked.
import type { PostSummary } from '../../../../shared/posts.ts';
import { lastSent, useReview } from './review-store.ts';
import './review.css';

const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

export function approvalText(
  post: Pick<PostSummary, 'id' | 'approval' | 'needsApproval'>,
  sentAt: number | null,
): string | null {
  switch (post.approval) {
    case 'approved':
      return 'Approved';
    case 'changes_requested':
      return 'Changes requested';
    case 'in_review':
      return sentAt === null ? 'In review' : `Sent for review ${day.format(sentAt)}`;
    case 'none':
      return post.needsApproval ? 'Needs approval' : null;
  }
}

export function ApprovalBadge({ post }: { post: PostSummary }) {
  const packets = useReview((s) => s.packets);
  const sent = lastSent(packets, post.id);
  const text = approvalText(post, sent?.packet.createdAt ?? null);
  if (text === null) return null;
  const decided = sent?.post.decidedBy ?? null;
  const title =
    post.approval === 'changes_requested' && sent?.post.comment != null
      ? `${decided ?? 'The client'}: ${sent.post.comment}`
      : post.approval === 'approved' && decided !== null
        ? `Approved by ${decided}`
        : undefined;
  return (
    <span className="approval-badge" data-approval={post.approval} title={title}>
      {text}
    </span>
  );
}
