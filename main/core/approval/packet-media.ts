// A post's media as a review packet embeds them: images and a GIF's first frame scaled
// down to at most 720 px and re-encoded as WebP data URLs, so the packet stays one file a
// client can open anywhere without the network, at a size email takes. Videos (Starling
// has no video decoder), PDF documents (no PDF renderer) and files that are gone show as a
// labelled placeholder.
import fs from 'node:fs';
import { loadSharp } from '../media/load-sharp.ts';
import type { MediaKind } from '../../../shared/media.ts';
import type { PlannedMedia } from '../platforms/port.ts';

export interface PacketMedia {
  kind: MediaKind;
  /** The alt text; a document's title. */
  alt: string;
  /** The scaled-down image; null for a placeholder. */
  dataUrl: string | null;
  /** What a placeholder says, and what a picture is, for readers without images. */
  label: string;
}

const maxEdge = 720;

function duration(ms: number | null): string {
  if (ms === null) return '';
  const seconds = Math.round(ms / 1000);
  return ` · ${String(Math.floor(seconds / 60))}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Makes each asset's data URL once, however often a packet shows it. */
export function createPacketMedia() {
  const made = new Map<string, Promise<string | null>>();

  async function scaled(file: string): Promise<string | null> {
    if (!fs.existsSync(file)) return null;
    const sharp = await loadSharp();
    try {
      const bytes = await sharp(file, { pages: 1 })
        .rotate()
        .resize({ width: maxEdge, height: maxEdge, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 70 })
        .toBuffer();
      return `data:image/webp;base64,${bytes.toString('base64')}`;
    } catch {
      return null;
    }
  }

  return async function embed(media: PlannedMedia): Promise<PacketMedia> {
    const alt = media.altText;
    if (media.kind === 'video') {
      return { kind: 'video', alt, dataUrl: null, label: `Video${duration(media.durationMs)}` };
    }
    if (media.kind === 'document') {
      return { kind: 'document', alt, dataUrl: null, label: 'PDF document' };
    }
    let dataUrl = made.get(media.assetId);
    if (dataUrl === undefined) {
      dataUrl = scaled(media.file);
      made.set(media.assetId, dataUrl);
    }
    const url = await dataUrl;
    const what = media.kind === 'gif' ? 'GIF (first frame)' : 'Image';
    return {
      kind: media.kind,
      alt,
      dataUrl: url,
      label: url === null ? `${what} not available` : what,
    };
  };
}
