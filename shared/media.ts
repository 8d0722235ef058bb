// Media as the UI, CLI and push events see them, and X's media limits: X's rules
// (shared/networks/x.ts) check a post's media by them, and the media library lists a file's
// own problems by them (fileProblems) and fits an image to them (Fit for X). A `document` is
// a PDF; which networks take one is each network's own rule (shared/networks/).
import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { clientId } from './clients.ts';

export const mediaKinds = ['image', 'gif', 'video', 'document'] as const;
export type MediaKind = (typeof mediaKinds)[number];

const megabyte = 1024 * 1024;

/** X's media limits (developer docs, 2026): per kind, the types, size and duration it accepts. */
export const xMediaLimits = {
  image: { mimes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 5 * megabyte },
  gif: { mimes: ['image/gif'], maxBytes: 15 * megabyte },
  video: {
    mimes: ['video/mp4', 'video/quicktime'],
    maxBytes: 512 * megabyte,
    minDurationMs: 500,
    maxDurationMs: 140_000,
  },
  /** X downscales anything larger; Fit for X scales to this long side. */
  imageMaxSide: 4096,
  imagesPerPart: 4,
  altTextMax: 1000,
} as const;

/** The MIME types the library stores (sniffed from the bytes), with their kind. */
export const acceptedMimes: Readonly<Record<string, MediaKind>> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/gif': 'gif',
  'video/mp4': 'video',
  'video/quicktime': 'video',
  'application/pdf': 'document',
};

/** A kind in words, for sentences ("a document", "documents") and for labels ("Documents"). */
export const kindWords: Readonly<Record<MediaKind, { one: string; many: string; label: string }>> =
  {
    image: { one: 'an image', many: 'images', label: 'Images' },
    gif: { one: 'a GIF', many: 'GIFs', label: 'GIFs' },
    video: { one: 'a video', many: 'videos', label: 'Videos' },
    document: { one: 'a PDF document', many: 'PDF documents', label: 'Documents' },
  };

/**
 * A document's title from its file name ("winter-menu_2026.pdf" → "winter menu 2026"),
 * offered when a PDF joins a post: the network that posts documents shows the title above
 * its pages, and a part media's alt text holds it.
 */
export function titleFromFileName(name: string): string {
  return name
    .replace(/\.pdf$/i, '')
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** Where a media asset is used: a post part that attaches it. */
export interface MediaUse {
  postId: string;
  status: string;
  scheduledAt: number | null;
  firstLine: string;
}

export interface MediaAsset {
  id: string;
  clientId: string;
  sha256: string;
  kind: MediaKind;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** The file name it was imported under (never trusted for its type). */
  name: string;
  /**
   * False for video and documents: no frame extractor or PDF renderer here, the UI shows a
   * tile with the kind and the name instead.
   */
  hasThumbnail: boolean;
  createdAt: number;
  uses: MediaUse[];
  /**
   * What the networks the file can go to would refuse about it on its own (type, size,
   * length): the client's networks, see problemsOf in main/core/media/library-listing.ts.
   * Empty when it fits.
   */
  problems: string[];
}

export interface PartMediaItem {
  kind: MediaKind;
  mime: string;
  bytes: number;
  durationMs: number | null;
  name: string;
  altText?: string | undefined;
}

// ---- Inputs of the media channels.

export const mediaId = lazySchema(() =>
  z
    .string({ error: 'Media id must be text.' })
    .min(1, 'Media id cannot be empty.')
    .max(64, 'Media id is too long.'),
);

export const mediaListInput = lazySchema(() =>
  z.strictObject({
    clientId,
    /** Part of the file name, case-insensitive. */
    search: z.string().trim().max(200).optional(),
    kind: z
      .enum(mediaKinds, { error: 'Kind must be image, gif, video or document, for a PDF.' })
      .optional(),
  }),
);

/** X's crop presets (its composer offers wide and square; 4:5 is the common portrait). */
export const aspectPresets = ['original', '16:9', '1:1', '4:5'] as const;
export type AspectPreset = (typeof aspectPresets)[number];

export const mediaFitInput = lazySchema(() =>
  z.strictObject({
    id: mediaId,
    aspect: z.enum(aspectPresets, { error: 'Aspect must be original, 16:9, 1:1 or 4:5.' }),
  }),
);

/** Upload limit of the library itself (not X's): large enough for any video X takes twice over. */
export const importMaxBytes = 4 * 1024 * megabyte;

/** A file name as sent with an upload: no folders, printable, not too long. */
export const uploadName = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1, 'Name the file.')
    .max(255, 'File names are limited to 255 characters.')
    .refine((s) => !/[\\/\0]/.test(s), 'A file name cannot contain slashes.'),
);
