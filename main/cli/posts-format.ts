// How posts read in the terminal: a table for lists, a page for one post.
import type { PostDetail, PostSummary, UnpublishResult } from '../../shared/posts.ts';
import { localTimeOf } from '../../shared/schedule-time.ts';
import { textTable } from './text-table.ts';
import { shownHandle } from '../../shared/networks/index.ts';

const when = (p: PostSummary) =>
  p.localTime === null ? 'not scheduled' : `${p.localTime.replace('T', ' ')} ${p.timezone}`;

const status = (s: string) => s.replace('_', ' ');

/** The approval column: blank for a post whose client has never been asked. */
const approval = (p: PostSummary) =>
  p.approval === 'none' ? (p.needsApproval ? 'needed' : '') : status(p.approval);

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

export function postsTable(posts: PostSummary[]): string {
  if (posts.length === 0) return 'No posts match.';
  const head = ['ID', 'WHEN', 'STATUS', 'APPROVAL', 'ACCOUNTS', 'TEXT'];
  const rows = posts.map((p) => [
    p.id,
    when(p),
    status(p.status),
    approval(p),
    p.targets.map((t) => shownHandle(t.platform, t.handle)).join(' '),
    clip(p.firstLine, 40),
  ]);
  return textTable(head, rows);
}

export function postLine(verb: string, p: PostSummary): string {
  return `${verb} post ${p.id}: ${status(p.status)}, ${when(p)} → ${p.targets.map((t) => shownHandle(t.platform, t.handle)).join(', ')}`;
}

/** What `posts unpublish` did: the post's line, then each account it is still on, and why. */
export function unpublishLines(r: UnpublishResult): string {
  return [
    postLine(
      r.failures.length === 0 ? 'Deleted' : r.deleted > 0 ? 'Partly deleted' : 'Not deleted',
      r.post,
    ),
    ...r.failures.map((f) => `  still on @${f.handle}: ${f.message}`),
  ].join('\n');
}

function targetLines(p: PostSummary): string[] {
  return p.targets.flatMap((t) => [
    `  @${t.handle}  ${status(t.status)}  (attempts: ${String(t.attempts)})`,
    ...(t.remoteUrl === null ? [] : [`    ${t.remoteUrl}  (id ${t.remoteId ?? ''})`]),
    ...(t.errorMessage === null ? [] : [`    error ${t.errorCode ?? ''}: ${t.errorMessage}`]),
  ]);
}

export function postPage(p: PostDetail): string {
  const handles = new Map(p.targets.map((t) => [t.accountId, t.handle]));
  const targetHandle = new Map(p.targets.map((t) => [t.id, t.handle]));
  const parts = p.parts.flatMap((part) => [
    `  ${String(part.position + 1)}. ${part.text.replaceAll('\n', '\n     ')}`,
    ...Object.entries(part.variants).map(
      ([accountId, text]) => `     for @${handles.get(accountId) ?? accountId}: ${text}`,
    ),
    ...part.media.map(
      (m) => `     [${m.kind} ${m.mediaId}]${m.altText === '' ? '' : ` alt: ${m.altText}`}`,
    ),
  ]);
  const events = p.events.map((e) => {
    const who = e.targetId === null ? '' : ` @${targetHandle.get(e.targetId) ?? e.targetId}`;
    const detail = Object.keys(e.detail).length === 0 ? '' : ` ${JSON.stringify(e.detail)}`;
    return `  ${localTimeOf(e.at, p.timezone).replace('T', ' ')}  ${e.type}${who}${detail}`;
  });
  return [
    `Post ${p.id}`,
    `  status  ${status(p.status)}`,
    `  approval ${status(p.approval)}${p.needsApproval ? ' (needed before it can go out)' : ''}`,
    `  when    ${when(p)}`,
    `  client  ${p.clientId}`,
    ...(p.campaignId === null ? [] : [`  campaign ${p.campaignId}`]),
    'Targets:',
    ...targetLines(p),
    'Parts:',
    ...parts,
    'Event log:',
    ...events,
  ].join('\n');
}
