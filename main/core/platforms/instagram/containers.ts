// The containers made for a part, kept in part_containers the moment Instagram names them
// ([Note: Instagram containers] in media.ts): a retry finds them here and publishes the same
// container instead of making a second post.
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';

/** The slot of a carousel's own container; its items take slots 0…9. */
export const carouselSlot = -1;

export interface KeptContainer {
  slot: number;
  containerId: string;
  relayKey: string | null;
  createdAt: number;
}

export interface PartKey {
  targetId: string;
  partId: string;
}

export function createContainerStore(db: Kysely<Schema>) {
  return {
    /** The part's containers by slot. */
    async of(part: PartKey): Promise<Map<number, KeptContainer>> {
      const rows = await db
        .selectFrom('part_containers')
        .select(['slot', 'container_id', 'relay_key', 'created_at'])
        .where('target_id', '=', part.targetId)
        .where('part_id', '=', part.partId)
        .execute();
      return new Map(
        rows.map((r) => [
          r.slot,
          {
            slot: r.slot,
            containerId: r.container_id,
            relayKey: r.relay_key,
            createdAt: r.created_at,
          },
        ]),
      );
    },

    async keep(part: PartKey, container: KeptContainer): Promise<void> {
      await db
        .insertInto('part_containers')
        .values({
          target_id: part.targetId,
          part_id: part.partId,
          slot: container.slot,
          container_id: container.containerId,
          relay_key: container.relayKey,
          created_at: container.createdAt,
        })
        .onConflict((oc) =>
          oc.columns(['target_id', 'part_id', 'slot']).doUpdateSet({
            container_id: container.containerId,
            relay_key: container.relayKey,
            created_at: container.createdAt,
          }),
        )
        .execute();
    },

    /** The relay object is deleted: forget its key. */
    async released(part: PartKey, slot: number): Promise<void> {
      await db
        .updateTable('part_containers')
        .set({ relay_key: null })
        .where('target_id', '=', part.targetId)
        .where('part_id', '=', part.partId)
        .where('slot', '=', slot)
        .execute();
    },

    /** Forgets the part's containers (refused or expired): the next attempt makes new ones. */
    async forget(part: PartKey): Promise<void> {
      await db
        .deleteFrom('part_containers')
        .where('target_id', '=', part.targetId)
        .where('part_id', '=', part.partId)
        .execute();
    },
  };
}

export type ContainerStore = ReturnType<typeof createContainerStore>;
