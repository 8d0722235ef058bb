// Reading posts: summaries for lists and push events, the full detail for one post. Each
// list is one index range over posts plus one lookup per related table, never a query
// per post.
import type { Kysely, Transaction } from 'kysely';
import type { ParsedInput } from '../../../shared/ipc/contract.ts';
import {
  networkOptionsInput,
  type NetworkOptions,
  type PostDetail,
  type PostEventView,
  type PostPartView,
  type PostSummary,
  type PostTargetView,
} from '../../../shared/posts.ts';
import { failure } from '../../../shared/result.ts';
import { clientSeqOf, postSeqOf } from '../db/post-numbers.ts';
import { remoteUrlOf } from '../db/remote-urls.ts';
import type { Schema } from '../db/schema.ts';
import { approvalViews } from '../approval/approval-state.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

const defaultListLimit = 500;

/**
 * Posts with their client's id, which posts names by number ([Note: posts by number] in
 * migrations/0042-posts-by-number.ts).
 */
function postsWithClient(db: Db) {
  return db
    .selectFrom('posts as p')
    .innerJoin('clients as c', 'c.seq', 'p.client_seq')
    .selectAll('p')
    .select('c.id as client_id');
}

/** The posts query of `posts:list`; exported so a test can check its plan uses an index. */
export function listQuery(db: Db, input: ParsedInput<'posts:list'>) {
  let query = postsWithClient(db);
  if (input.clientId !== undefined) {
    query = query.where('p.client_seq', '=', clientSeqOf(input.clientId));
  }
  if (input.status !== undefined) query = query.where('p.status', '=', input.status);
  if (input.from !== undefined) query = query.where('p.scheduled_at', '>=', input.from);
  if (input.to !== undefined) query = query.where('p.scheduled_at', '<', input.to);
  return query
    .orderBy('p.scheduled_at')
    .orderBy('p.id')
    .limit(input.limit ?? defaultListLimit);
}

/** A target's stored options; anything damaged or unknown reads as none. */
function storedOptions(json: string): NetworkOptions {
  try {
    const parsed = networkOptionsInput.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

type PostRow = Awaited<ReturnType<ReturnType<typeof listQuery>['execute']>>[number];

async function summarize(db: Db, posts: PostRow[]): Promise<PostSummary[]> {
  if (posts.length === 0) return [];
  const ids = posts.map((p) => p.id);
  const targets = await db
    .selectFrom('post_targets as t')
    .innerJoin('posts as p', 'p.seq', 't.post_seq')
    .innerJoin('social_accounts as a', 'a.seq', 't.account_seq')
    .select([
      'p.id as post_id',
      't.id',
      'a.id as account_id',
      'a.handle',
      'a.platform',
      't.options',
      't.hold_id',
      't.hold_at',
      't.status',
      't.remote_id',
      remoteUrlOf('t').as('remote_url'),
      't.error_code',
      't.error_message',
      't.attempts',
      't.published_at',
    ])
    .where('p.id', 'in', ids)
    .orderBy('t.post_seq')
    .orderBy('a.handle')
    .execute();
  const firstParts = await db
    .selectFrom('post_parts as pp')
    .innerJoin('posts as p', 'p.seq', 'pp.post_seq')
    .select(['p.id as post_id', 'pp.text'])
    .where('p.id', 'in', ids)
    .where('pp.position', '=', 0)
    .execute();
  const byPost = new Map<string, PostTargetView[]>();
  for (const t of targets) {
    const list = byPost.get(t.post_id) ?? [];
    list.push({
      id: t.id,
      accountId: t.account_id,
      handle: t.handle,
      platform: t.platform,
      options: storedOptions(t.options),
      heldUntil: t.hold_id === null ? null : t.hold_at,
      status: t.status,
      remoteId: t.remote_id,
      remoteUrl: t.remote_url,
      errorCode: t.error_code,
      errorMessage: t.error_message,
      attempts: t.attempts,
      publishedAt: t.published_at,
    });
    byPost.set(t.post_id, list);
  }
  const firstLine = new Map(firstParts.map((p) => [p.post_id, p.text.split('\n', 1)[0] ?? '']));
  const approvals = await approvalViews(db, posts);
  return posts.map((post) => ({
    id: post.id,
    clientId: post.client_id,
    campaignId: post.campaign_id,
    status: post.status,
    scheduledAt: post.scheduled_at,
    timezone: post.timezone,
    localTime: post.local_time,
    firstLine: firstLine.get(post.id) ?? '',
    targets: byPost.get(post.id) ?? [],
    updatedAt: post.updated_at,
    approval: approvals.get(post.id)?.approval ?? 'none',
    needsApproval: approvals.get(post.id)?.needsApproval ?? false,
  }));
}

export async function listPosts(db: Db, input: ParsedInput<'posts:list'>): Promise<PostSummary[]> {
  return summarize(db, await listQuery(db, input).execute());
}

/** Summaries of the posts that exist among `ids`, in the order given. */
export async function findSummaries(db: Db, ids: string[]): Promise<PostSummary[]> {
  if (ids.length === 0) return [];
  const posts = await postsWithClient(db).where('p.id', 'in', ids).execute();
  const byId = new Map((await summarize(db, posts)).map((p) => [p.id, p]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function loadSummary(db: Db, id: string): Promise<PostSummary> {
  const post = await postsWithClient(db).where('p.id', '=', id).executeTakeFirst();
  if (post === undefined) throw failure('NOT_FOUND', `No post has the id ${id}.`);
  const [summary] = await summarize(db, [post]);
  if (summary === undefined) throw failure('NOT_FOUND', `No post has the id ${id}.`);
  return summary;
}

export async function loadDetail(db: Db, id: string): Promise<PostDetail> {
  const summary = await loadSummary(db, id);
  const parts = await db
    .selectFrom('post_parts')
    .select(['id', 'position', 'text'])
    .where('post_seq', '=', postSeqOf(id))
    .orderBy('position')
    .execute();
  const partIds = parts.map((p) => p.id);
  const variants =
    partIds.length === 0
      ? []
      : await db
          .selectFrom('post_part_variants')
          .select(['part_id', 'account_id', 'text'])
          .where('part_id', 'in', partIds)
          .execute();
  const media =
    partIds.length === 0
      ? []
      : await db
          .selectFrom('post_part_media as pm')
          .innerJoin('media_assets as m', 'm.id', 'pm.media_id')
          .select(['pm.part_id', 'pm.position', 'pm.media_id', 'pm.alt_text', 'm.kind'])
          .where('pm.part_id', 'in', partIds)
          .orderBy('pm.part_id')
          .orderBy('pm.position')
          .execute();
  const events = await db
    .selectFrom('post_events')
    .select(['id', 'target_id', 'type', 'detail', 'at'])
    .where('post_id', '=', id)
    .orderBy('id')
    .execute();
  const partViews: PostPartView[] = parts.map((part) => ({
    position: part.position,
    text: part.text,
    variants: Object.fromEntries(
      variants.filter((v) => v.part_id === part.id).map((v) => [v.account_id, v.text]),
    ),
    media: media
      .filter((m) => m.part_id === part.id)
      .map((m) => ({ mediaId: m.media_id, altText: m.alt_text, kind: m.kind })),
  }));
  const eventViews: PostEventView[] = events.map((e) => ({
    id: e.id,
    targetId: e.target_id,
    type: e.type,
    detail: JSON.parse(e.detail) as Record<string, unknown>,
    at: e.at,
  }));
  return { ...summary, parts: partViews, events: eventViews };
}
