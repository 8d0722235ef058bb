// The texts of the native notifications: one per publish (the user may turn those off)
// and always one per failure, missed post or account that needs reconnecting. Decided
// from a status change, so a post saved twice in the same state notifies once.
import type { SocialAccount } from '../../shared/accounts.ts';
import { networkRules, shownHandle } from '../../shared/networks/index.ts';
import type { PostStatus, PostSummary } from '../../shared/posts.ts';
import { shortLine } from '../../shared/short-text.ts';

export type NotifiableEvent =
  | { type: 'post'; post: PostSummary; previous: PostStatus | undefined }
  /** Due within a day and not approved by its client (the core says so once per version). */
  | { type: 'approval-reminder'; post: PostSummary; clientName: string }
  | { type: 'account'; account: SocialAccount; previous: SocialAccount['status'] | undefined };

export interface NotificationText {
  title: string;
  body: string;
  /** 'publish' notifications honour notifyOnPublish; 'problem' ones always show. */
  kind: 'publish' | 'problem';
  /** The post a click should open, when there is one. */
  postId: string | null;
}

const quote = (text: string) => {
  const line = shortLine(text, 80);
  return line === '' ? 'A post' : `“${line}”`;
};

const handles = (post: PostSummary, statuses: readonly string[]) =>
  post.targets
    .filter((t) => statuses.includes(t.status))
    .map((t) => shownHandle(t.platform, t.handle))
    .join(', ');

/** `words` as a sentence of its own: capitalised, ending in a full stop. */
const sentence = (words: string) => {
  const start = `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
  return /[.!?]$/.test(start) ? start : `${start}.`;
};

const firstError = (post: PostSummary) =>
  post.targets.find((t) => t.errorMessage !== null)?.errorMessage ?? null;

function forPost(post: PostSummary): NotificationText | null {
  const text = quote(post.firstLine);
  const base = { postId: post.id };
  switch (post.status) {
    case 'published':
      return {
        ...base,
        kind: 'publish',
        title: 'Published',
        body: `${text} is live on ${handles(post, ['published'])}.`,
      };
    case 'partially_published': {
      const error = firstError(post);
      return {
        ...base,
        kind: 'problem',
        title: 'Partly published',
        body: `${text} is live on ${handles(post, ['published'])} but not on ${handles(post, ['failed', 'needs_review', 'missed'])}.${error === null ? '' : ` ${error}`}`,
      };
    }
    case 'failed': {
      const error = firstError(post);
      return {
        ...base,
        kind: 'problem',
        title: 'Post failed',
        body: `${text} could not be published.${error === null ? '' : ` ${error}`}`,
      };
    }
    case 'needs_review':
      return {
        ...base,
        kind: 'problem',
        title: 'Post needs a check',
        body: `${text} may not have gone out in full. Open it to check before retrying.`,
      };
    case 'missed': {
      // The missed sweep's reason on the account that missed it ("Missed: …"), if any:
      // an outage, a reconnect, the client's approval, or a look-up that found it absent.
      const error = post.targets.find((t) => t.status === 'missed')?.errorMessage ?? null;
      const reason =
        error === null
          ? 'It was due while Starling was closed, asleep or paused, past its grace window.'
          : sentence(error.replace(/^Missed: /, ''));
      return {
        ...base,
        kind: 'problem',
        title: 'Post missed',
        body: `${text} did not go out in time. ${reason} Reschedule it.`,
      };
    }
    // Nothing to tell: still on its way, or the user's own act (cancelling, deleting).
    case 'draft':
    case 'scheduled':
    case 'publishing':
    case 'cancelled':
    case 'deleted':
      return null;
  }
}

/** The notification for a change, or null when it deserves none. */
export function notificationFor(event: NotifiableEvent): NotificationText | null {
  if (event.type === 'post') {
    if (event.post.status === event.previous) return null;
    return forPost(event.post);
  }
  if (event.type === 'approval-reminder') {
    return {
      kind: 'problem',
      title: 'Waiting for approval',
      body: `${quote(event.post.firstLine)} is due within a day and ${event.clientName} has not approved it. It will not go out until they do.`,
      postId: event.post.id,
    };
  }
  const { account } = event;
  if (account.status !== 'needs_reauth' || event.previous === 'needs_reauth') return null;
  return {
    kind: 'problem',
    title: 'Reconnect an account',
    body: `${networkRules[account.platform].label} no longer accepts Starling for ${shownHandle(account.platform, account.handle)}. Its posts wait until you reconnect it.`,
    postId: null,
  };
}

/** Whether to show it, given the user's choice about publish notifications. */
export function shouldNotify(text: NotificationText, notifyOnPublish: boolean): boolean {
  return text.kind === 'problem' || notifyOnPublish;
}
