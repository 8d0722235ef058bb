// A post's history in words for the post panel: what happened, to which account, and why,
// from the events the core appends (posts/lifecycle.ts, services/posts.ts, the scheduler's
// missed policy, the client's approval in approval/decisions.ts). An event this version does not know still reads as words, never as its
// internal name.
import type { PostDetail, PostEventView, PostStatus } from '../../../../shared/posts.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';
import { statusLabel } from '../calendar/status-label.ts';
import { formatInZone } from './format-time.ts';

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;
const count = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function minutes(ms: unknown): string {
  const n = count(ms);
  if (n === null) return '';
  const total = Math.round(n / 60_000);
  if (total < 1) return ' (less than a minute late)';
  if (total < 120) return ` (${String(total)} min late)`;
  return ` (${String(Math.round(total / 60))} h late)`;
}

/** "@handle" for the event's account, or null for an event about the whole post. */
function accountOf(post: PostDetail, event: PostEventView): string | null {
  const target = post.targets.find((t) => t.id === event.targetId);
  return target === undefined ? null : shownHandle(target.platform, target.handle);
}

function statusWord(value: unknown): string | null {
  const status = text(value);
  return status !== null && status in statusLabel
    ? statusLabel[status as PostStatus].toLowerCase()
    : null;
}

/** The event as one line, without its time. */
export function eventWords(post: PostDetail, event: PostEventView): string {
  const d = event.detail;
  const on = accountOf(post, event);
  const to = on === null ? '' : ` to ${on}`;
  const reason = text(d.message) ?? text(d.reason);
  const because = reason === null ? '' : `: ${reason}`;
  const part = count(d.position);
  const partName =
    post.parts.length < 2 ? 'the post' : part === null ? 'a part' : `part ${String(part + 1)}`;
  const when = (at: unknown, zone: unknown) => {
    const instant = count(at);
    return instant === null ? '' : ` for ${formatInZone(instant, text(zone) ?? post.timezone)}`;
  };
  switch (event.type) {
    case 'post.scheduled':
      return `Scheduled${when(d.scheduledAt, d.timezone)}`;
    case 'post.rescheduled': {
      const moved = d.to as { scheduledAt?: unknown; timezone?: unknown } | undefined;
      return `Moved${when(moved?.scheduledAt, moved?.timezone)}`;
    }
    case 'post.cancelled':
      return 'Cancelled';
    case 'post.retried':
      return 'Sent again on request';
    case 'post.missed': {
      // Why, as the missed sweep found it (scheduler/missed-policy.ts).
      const late = minutes(d.lateByMs);
      if (d.heldFor === 'approval') return `Missed: the client had not approved it in time${late}`;
      if (d.heldFor === 'reconnect') return `Missed: its account needed reconnecting${late}`;
      const failing = text(d.failing);
      if (failing !== null) return `Missed${late}: ${failing}`;
      return `Missed: Starling was closed, asleep or paused at its time${late}`;
    }
    case 'approval.sent':
      return 'Sent to the client for review';
    case 'approval.approved':
      return `Approved by ${text(d.by) ?? 'the client'}${text(d.comment) === null ? '' : `: “${String(d.comment)}”`}`;
    case 'approval.changes-requested':
      return `Changes requested by ${text(d.by) ?? 'the client'}${text(d.comment) === null ? '' : `: “${String(d.comment)}”`}`;
    case 'approval.reminded':
      return 'Reminded you: due within a day and not approved yet';
    case 'post.status': {
      const status = statusWord(d.to);
      return status === null ? 'Status changed' : `Now ${status}`;
    }
    case 'target.publishing':
      return `Publishing${to}`;
    case 'target.published':
      return `Published${to}`;
    case 'target.retry':
      return `Will try again${to}${because}`;
    case 'target.not-sent':
      // Past its grace window, not found by a look-up or never sent: missed, not sent late.
      return `Not sent${to}${because}`;
    case 'target.held':
      return `Held${to}${because}`;
    case 'target.failed':
      return `Failed${to}${because}`;
    case 'target.late':
      return `Sending late${to}${minutes(d.lateByMs)}`;
    case 'target.missed':
      return `Missed${to}${minutes(d.lateByMs)}`;
    case 'target.reconciled':
      return `Found ${partName} already posted${to} after an unanswered attempt`;
    case 'target.restored': {
      // A restore carried forward what the replaced database knew ([Note: restore
      // reconciliation]), or could not tell whether the post went out.
      const where = on === null ? '' : ` (${on})`;
      if (d.unknown === true)
        return `Restored from a backup: not known whether it went out${where}`;
      if (d.held === true) return `Restored from a backup: its network still holds it${where}`;
      return `Restored from a backup: ${statusWord(d.to) ?? 'updated'}${where}`;
    }
    case 'target.deleted':
      return `Deleted from the network${on === null ? '' : ` (${on})`}`;
    case 'target.delete-failed':
      return `Could not delete${on === null ? '' : ` from ${on}`}${because}`;
    case 'part.sending':
      return `Sending ${partName}${to}`;
    case 'part.posted':
      return `Posted ${partName}${to}`;
    case 'part.failed':
      return `Sending ${partName}${to} failed${because}`;
    case 'media.uploaded':
      return `Uploaded media${to}`;
    case 'part.removed':
      return `Deleted ${partName}${on === null ? '' : ` of ${on}`}`;
    default: {
      // A newer event: its name in words ("target.needs-look" → "Needs look").
      const name = event.type.slice(event.type.indexOf('.') + 1).replaceAll(/[-_]/g, ' ');
      return `${name.charAt(0).toUpperCase()}${name.slice(1)}${on === null ? '' : ` (${on})`}`;
    }
  }
}
