// The post lifecycle's writes for deleting a published post from its networks
// (publishing/unpublish.ts): each part's removal is committed as it happens, so a delete
// that stops half-way resumes with the parts still up, and the target becomes 'deleted'
// once none is left.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { RemoteRef } from '../platforms/port.ts';
import { createPostWriter, type PublishEvent } from './post-writer.ts';

export function createRemovalLifecycle(
  db: Kysely<Schema>,
  now: () => number,
  onEvent: (event: PublishEvent) => void,
) {
  const { append, write, rollUp, setTarget } = createPostWriter(db, now, onEvent);

  return {
    /** The parts of a target still on its network, last first (publishing/unpublish.ts). */
    async partsToRemove(targetId: string): Promise<{ partId: string; remote: RemoteRef }[]> {
      const rows = await db
        .selectFrom('post_target_parts as tp')
        .innerJoin('post_parts as p', 'p.id', 'tp.part_id')
        .select(['tp.part_id', 'tp.remote_id', 'tp.remote_ref'])
        .where('tp.target_id', '=', targetId)
        .where('tp.removed_at', 'is', null)
        .orderBy('p.position', 'desc')
        .execute();
      return rows.map((r) => ({
        partId: r.part_id,
        remote: { id: r.remote_id, ref: r.remote_ref },
      }));
    },

    /** A part deleted from its network (`gone`: the network no longer had it). */
    async partRemoved(
      postId: string,
      targetId: string,
      partId: string,
      remoteId: string,
      gone: boolean,
    ) {
      await write(async (trx, events) => {
        await trx
          .updateTable('post_target_parts')
          .set({ removed_at: now() })
          .where('target_id', '=', targetId)
          .where('part_id', '=', partId)
          .execute();
        events.push(
          await append(trx, postId, targetId, 'part.removed', {
            partId,
            remoteId,
            ...(gone ? { alreadyGone: true } : {}),
          }),
        );
      });
    },

    /** Deleting stopped on `message`; the parts removed so far stay removed. */
    async removeFailed(postId: string, targetId: string, message: string) {
      await write(async (trx, events) => {
        events.push(await append(trx, postId, targetId, 'target.delete-failed', { message }));
      });
    },

    /** Every part of the target is off its network: the target is deleted. */
    async removed(postId: string, targetId: string) {
      await write(async (trx, events) => {
        await setTarget(trx, targetId, {
          status: 'deleted',
          error_code: null,
          error_message: null,
        });
        events.push(await append(trx, postId, targetId, 'target.deleted'));
        await rollUp(trx, postId, events);
      });
    },
  };
}

export type RemovalLifecycle = ReturnType<typeof createRemovalLifecycle>;
