// Fit for X: crops a still image to one of X's aspect presets (centred) and downscales it
// until it is within 4096 px and 5 MB, writing the result to a temporary file that the
// library then imports as a new asset (the original stays as it was).
import fs from 'node:fs';
import path from 'node:path';
import { xMediaLimits, type AspectPreset } from '../../../shared/media.ts';
import { failure } from '../../../shared/result.ts';
import { loadSharp } from './load-sharp.ts';

const ratios: Record<Exclude<AspectPreset, 'original'>, number> = {
  '16:9': 16 / 9,
  '1:1': 1,
  '4:5': 4 / 5,
};

/** The centred box of the given ratio inside width × height. */
export function cropBox(width: number, height: number, ratio: number) {
  if (width / height > ratio) {
    const w = Math.max(1, Math.round(height * ratio));
    return { left: Math.floor((width - w) / 2), top: 0, width: w, height };
  }
  const h = Math.max(1, Math.round(width / ratio));
  return { left: 0, top: Math.floor((height - h) / 2), width, height: h };
}

export interface FittedImage {
  file: string;
  name: string;
}

/**
 * Writes the fitted image next to `tempDir`'s other temporary files. JPEG and WebP keep
 * their format with lower quality if needed; PNG stays PNG unless only JPEG (no alpha) or
 * WebP (alpha) can reach 5 MB. Each further step scales by 0.8.
 */
export async function fitImage(
  source: {
    file: string;
    mime: string;
    name: string;
    bytes: number;
    width: number;
    height: number;
  },
  aspect: AspectPreset,
  tempFile: string,
): Promise<FittedImage> {
  const { maxBytes } = xMediaLimits.image;
  const maxSide = xMediaLimits.imageMaxSide;
  const sharp = await loadSharp();
  const metadata = await sharp(source.file).metadata();
  // EXIF orientation 5–8 swaps the sides the user sees.
  const turned = (metadata.orientation ?? 1) >= 5;
  const width = turned ? metadata.height : metadata.width;
  const height = turned ? metadata.width : metadata.height;
  const box = aspect === 'original' ? null : cropBox(width, height, ratios[aspect]);
  const outWidth = box?.width ?? width;
  const outHeight = box?.height ?? height;
  if (box === null && source.bytes <= maxBytes && Math.max(width, height) <= maxSide) {
    throw failure(
      'VALIDATION',
      `${source.name} already fits X (${String(width)}×${String(height)}, within 5 MB): pick an aspect to crop it to.`,
    );
  }
  const format =
    source.mime === 'image/jpeg' ? 'jpeg' : source.mime === 'image/webp' ? 'webp' : 'png';
  const attempts: { scale: number; quality: number; as: 'jpeg' | 'webp' | 'png' }[] = [];
  let scale = Math.min(1, maxSide / Math.max(outWidth, outHeight));
  for (let step = 0; step < 12; step += 1) {
    if (format === 'png') {
      attempts.push({ scale, quality: 100, as: 'png' });
      attempts.push({ scale, quality: 90, as: metadata.hasAlpha ? 'webp' : 'jpeg' });
    } else {
      for (const quality of [90, 80, 70]) attempts.push({ scale, quality, as: format });
    }
    scale *= 0.8;
  }
  for (const attempt of attempts) {
    let pipeline = sharp(source.file).rotate();
    if (box !== null) pipeline = pipeline.extract(box);
    pipeline = pipeline.resize(
      Math.max(1, Math.round(outWidth * attempt.scale)),
      Math.max(1, Math.round(outHeight * attempt.scale)),
      { fit: 'fill' },
    );
    const encoded =
      attempt.as === 'jpeg'
        ? pipeline.jpeg({ quality: attempt.quality, mozjpeg: true })
        : attempt.as === 'webp'
          ? pipeline.webp({ quality: attempt.quality })
          : pipeline.png({ compressionLevel: 9 });
    const buffer = await encoded.toBuffer();
    if (buffer.length <= maxBytes) {
      fs.writeFileSync(tempFile, buffer, { flag: 'wx' });
      const stem = path.parse(source.name).name || 'image';
      const suffix = aspect === 'original' ? 'for X' : aspect.replace(':', 'x');
      const extension = attempt.as === 'jpeg' ? 'jpg' : attempt.as;
      return { file: tempFile, name: `${stem} (${suffix}).${extension}` };
    }
  }
  throw failure('VALIDATION', `${source.name} could not be brought under 5 MB.`);
}
