// Media library: list, inspect, fit for X and delete media. Bytes never cross
// this contract: files arrive by upload (browser host and app window) or through the
// desktop app's own file dialog, and are served by id only (see main/host/media-routes.ts).
// Spread into the contract (../contract.ts) and the push events (../events.ts).
import { z } from 'zod';
import { clientId } from '../../clients.ts';
import { mediaFitInput, mediaId, mediaListInput, type MediaAsset } from '../../media.ts';
import { operationId } from '../../progress.ts';
import { channel, event, type PayloadsOf } from '../channel.ts';

export const mediaChannels = {
  /** A client's media, newest first, each with where it is used and what X would refuse. */
  'media:list': channel<MediaAsset[]>()(() => mediaListInput),
  /** One asset; NOT_FOUND if there is none. */
  'media:get': channel<MediaAsset>()(() => z.strictObject({ id: mediaId })),
  /**
   * Delete an asset from its client's library. CONFLICT while any post uses it; the bytes
   * stay on disk while another client's library holds the same file.
   */
  'media:delete': channel<{ id: string }>()(() => z.strictObject({ id: mediaId })),
  /**
   * Fit an image for X: crop it to an aspect preset (centred) and downscale it to 4096 px
   * and 5 MB, as a new asset beside the original. VALIDATION for GIF and video, and for an
   * image that already fits with `original`.
   */
  'media:fit': channel<MediaAsset>()(() => mediaFitInput),
  /**
   * Desktop app: open the system file dialog in the main process and import what the user
   * picks (so no path ever comes from the window). Returns the imported assets, none when
   * cancelled. VALIDATION where there is no dialog (browser host: upload instead).
   * `operation` names the first file's import (progress in bytes; operations:cancel).
   */
  'media:pick-and-import': channel<MediaAsset[]>()(() =>
    z.strictObject({ clientId, operation: operationId.optional() }),
  ),
} as const;

export const mediaEventList = {
  /** An asset was imported or made by Fit for X. */
  'media:saved': event<{ asset: MediaAsset }>(),
  /** An asset was deleted from a client's library. */
  'media:deleted': event<{ id: string; clientId: string }>(),
} as const;

export type MediaEvents = PayloadsOf<typeof mediaEventList>;
