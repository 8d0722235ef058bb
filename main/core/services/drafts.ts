// Drafts: posts with status 'draft' that the composer autosaves as the person types, and
// scheduling one (every posts:schedule rule plus X's per-file media limits). [Note: draft
// writes] A save replaces the draft's parts and targets in one transaction, so a crash
// mid-save leaves the previous save whole; drafts have no publish jobs and no events
// (an autosave every second would flood the history).
import type { Kysely, Transaction } from 'kysely';
import type { ParsedInput } from '../../../shared/ipc/contract.ts';
import type { PostDetail, PostSummary } from '../../../shared/posts.ts';
import { shownHandle } from '../../../shared/networks/index.ts';
import { failure } from '../../../shared/result.ts';
import { clientSeqOf, postSeqOf } from '../db/post-numbers.ts';
import type { Schema } from '../db/schema.ts';
import type { EventBus } from '../events.ts';
import type { Ports } from '../ports.ts';
import { findSummaries, loadDetail, loadSummary } from './posts-read.ts';
import { insertPartRows, insertTargetRows, newTargetRow, partRows } from './posts-write.ts';
import type { PostsService } from './posts.ts';
import { carryApproval } from '../approval/carry-over.ts';

type Trx = Transaction<Schema>;
type SaveInput = ParsedInput<'drafts:save'>;

/** The draft row, refusing a post that is not (or no longer) a draft. */
async function draftRow(db: Kysely<Schema> | Trx, id: string) {
  const row = await db
    .selectFrom('posts as p')
    .innerJoin('clients as c', 'c.seq', 'p.client_seq')
    .select(['p.id', 'c.id as client_id', 'p.campaign_id', 'p.status', 'p.updated_at'])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw failure('NOT_FOUND', `No draft has the id ${id}.`);
  if (row.status !== 'draft') {
    throw failure(
      'CONFLICT',
      `This post is ${row.status.replace('_', ' ')} now, not a draft: open it from the calendar to change it.`,
    );
  }
  return row;
}

/** [Note: draft base] The draft changed since the editor's base: nothing is written. */
function checkBase(row: { updated_at: number }, base: number | undefined): void {
  if (base === undefined || row.updated_at === base) return;
  throw failure(
    'CONFLICT',
    'This draft was changed somewhere else (another window, or the command line) after you opened it, so your changes here are not saved yet.',
    { details: { draftChanged: true } },
  );
}

/** Accounts and media named by a draft must exist and be the client's (nothing else is checked). */
async function checkOwnership(db: Kysely<Schema>, input: SaveInput): Promise<void> {
  if (input.accountIds.length > 0) {
    const rows = await db
      .selectFrom('social_accounts')
      .select(['id', 'client_id', 'platform', 'handle'])
      .where('id', 'in', input.accountIds)
      .execute();
    for (const id of input.accountIds) {
      const row = rows.find((r) => r.id === id);
      if (row === undefined) throw failure('NOT_FOUND', `No account has the id ${id}.`);
      if (row.client_id !== input.clientId) {
        throw failure(
          'VALIDATION',
          `${shownHandle(row.platform, row.handle)} belongs to another client: untick it.`,
        );
      }
    }
  }
  const mediaIds = [...new Set(input.parts.flatMap((p) => (p.media ?? []).map((m) => m.mediaId)))];
  if (mediaIds.length > 0) {
    const rows = await db
      .selectFrom('media_assets')
      .select(['id', 'client_id'])
      .where('id', 'in', mediaIds)
      .execute();
    for (const id of mediaIds) {
      const row = rows.find((r) => r.id === id);
      if (row === undefined) {
        throw failure(
          'NOT_FOUND',
          `No media has the id ${id}: it was deleted; remove it from the post.`,
        );
      }
      if (row.client_id !== null && row.client_id !== input.clientId) {
        throw failure('VALIDATION', `Media ${id} is in another client's library.`);
      }
    }
  }
  for (const [index, part] of input.parts.entries()) {
    const ids = (part.media ?? []).map((m) => m.mediaId);
    if (new Set(ids).size !== ids.length) {
      throw failure(
        'VALIDATION',
        `Part ${String(index + 1)} has the same media twice: remove one.`,
      );
    }
  }
}

/**
 * The draft with its parts' own texts kept for the client's accounts only. The editor
 * keeps the text of an account it unticked, for when it is ticked again; an account
 * removed since, or one of the client the editor was on before, can never be ticked in
 * this draft, so its text could be neither shown nor used, and a row for a removed
 * account would fail the save (every autosave after it). Ticked accounts were checked.
 */
async function withUsableVariants(db: Kysely<Schema>, input: SaveInput): Promise<SaveInput> {
  const named = [...new Set(input.parts.flatMap((part) => Object.keys(part.variants ?? {})))];
  if (named.length === 0) return input;
  const own = new Set(
    (
      await db
        .selectFrom('social_accounts')
        .select('id')
        .where('id', 'in', named)
        .where('client_id', '=', input.clientId)
        .execute()
    ).map((r) => r.id),
  );
  if (named.every((id) => own.has(id))) return input;
  return {
    ...input,
    parts: input.parts.map((part) =>
      part.variants === undefined
        ? part
        : {
            ...part,
            variants: Object.fromEntries(
              Object.entries(part.variants).filter(([id]) => own.has(id)),
            ),
          },
    ),
  };
}

export function createDraftsService(
  db: Kysely<Schema>,
  ports: Pick<Ports, 'clock' | 'newId'>,
  events: EventBus,
  posts: PostsService,
) {
  const now = () => ports.clock.now();

  async function writeContent(trx: Trx, postId: string, input: SaveInput, at: number) {
    await trx.deleteFrom('post_parts').where('post_seq', '=', postSeqOf(postId)).execute();
    await trx.deleteFrom('post_targets').where('post_seq', '=', postSeqOf(postId)).execute();
    await insertPartRows(trx, partRows(postId, input.parts, ports.newId));
    await insertTargetRows(
      trx,
      input.accountIds.map((accountId) =>
        newTargetRow(
          { id: ports.newId(), postId, accountId },
          'draft',
          input.networkOptions?.[accountId],
          at,
        ),
      ),
    );
  }

  return {
    async save(input: SaveInput): Promise<PostDetail> {
      const client = await db
        .selectFrom('clients')
        .select(['id', 'seq', 'timezone'])
        .where('id', '=', input.clientId)
        .executeTakeFirst();
      if (client === undefined)
        throw failure('NOT_FOUND', `No client has the id ${input.clientId}.`);
      await checkOwnership(db, input);
      input = await withUsableVariants(db, input);
      const at = now();
      const postId = input.id ?? ports.newId();
      const saved = await db.transaction().execute(async (trx) => {
        if (input.id === undefined) {
          await trx
            .insertInto('posts')
            .values({
              id: postId,
              client_seq: client.seq,
              campaign_id: null,
              status: 'draft',
              scheduled_at: null,
              timezone: client.timezone,
              local_time: input.localTime ?? null,
              published_at: null,
              created_at: at,
              updated_at: at,
            })
            .execute();
        } else {
          // A write that changes nothing first, so this transaction holds the write lock
          // before it reads the status and the time of the last save.
          await trx
            .updateTable('posts')
            .set((eb) => ({ updated_at: eb.ref('updated_at') }))
            .where('id', '=', postId)
            .execute();
          const row = await draftRow(trx, postId);
          checkBase(row, input.baseUpdatedAt);
          if (row.client_id !== client.id) {
            throw failure(
              'VALIDATION',
              'A draft stays with its client: start a new post for another client.',
            );
          }
          await trx
            .updateTable('posts')
            .set({ local_time: input.localTime ?? null, timezone: client.timezone, updated_at: at })
            .where('id', '=', postId)
            .execute();
        }
        await writeContent(trx, postId, input, at);
        // Read in the transaction: its updatedAt is this save's, the editor's next base.
        return loadDetail(trx, postId);
      });
      // Other windows' Drafts lists show the new first line.
      events.emit('draft:saved', { id: postId, clientId: client.id });
      return saved;
    },

    async list(input: ParsedInput<'drafts:list'>): Promise<PostSummary[]> {
      let query = db
        .selectFrom('posts')
        .select('id')
        .where('status', '=', 'draft')
        .orderBy('updated_at', 'desc')
        .limit(500);
      if (input.clientId !== undefined)
        query = query.where('client_seq', '=', clientSeqOf(input.clientId));
      const ids = (await query.execute()).map((r) => r.id);
      return findSummaries(db, ids);
    },

    async remove(id: string): Promise<{ id: string }> {
      const clientId = await db.transaction().execute(async (trx) => {
        await trx.updateTable('posts').set({ updated_at: now() }).where('id', '=', id).execute();
        const row = await draftRow(trx, id);
        await trx.deleteFrom('posts').where('id', '=', id).execute();
        return row.client_id;
      });
      events.emit('draft:deleted', { id, clientId });
      return { id };
    },

    async schedule(input: ParsedInput<'drafts:schedule'>): Promise<PostSummary> {
      let post = input.post;
      if (input.draftId !== undefined) {
        const row = await draftRow(db, input.draftId);
        if (row.client_id !== input.post.clientId) {
          throw failure('VALIDATION', 'This draft belongs to another client.');
        }
        checkBase(row, input.baseUpdatedAt);
        // The composer names no campaign; one the draft was put in (`posts set-campaign`)
        // goes with it into the post.
        if (post.campaignId === undefined && row.campaign_id !== null) {
          post = { ...post, campaignId: row.campaign_id };
        }
      }
      // Every network's rules are checked by posts.schedule before anything is written.
      // [Note: draft to post] The post is written first and the draft removed after: a
      // crash between the two leaves a spare draft, never a lost post.
      const summary = await posts.schedule(post);
      const draftId = input.draftId;
      if (draftId !== undefined) {
        const removed = await db.transaction().execute(async (trx) => {
          await carryApproval(trx, draftId, summary.id, now());
          // Changed elsewhere since the check above: that version stays as a draft.
          return trx
            .deleteFrom('posts')
            .where('id', '=', draftId)
            .where('status', '=', 'draft')
            .$if(input.baseUpdatedAt !== undefined, (q) =>
              q.where('updated_at', '=', input.baseUpdatedAt ?? 0),
            )
            .executeTakeFirst();
        });
        if (removed.numDeletedRows > 0n) {
          events.emit('draft:deleted', { id: draftId, clientId: input.post.clientId });
        }
      }
      return loadSummary(db, summary.id);
    },
  };
}

export type DraftsService = ReturnType<typeof createDraftsService>;
