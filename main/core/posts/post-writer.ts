// The one way the post lifecycle writes: each change is one short transaction that
// appends to the post's event log and, where a target's status changed, rolls the post's
// status up from its targets'. Events reach listeners only once their transaction
// committed. Used by the publishing writes (lifecycle.ts) and the deleting ones
// (removal.ts).
import type { Kysely, Transaction } from 'kysely';
import { postSeqOf } from '../db/post-numbers.ts';
import { remoteUrlColumns } from '../db/remote-urls.ts';
import type { Schema } from '../db/schema.ts';
import { rolledUpStatus, type TargetStatus } from './rolled-up-status.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

export interface PublishEvent {
  postId: string;
  targetId: string | null;
  type: string;
  detail: Record<string, unknown>;
  at: number;
}

export function createPostWriter(
  db: Kysely<Schema>,
  now: () => number,
  onEvent: (event: PublishEvent) => void,
) {
  async function append(
    trx: Db,
    postId: string,
    targetId: string | null,
    type: string,
    detail: Record<string, unknown> = {},
  ): Promise<PublishEvent> {
    const event = { postId, targetId, type, detail, at: now() };
    await trx
      .insertInto('post_events')
      .values({
        post_id: postId,
        target_id: targetId,
        type,
        detail: JSON.stringify(detail),
        at: event.at,
      })
      .execute();
    return event;
  }

  /** Runs `work` in a transaction and publishes its events only once it committed. */
  async function write(work: (trx: Transaction<Schema>, events: PublishEvent[]) => Promise<void>) {
    const events: PublishEvent[] = [];
    await db.transaction().execute((trx) => work(trx, events));
    for (const event of events) onEvent(event);
  }

  async function rollUp(trx: Transaction<Schema>, postId: string, events: PublishEvent[]) {
    const post = await trx
      .selectFrom('posts')
      .select(['status', 'published_at'])
      .where('id', '=', postId)
      .executeTakeFirstOrThrow();
    const targets = await trx
      .selectFrom('post_targets')
      .select(['status', 'published_at'])
      .where('post_seq', '=', postSeqOf(postId))
      .execute();
    const status = rolledUpStatus(
      post.status,
      targets.map((t) => t.status),
    );
    const publishedAt = targets
      .map((t) => t.published_at)
      .filter((t): t is number => t !== null)
      .reduce<number | null>((a, b) => (a === null ? b : Math.min(a, b)), null);
    if (status === post.status && publishedAt === post.published_at) return;
    await trx
      .updateTable('posts')
      .set({ status, published_at: publishedAt, updated_at: now() })
      .where('id', '=', postId)
      .execute();
    if (status !== post.status) {
      events.push(
        await append(trx, postId, null, 'post.status', { from: post.status, to: status }),
      );
    }
  }

  async function setTarget(
    trx: Transaction<Schema>,
    targetId: string,
    values: {
      status: TargetStatus;
      error_code?: string | null;
      error_message?: string | null;
      published_at?: number | null;
    } & TargetLink,
  ) {
    // The link is kept as a prefix before the remote id when it is one ([Note: links by
    // prefix] in migration 0043), whole otherwise.
    const { remote_url: url, ...columns } = values;
    const link =
      url === undefined ? {} : await remoteUrlColumns(trx, url, values.remote_id ?? null);
    await trx
      .updateTable('post_targets')
      .set({ ...columns, ...link, updated_at: now() })
      .where('id', '=', targetId)
      .execute();
  }

  return { append, write, rollUp, setTarget };
}

export type PostWriter = ReturnType<typeof createPostWriter>;

/**
 * A target's remote id and link are written together: the link may be kept as a prefix
 * before the id ([Note: links by prefix] in migration 0043), so an id changed alone would
 * change the link with it.
 */
type TargetLink =
  | { remote_id?: undefined; remote_url?: undefined }
  | { remote_id: string | null; remote_url: string | null };
