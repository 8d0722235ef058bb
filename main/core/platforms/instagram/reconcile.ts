// Looking a part up after a publish whose answer never came. The container says what
// happened: Instagram marks it PUBLISHED once media_publish took it, so anything else means
// the post is surely not out and the same container may be published again. A PUBLISHED
// container names no media, so the post is then found among the account's recent media by
// its caption and time; until Instagram lists it, Starling looks again later.
import { GraphError } from '../meta/graph.ts';
import type { PartContext, RemoteRef } from '../port.ts';
import { captionOf } from './caption.ts';
import { carouselSlot, keptContainers } from './containers.ts';
import { NotListedYet } from './errors.ts';
import type { IgGraph } from './graph.ts';

/** Instagram's clock and ours may differ a little; a post is looked for from this before. */
const skewMs = 5 * 60_000;

/** Instagram's timestamps end in +0000, which Date.parse wants as +00:00. */
const parseTimestamp = (value: unknown): number =>
  typeof value === 'string' ? Date.parse(value.replace(/([+-]\d\d)(\d\d)$/u, '$1:$2')) : NaN;

export async function findPublished(
  graph: IgGraph,
  context: PartContext,
  since: number,
  exclude: ReadonlySet<string>,
): Promise<RemoteRef | null> {
  // Expired or not: only the container's own status can say whether it was published.
  const kept = keptContainers(context.uploads, Number.NEGATIVE_INFINITY);
  const creation =
    kept.get(carouselSlot) ?? (context.part.media.length === 1 ? kept.get(0) : undefined);
  // No container was kept for the post itself: media_publish was never called with one.
  if (creation === undefined) return null;
  try {
    const status = await graph.get(`/${creation.containerId}`, { fields: 'status_code' });
    if (status.status_code !== 'PUBLISHED') return null;
  } catch (error) {
    // Code 100: Instagram no longer knows the container; only the media list can tell.
    if (!(error instanceof GraphError && error.code === 100)) throw error;
  }
  const { caption } = captionOf(context.part.text, context.options);
  const listed = await graph.get(`/${context.account.platformUserId}/media`, {
    fields: 'id,caption,timestamp,permalink',
    limit: 25,
  });
  const media = Array.isArray(listed.data) ? (listed.data as Record<string, unknown>[]) : [];
  const matches = media
    .filter(
      (m) =>
        typeof m.id === 'string' &&
        !exclude.has(m.id) &&
        parseTimestamp(m.timestamp) >= since - skewMs &&
        (typeof m.caption === 'string' ? m.caption : '').trim() === caption.trim(),
    )
    .sort((a, b) => parseTimestamp(a.timestamp) - parseTimestamp(b.timestamp));
  const found = matches[0];
  if (found === undefined) {
    throw new NotListedYet(
      'Instagram published the post but does not list it among the account’s media yet.',
    );
  }
  return {
    id: found.id as string,
    ref: typeof found.permalink === 'string' ? found.permalink : null,
  };
}
