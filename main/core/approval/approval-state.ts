// Where each post stands with its client: the stored approval read against the post's
// current version ([Note: version hash]), for lists, the calendar and the scheduler.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ApprovalState } from '../../../shared/approval.ts';
import type { PostStatus } from '../../../shared/posts.ts';
import type { PostApprovalsTable } from '../db/schema-approval.ts';
import type { Schema } from '../db/schema.ts';
import { versionHash, versionHashes } from './version-hash.ts';

type Db = Kysely<Schema> | Transaction<Schema>;
type ApprovalRow = Pick<Selectable<PostApprovalsTable>, 'state' | 'version_hash'>;

/** Statuses of a post that has yet to go out, and so can wait for its client's word. */
const notYetOut: readonly PostStatus[] = ['draft', 'scheduled'];

/**
 * A stored approval as it stands now: an approval or a review in progress counts only for
 * the version it was given for; a request for changes stays until the post is sent again
 * (it says what the client wants, whatever was edited since).
 */
export function effectiveApproval(
  row: ApprovalRow | undefined,
  currentHash: string | null,
): ApprovalState {
  if (row === undefined) return 'none';
  if (row.state === 'changes_requested') return 'changes_requested';
  return row.version_hash === currentHash ? row.state : 'none';
}

export interface PostApprovalView {
  approval: ApprovalState;
  /** The client requires approval, the post has yet to go out, and it is not approved. */
  needsApproval: boolean;
}

/**
 * Each post's approval, with one query per table for the lot (never one per post).
 * `client_id` is the client's id (clients.id), which callers join for or already know.
 */
export async function approvalViews(
  db: Db,
  posts: readonly { id: string; client_id: string; status: PostStatus }[],
): Promise<Map<string, PostApprovalView>> {
  const views = new Map<string, PostApprovalView>();
  if (posts.length === 0) return views;
  const clientIds = [...new Set(posts.map((p) => p.client_id))];
  const requiring = new Set(
    (
      await db
        .selectFrom('clients')
        .select('id')
        .where('id', 'in', clientIds)
        .where('require_approval', '=', 1)
        .execute()
    ).map((c) => c.id),
  );
  const rows = new Map<string, ApprovalRow>();
  const ids = posts.map((p) => p.id);
  for (let i = 0; i < ids.length; i += 500) {
    const found = await db
      .selectFrom('post_approvals')
      .select(['post_id', 'state', 'version_hash'])
      .where('post_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of found) rows.set(row.post_id, row);
  }
  // Only an approval or a review in progress depends on the version: hash just those.
  const hashes = await versionHashes(
    db,
    [...rows.entries()].filter(([, r]) => r.state !== 'changes_requested').map(([id]) => id),
  );
  for (const post of posts) {
    const approval = effectiveApproval(rows.get(post.id), hashes.get(post.id) ?? null);
    views.set(post.id, {
      approval,
      needsApproval:
        requiring.has(post.client_id) && approval !== 'approved' && notYetOut.includes(post.status),
    });
  }
  return views;
}

/** What the scheduler needs to know before a post's target goes out. */
export interface ApprovalCheck {
  postId: string;
  clientName: string;
  scheduledAt: number | null;
  /** The target's error code now (APPROVAL while it is held for approval). */
  targetErrorCode: string | null;
  /** Set while the target's network holds it, or may hold it ([Note: hand-off]). */
  holdKey: string | null;
  /** True when the client requires approval and this version of the post lacks it. */
  blocked: boolean;
}

export async function approvalCheckForTarget(
  db: Db,
  targetId: string,
): Promise<ApprovalCheck | null> {
  const row = await db
    .selectFrom('post_targets as t')
    .innerJoin('posts as p', 'p.seq', 't.post_seq')
    .innerJoin('clients as c', 'c.seq', 'p.client_seq')
    .leftJoin('post_approvals as a', 'a.post_id', 'p.id')
    .select([
      'p.id as postId',
      'p.scheduled_at as scheduledAt',
      't.error_code as targetErrorCode',
      't.hold_key as holdKey',
      'c.name as clientName',
      'c.require_approval',
      'a.state',
      'a.version_hash',
    ])
    .where('t.id', '=', targetId)
    .executeTakeFirst();
  if (row === undefined) return null;
  const { require_approval: required, state, version_hash: stored, ...facts } = row;
  if (required !== 1) return { ...facts, blocked: false };
  const hash = state === 'approved' ? await versionHash(db, row.postId) : null;
  const approval = effectiveApproval(
    state === null || stored === null ? undefined : { state, version_hash: stored },
    hash,
  );
  return { ...facts, blocked: approval !== 'approved' };
}
