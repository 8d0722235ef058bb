// The containers made for a part, read from its upload notes ([Note: upload notes]): each
// is noted the moment Instagram names it ([Note: Instagram containers] in media.ts), so a
// retry finds it here and publishes the same container instead of making a second post.
import { wholePart, type UploadNote } from '../port.ts';

/** The slot of a carousel's own container; its items take their media positions 0…9. */
export const carouselSlot = -1;

export interface KeptContainer {
  slot: number;
  containerId: string;
  /** The relay object Instagram was sent to fetch, or null. */
  relayKey: string | null;
  expiresAt: number;
}

const slotOf = (note: UploadNote): number | null =>
  note.assetId === wholePart ? carouselSlot : (note.position ?? null);

/**
 * The part's usable containers by slot, as of `now`: the newest note of each slot, unless
 * it has expired (or was dropped). A carousel counts only when it was made after every item
 * it could name, i.e. from the items kept now.
 */
export function keptContainers(
  notes: readonly UploadNote[],
  now: number,
): Map<number, KeptContainer> {
  const newest = new Map<number, { note: UploadNote; index: number }>();
  for (const [index, note] of notes.entries()) {
    const slot = slotOf(note);
    if (slot !== null) newest.set(slot, { note, index });
  }
  const kept = new Map<number, KeptContainer>();
  let lastItem = -1;
  for (const [slot, { note, index }] of newest) {
    if (note.expiresAt !== null && note.expiresAt <= now) continue;
    if (slot !== carouselSlot) lastItem = Math.max(lastItem, index);
    kept.set(slot, {
      slot,
      containerId: note.remoteMediaId,
      relayKey: note.relayKey ?? null,
      expiresAt: note.expiresAt ?? Number.POSITIVE_INFINITY,
    });
  }
  const album = newest.get(carouselSlot);
  if (album !== undefined && album.index < lastItem) kept.delete(carouselSlot);
  return kept;
}

/** The note that keeps `container` for the part. */
export function noteOf(container: KeptContainer, assetId: string): UploadNote {
  return {
    assetId: container.slot === carouselSlot ? wholePart : assetId,
    remoteMediaId: container.containerId,
    expiresAt: container.expiresAt,
    ...(container.slot === carouselSlot ? {} : { position: container.slot }),
    ...(container.relayKey === null ? {} : { relayKey: container.relayKey }),
  };
}
