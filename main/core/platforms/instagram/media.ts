// [Note: Instagram containers] An Instagram post is made in three steps: a container per
// file (Instagram fetches the file from the URL it is given), for a carousel one more
// container naming them, then media_publish. Each container is created once and noted at
// once ([Note: upload notes]) before anything else happens, so a retry polls and publishes
// the same one; an ERROR or EXPIRED container is dropped (a note that expires now: it can
// never be published) so the next attempt makes new ones. Files reach Instagram through
// the user's media relay: put under an unguessable key, handed over as a presigned URL (an
// hour at most), and deleted as soon as the container is FINISHED, i.e. Instagram has
// fetched it, by whichever attempt sees that (the relay's sweep deletes whatever an
// interrupted attempt left behind).
import { AppFailure } from '../../../../shared/result.ts';
import type { PartContext, PlannedMedia, UploadNote } from '../port.ts';
import type { MediaRelay } from '../../relay/media-relay.ts';
import type { Clock, Logger } from '../../ports.ts';
import { captionOf } from './caption.ts';
import { carouselSlot, keptContainers, noteOf, type KeptContainer } from './containers.ts';
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
  const { clock } = deps;

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

  /**
   * Deletes a relay object Instagram no longer needs (deleting one a crashed attempt already
   * deleted is harmless); a failure is left to the sweep.
   */
  async function release(kept: KeptContainer): Promise<void> {
    if (kept.relayKey === null) return;
    try {
      await deps.relay.release(kept.relayKey);
      kept.relayKey = null;
    } catch (error) {
      deps.logger.warn('instagram: relay object left for the sweep', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
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
    return {
      slot,
      containerId: id,
      relayKey: object.key,
      expiresAt: clock.now() + containerLifeMs,
    };
  }

  /** Waits until Instagram has the container ready; throws where it never will be. */
  async function ready(
    graph: IgGraph,
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
          await release(kept);
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
    const graph = await deps.openGraph(context.account);
    const { caption, comment } = captionOf(planned.text, context.options);
    const carousel = planned.media.length > 1;
    const keep = (container: KeptContainer) =>
      onUploaded(noteOf(container, planned.media[container.slot]?.assetId ?? ''));
    /** Drops every container kept for the part and lets go of its relay objects. */
    const abandon = async () => {
      for (const k of keptContainers(context.uploads, clock.now()).values()) {
        await release(k);
        await keep({ ...k, relayKey: null, expiresAt: clock.now() });
      }
    };
    for (let round = 0; ; round += 1) {
      const kept = keptContainers(context.uploads, clock.now());
      let expired = false;
      try {
        const items: KeptContainer[] = [];
        let made = false;
        for (const [slot, media] of planned.media.entries()) {
          let item = kept.get(slot);
          if (item === undefined) {
            item = await createItem(graph, context, media, slot, carousel, caption);
            await keep(item);
            made = true;
          }
          items.push(item);
        }
        for (const [slot, item] of items.entries()) {
          const media = planned.media[slot];
          if ((await ready(graph, item, media !== undefined && isVideo(media))) === 'expired') {
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
          // A carousel kept from before names the items kept from before, not new ones.
          let album = made ? undefined : kept.get(carouselSlot);
          if (album === undefined) {
            const params: Record<string, string> = {
              media_type: 'CAROUSEL',
              children: items.map((i) => i.containerId).join(','),
            };
            if (caption !== '') params.caption = caption;
            const id = await create(graph, context.account.platformUserId, params);
            album = {
              slot: carouselSlot,
              containerId: id,
              relayKey: null,
              expiresAt: clock.now() + containerLifeMs,
            };
            await keep(album);
          }
          const state = await ready(graph, album, planned.media.some(isVideo));
          if (state === 'ready') return { creationId: album.containerId, comment };
          expired = true;
        }
      } catch (error) {
        // A refused container can never be published: the next attempt starts afresh.
        if (error instanceof ContainerRefused) await abandon();
        throw error;
      }
      // Expired before it was published: make new ones, once.
      await abandon();
      if (round > 0) {
        throw new ContainerRefused('Instagram let the media expire twice before publishing it.');
      }
    }
  }

  return { prepare };
}

export type InstagramMedia = ReturnType<typeof createInstagramMedia>;
