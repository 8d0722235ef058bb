// Looks inside a file copied into the store: its real type from its bytes (file-type; the
// name is never trusted), then its size and length, decoding enough to catch a damaged or
// cut-off file before anything is recorded. Its libraries (file-type, mp4box, sharp) load
// on the first import, not with the core: most commands never probe a file. A PDF is
// checked for its end marker only: no PDF reader or renderer is in the tree (sharp's
// libvips is built without one), so it has no page count and no thumbnail.
import { acceptedMimes, type MediaKind } from '../../../shared/media.ts';
import { failure } from '../../../shared/result.ts';
import { loadSharp } from './load-sharp.ts';

export interface MediaFacts {
  kind: MediaKind;
  mime: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** A small WebP of the image (the first frame of a GIF); null for video and documents. */
  thumbnail: Buffer | null;
}

/** Thumbnails fit in this square: sharp on a retina grid cell. */
export const thumbnailSide = 320;

const supported = 'Use a JPEG, PNG or WebP image, a GIF, an MP4 or MOV video, or a PDF.';

/** The facts of a stored file, or a VALIDATION failure naming `name` and what is wrong. */
export async function probeMedia(file: string, name: string): Promise<MediaFacts> {
  const { fileTypeFromFile } = await import('file-type');
  const type = await fileTypeFromFile(file);
  const kind = type === undefined ? undefined : acceptedMimes[type.mime];
  if (type === undefined || kind === undefined) {
    const what =
      type === undefined
        ? 'not a file type Starling recognises'
        : `a ${type.ext.toUpperCase()} file (${type.mime})`;
    throw failure('VALIDATION', `${name} is ${what}. ${supported}`);
  }
  if (kind === 'document') {
    const { pdfIsComplete } = await import('./pdf-probe.ts');
    if (!(await pdfIsComplete(file))) {
      throw failure(
        'VALIDATION',
        `${name} starts as a PDF but has no end marker (%%EOF): it may be cut off or damaged. Save or export it again and retry.`,
      );
    }
    return { kind, mime: type.mime, width: null, height: null, durationMs: null, thumbnail: null };
  }
  if (kind === 'video') {
    try {
      const { probeMp4 } = await import('./mp4-probe.ts');
      const video = await probeMp4(file);
      return { kind, mime: type.mime, ...video, thumbnail: null };
    } catch (error) {
      throw failure(
        'VALIDATION',
        `${name} is ${(error as Error).message}. Export it again as MP4.`,
      );
    }
  }
  try {
    const sharp = await loadSharp();
    const metadata = await sharp(file).metadata();
    // Making the thumbnail decodes every pixel, which is what catches a cut-off image:
    // headers alone still parse. sharp streams the decode, so memory stays small.
    const thumbnail = await sharp(file, { failOn: 'truncated' })
      .rotate()
      .resize(thumbnailSide, thumbnailSide, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return {
      thumbnail,
      kind,
      mime: type.mime,
      width: metadata.width,
      height: metadata.pageHeight ?? metadata.height,
      durationMs: null,
    };
  } catch (error) {
    throw failure(
      'VALIDATION',
      `${name} looks like ${type.ext.toUpperCase()} but cannot be decoded (${(error as Error).message.split('\n')[0] ?? 'damaged'}): it may be cut off or damaged. Save it again and retry.`,
    );
  }
}
