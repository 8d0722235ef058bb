// [Note: Instagram containers] An Instagram post is made in three steps: a container per
// file (Instagram fetches the file from the URL it is given), for a carousel one more
// container naming them, then media_publish. Each container is created once and kept in
// part_containers before anything else happens, so a retry polls and publishes the same
// one; an ERROR or EXPIRED container is forgotten (it can never be published) so the
// next attempt makes new ones. Files reach Instagram through the user's media relay: put
// under an unguessable key, handed over as a presigned URL (an hour at most), and deleted
// as soon as the container is FINISHED, i.e. Instagram has fetched it (the relay's sweep
// deletes whatever an interrupted attempt left behind).
import { AppFailure } from '../../../../shared/result.ts';
import type { PartContext, PlannedMedia, UploadNote } from '../port.ts';
import type { MediaRelay } from '../../relay/media-relay.ts';
import type { Clock, Logger } from '../../ports.ts';
import { captionOf } from './caption.ts';
import {
  carouselSlot,
  type ContainerStore,
  type KeptContainer,
  type PartKey,
} from './containers.ts';
import { ContainerRefused, StillProcessing } from './errors.ts';
import type { IgGraph, OpenGraph } from './graph.ts';

/** Instagram drops an unpublished container after 24 hours; start again a little before. */
const containerLifeMs = 23 * 60 * 60_000;

/** How often and how long to ask about a container, by what it holds. */
const pace = {
  image: { everyMs: 2_000, forMs: 5 * 60_000 },
  video: { everyMs: 10_000, forMs: 20 * 60_000 },
};

/** What `send` publishes: the container the post is made of, and its first comment. */
export interface Prepared {
  creationId: string;
  comment: string | null;
}

export interface InstagramMediaDeps {
  openGraph: OpenGraph;
  containers: ContainerStore;
  relay: MediaRelay;
  clock: Clock;
  logger: Logger;
  sleep: (ms: number) => Promise<void>;
}

const isVideo = (m: PlannedMedia) => m.kind === 'video';

interface ContainerStatus {
  status_code?: unknown;
  status?: unknown;
}

export function createInstagramMedia(deps: InstagramMediaDeps) {
  const { containers, clock } = deps;

  /** Puts a file in the relay; without one, says why Instagram needs it. */
  async function put(media: PlannedMedia) {
    try {
      return await deps.relay.put({ path: media.file, contentType: media.mime });
    } catch (error) {
      if (error instanceof AppFailure && error.error.code === 'NOT_FOUND') {
        throw new ContainerRefused(
          'Instagram fetches media only from a public link, which Starling makes in your own ' +
            'bucket, and no media relay is set up: add it in Settings → Media relay, then retry.',
        );
      }
      throw error;
    }
  }

  /** Deletes a relay object Instagram no longer needs; a failure is left to the sweep. */
  async function release(part: PartKey, kept: KeptContainer): Promise<void> {
    if (kept.relayKey === null) return;
    try {
      await deps.relay.release(kept.relayKey);
      await containers.released(part, kept.slot);
      kept.relayKey = null;
    } catch (error) {
      deps.logger.warn('instagram: relay object left for the sweep', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Forgets every container of the part and lets go of its relay objects. */
  async function abandon(part: PartKey, kept: Iterable<KeptContainer>): Promise<void> {
    for (const k of kept) await release(part, k);
    await containers.forget(part);
  }

  async function create(
    graph: IgGraph,
    igUser: string,
    params: Record<string, string>,
  ): Promise<string> {
    const answer = (await graph.post(`/${igUser}/media`, params)) as { id?: unknown };
    if (typeof answer.id !== 'string' || answer.id === '') {
      throw new Error('Instagram made a container without naming it');
    }
    return answer.id;
  }

  /** One file's container: its relay URL, what it is and, for a lone image, the caption. */
  async function createItem(
    graph: IgGraph,
    context: PartContext,
    media: PlannedMedia,
    slot: number,
    carousel: boolean,
    caption: string,
  ): Promise<KeptContainer> {
    const part = { targetId: context.targetId, partId: context.part.id };
    const object = await put(media);
    const params: Record<string, string> = {};
    if (isVideo(media)) {
      // A video alone is a Reel; in a carousel, one of its items.
      params.media_type = carousel ? 'VIDEO' : 'REELS';
      params.video_url = object.url;
    } else {
      params.image_url = object.url;
      // Instagram takes alt text on image containers only (not on Reels).
      if (media.altText.trim() !== '') params.alt_text = media.altText.trim();
    }
    if (carousel) params.is_carousel_item = 'true';
    else if (caption !== '') params.caption = caption;
    let id: string;
    try {
      id = await create(graph, context.account.platformUserId, params);
    } catch (error) {
      // No container names the object: nothing will fetch it.
      await deps.relay.release(object.key).catch(() => undefined);
      throw error;
    }
    const kept = { slot, containerId: id, relayKey: object.key, createdAt: clock.now() };
    await containers.keep(part, kept);
    return kept;
  }

  /** Waits until Instagram has the container ready; throws where it never will be. */
  async function ready(
    graph: IgGraph,
    part: PartKey,
    kept: KeptContainer,
    video: boolean,
  ): Promise<'ready' | 'expired'> {
    const { everyMs, forMs } = video ? pace.video : pace.image;
    const until = clock.now() + forMs;
    for (;;) {
      const answer = (await graph.get(`/${kept.containerId}`, {
        fields: 'status_code,status',
      })) as ContainerStatus;
      const code = typeof answer.status_code === 'string' ? answer.status_code : '';
      switch (code) {
        case 'FINISHED':
        case 'PUBLISHED':
          // Instagram has fetched the file: the relay object has done its job.
          await release(part, kept);
          return 'ready';
        case 'EXPIRED':
          return 'expired';
        case 'ERROR': {
          const status = typeof answer.status === 'string' ? answer.status : '';
          throw new ContainerRefused(
            `Instagram could not use the ${video ? 'video' : 'image'}${status === '' ? '' : ` (${status})`}. ` +
              'Check that it meets Instagram’s rules (a JPEG image; an MP4 or MOV video, 3 s to 15 min), then retry.',
          );
        }
        default:
          break;
      }
      if (clock.now() >= until) {
        throw new StillProcessing(
          `Instagram is still processing the ${video ? 'video' : 'image'}; Starling will look again.`,
        );
      }
      await deps.sleep(everyMs);
    }
  }

  /**
   * Makes (or finds kept) the part's containers and waits until Instagram has them ready;
   * see [Note: Instagram containers]. Returns what `send` publishes.
   */
  async function prepare(
    context: PartContext,
    onUploaded: (note: UploadNote) => Promise<void>,
  ): Promise<Prepared> {
    const { part: planned } = context;
    const part = { targetId: context.targetId, partId: planned.id };
    const graph = await deps.openGraph(context.account);
    const { caption, comment } = captionOf(planned.text, context.options);
    const carousel = planned.media.length > 1;
    for (let round = 0; ; round += 1) {
      const kept = await containers.of(part);
      const stale = [...kept.values()].some((k) => k.createdAt + containerLifeMs <= clock.now());
      if (stale) {
        await abandon(part, kept.values());
        continue;
      }
      let expired = false;
      try {
        const items: KeptContainer[] = [];
        for (const [slot, media] of planned.media.entries()) {
          let item = kept.get(slot);
          if (item === undefined) {
            item = await createItem(graph, context, media, slot, carousel, caption);
            await onUploaded({
              assetId: media.assetId,
              remoteMediaId: item.containerId,
              expiresAt: item.createdAt + containerLifeMs,
            });
          }
          items.push(item);
        }
        for (const [slot, item] of items.entries()) {
          const media = planned.media[slot];
          if (
            (await ready(graph, part, item, media !== undefined && isVideo(media))) === 'expired'
          ) {
            expired = true;
          }
        }
        if (!carousel) {
          const only = items[0];
          if (only === undefined) {
            throw new ContainerRefused(
              'Instagram cannot post text alone: add an image or a video.',
            );
          }
          if (!expired) return { creationId: only.containerId, comment };
        } else if (!expired) {
          let album = kept.get(carouselSlot);
          if (album === undefined) {
            const params: Record<string, string> = {
              media_type: 'CAROUSEL',
              children: items.map((i) => i.containerId).join(','),
            };
            if (caption !== '') params.caption = caption;
            const id = await create(graph, context.account.platformUserId, params);
            album = { slot: carouselSlot, containerId: id, relayKey: null, createdAt: clock.now() };
            await containers.keep(part, album);
          }
          const state = await ready(graph, part, album, planned.media.some(isVideo));
          if (state === 'ready') return { creationId: album.containerId, comment };
          expired = true;
        }
      } catch (error) {
        // A refused container can never be published: the next attempt starts afresh.
        if (error instanceof ContainerRefused)
          await abandon(part, (await containers.of(part)).values());
        throw error;
      }
      // Expired before it was published: make new ones, once.
      await abandon(part, (await containers.of(part)).values());
      if (round > 0) {
        throw new ContainerRefused('Instagram let the media expire twice before publishing it.');
      }
    }
  }

  return { prepare };
}

export type InstagramMedia = ReturnType<typeof createInstagramMedia>;
