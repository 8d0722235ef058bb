// Fitting an image under the PDS's blob limit (1,000,000 bytes on bsky.social) with
// sharp: a JPEG, PNG or WebP that fits is sent as it is, or re-encoded in its own format
// when it carries metadata (EXIF can hold where a photo was taken, and blobs are public);
// anything else is turned upright, re-encoded as JPEG at falling quality, then scaled
// down step by step (aspect kept).
import { failure } from '../../../../shared/result.ts';
import { loadSharp } from '../../media/load-sharp.ts';

export const maxBlobBytes = 1_000_000;
/** The Bluesky app sends images at most this many pixels on the long side. */
const maxSide = 2000;
const asIs = new Set(['image/jpeg', 'image/png', 'image/webp']);

export interface FittedImage {
  bytes: Buffer;
  mime: string;
  /** As a reader sees it (EXIF orientation applied): the embed's aspectRatio. */
  width: number;
  height: number;
}

export async function fitImage(
  input: Buffer,
  mime: string,
  limit = maxBlobBytes,
): Promise<FittedImage> {
  const sharp = await loadSharp();
  const metadata = await sharp(input).metadata();
  const { width, height } = metadata.autoOrient;
  if (asIs.has(mime) && input.length <= limit) {
    const carries = [metadata.exif, metadata.xmp, metadata.iptc].some((m) => m !== undefined);
    if (!carries) return { bytes: input, mime, width, height };
    // sharp writes no metadata unless asked: the same picture without it.
    const plain = sharp(input).rotate();
    const bytes = await (
      mime === 'image/png'
        ? plain.png()
        : mime === 'image/webp'
          ? plain.webp({ quality: 90 })
          : plain.jpeg({ quality: 90, mozjpeg: true })
    ).toBuffer();
    if (bytes.length <= limit) return { bytes, mime, width, height };
  }
  let scale = Math.min(1, maxSide / Math.max(width, height));
  for (let step = 0; step < 12; step += 1) {
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    for (const quality of [90, 80, 70, 60]) {
      const bytes = await sharp(input)
        .rotate()
        .resize(w, h, { fit: 'fill' })
        // JPEG has no transparency: show it on white, as a reader's light theme would.
        .flatten({ background: '#ffffff' })
        .jpeg({ quality, mozjpeg: true })
        .toBuffer();
      if (bytes.length <= limit) return { bytes, mime: 'image/jpeg', width: w, height: h };
    }
    scale *= 0.75;
  }
  throw failure('VALIDATION', 'An image could not be made small enough for Bluesky.');
}
