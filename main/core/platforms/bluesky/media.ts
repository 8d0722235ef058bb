// A part's media as Bluesky embeds, uploaded at publish time and never reused across
// attempts (a PDS drops blobs that no record references within about an hour): images
// fitted under the blob limit with their alt text and aspect ratio, one video through
// the video service, or, for a part without media, a link card for its first link.
import fs from 'node:fs/promises';
import {
  AppBskyRichtextFacet,
  RichText,
  type $Typed,
  type AppBskyEmbedImages,
  type AppBskyEmbedVideo,
} from '@atproto/api';
import type { Logger } from '../../ports.ts';
import type { PartContext, UploadNote } from '../port.ts';
import { fitImage } from './images.ts';
import { linkCard, type LinkCard } from './link-card.ts';
import type { AccountAgent } from './sessions.ts';
import { uploadVideo, type VideoDeps } from './video.ts';

export type PartEmbed = $Typed<AppBskyEmbedImages.Main> | $Typed<AppBskyEmbedVideo.Main> | LinkCard;

/** How long the PDS keeps a blob no record names. */
const unreferencedBlobMs = 60 * 60_000;

export interface MediaDeps extends VideoDeps {
  logger: Logger;
}

/** The part's first link (as Bluesky's own facet detection finds it), if any. */
export function firstLink(text: string): string | null {
  const rich = new RichText({ text });
  rich.detectFacetsWithoutResolution();
  for (const facet of rich.facets ?? []) {
    for (const feature of facet.features) {
      if (AppBskyRichtextFacet.isLink(feature)) return feature.uri;
    }
  }
  return null;
}

export async function preparePartMedia(
  deps: MediaDeps,
  account: AccountAgent,
  context: PartContext,
  onUploaded: (note: UploadNote) => Promise<void>,
): Promise<PartEmbed | null> {
  const { media, text } = context.part;
  const noted = (assetId: string, cid: string) =>
    onUploaded({
      assetId,
      remoteMediaId: cid,
      expiresAt: deps.clock.now() + unreferencedBlobMs,
    });

  const video = media.find((m) => m.kind === 'video');
  if (video !== undefined) {
    const blob = await uploadVideo(deps, account, video.file);
    await noted(video.assetId, blob.ref.toString());
    return {
      $type: 'app.bsky.embed.video',
      video: blob,
      ...(video.altText !== '' && { alt: video.altText }),
      ...(video.width !== null &&
        video.height !== null &&
        video.width > 0 &&
        video.height > 0 && { aspectRatio: { width: video.width, height: video.height } }),
    };
  }

  if (media.length > 0) {
    const images: AppBskyEmbedImages.Image[] = [];
    for (const image of media) {
      const fitted = await fitImage(await fs.readFile(image.file), image.mime);
      const { data } = await account.agent.uploadBlob(fitted.bytes, { encoding: fitted.mime });
      await noted(image.assetId, data.blob.ref.toString());
      images.push({
        image: data.blob,
        alt: image.altText,
        aspectRatio: { width: fitted.width, height: fitted.height },
      });
    }
    return { $type: 'app.bsky.embed.images', images };
  }

  const link = firstLink(text);
  if (link === null) return null;
  return linkCard(
    link,
    async (bytes, mime) => (await account.agent.uploadBlob(bytes, { encoding: mime })).data.blob,
    deps.logger,
    new URL(account.serviceUrl).origin,
  );
}
