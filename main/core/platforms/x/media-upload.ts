// Uploads a media asset to X through the v2 chunked endpoints (initialize, multipart
// append, finalize, status polling) and sets its alt text. It follows twitter-api-v2's
// own `uploadMedia` request for request, but reads the file chunk by chunk instead of
// holding a 512 MB video in memory, and waits for processing with an injected sleep and
// a deadline, so a stuck upload cannot hang a publish.
import fs from 'node:fs/promises';
import type { TwitterApi } from 'twitter-api-v2';
import type { MediaKind } from '../../../../shared/media.ts';
import { failure } from '../../../../shared/result.ts';

export interface UploadSource {
  file: string;
  kind: MediaKind;
  mime: string;
  bytes: number;
}

export interface UploadedMedia {
  remoteMediaId: string;
  /** Epoch ms after which X no longer accepts the id. */
  expiresAt: number;
}

export interface UploadOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** How long to wait for X to process a video or GIF before giving up for now. */
  processingTimeoutMs?: number;
  chunkBytes?: number;
}

// The v2 upload answers (twitter-api-v2 does not export its own types for them).
interface UploadAnswer {
  data: {
    id: string;
    expires_after_secs?: number;
    processing_info?: {
      state: 'pending' | 'in_progress' | 'failed' | 'succeeded';
      check_after_secs?: number;
      error?: { message?: string };
    };
  };
}

/** X media ids expire about a day after upload; used when X does not say. */
export const defaultMediaLifetimeMs = 24 * 60 * 60_000;
const defaultChunkBytes = 1024 * 1024;
const defaultProcessingTimeoutMs = 10 * 60_000;

/** X's media categories; X takes no documents (its limits refuse them before any upload). */
const categories: Partial<Record<MediaKind, string>> = {
  image: 'tweet_image',
  gif: 'tweet_gif',
  video: 'tweet_video',
};

/**
 * Runs every step of one upload. X errors are thrown as twitter-api-v2 raised them (the
 * caller classifies them); a processing failure is thrown as PLATFORM_REJECTED with X's
 * reason, a processing timeout as OFFLINE (worth trying again later).
 */
export async function uploadMedia(
  client: TwitterApi,
  source: UploadSource,
  options: UploadOptions,
): Promise<UploadedMedia> {
  const startedAt = options.now();
  const chunkBytes = options.chunkBytes ?? defaultChunkBytes;
  const category = categories[source.kind];
  if (category === undefined) throw failure('VALIDATION', 'X does not take PDF documents.');
  const init = await client.v2.post<UploadAnswer>('media/upload/initialize', {
    media_type: source.mime,
    total_bytes: source.bytes,
    media_category: category,
  });
  const mediaId = init.data.id;

  const handle = await fs.open(source.file, 'r');
  try {
    const buffer = Buffer.alloc(chunkBytes);
    for (let index = 0, offset = 0; offset < source.bytes; index += 1) {
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, offset);
      if (bytesRead === 0) {
        throw failure('VALIDATION', `The media file ${source.file} is shorter than recorded.`);
      }
      await client.v2.post(
        `media/upload/${mediaId}/append`,
        { segment_index: index, media: Buffer.from(buffer.subarray(0, bytesRead)) },
        { forceBodyMode: 'form-data' },
      );
      offset += bytesRead;
    }
  } finally {
    await handle.close();
  }

  const finalized = await client.v2.post<UploadAnswer>(`media/upload/${mediaId}/finalize`);
  let info = finalized.data.processing_info;
  const deadline = options.now() + (options.processingTimeoutMs ?? defaultProcessingTimeoutMs);
  while (info !== undefined && info.state !== 'succeeded') {
    if (info.state === 'failed') {
      throw failure(
        'PLATFORM_REJECTED',
        `X could not process the media: ${info.error?.message ?? 'no reason given'}`,
      );
    }
    if (options.now() >= deadline) {
      throw failure('OFFLINE', 'X is still processing the media; trying again later.');
    }
    await options.sleep(Math.max(1, info.check_after_secs ?? 1) * 1000);
    const status = await client.v2.get<UploadAnswer>('media/upload', {
      command: 'STATUS',
      media_id: mediaId,
    });
    info = status.data.processing_info;
  }

  const lifetimeSecs = finalized.data.expires_after_secs ?? init.data.expires_after_secs ?? 0;
  const lifetimeMs =
    Number.isFinite(lifetimeSecs) && lifetimeSecs > 0
      ? lifetimeSecs * 1000
      : defaultMediaLifetimeMs;
  // Counted from the start of the upload: X's clock started no later than that.
  return { remoteMediaId: mediaId, expiresAt: startedAt + lifetimeMs };
}

/** Attaches alt text (≤ 1000 characters) to an uploaded media id. */
export async function setAltText(
  client: TwitterApi,
  remoteMediaId: string,
  altText: string,
): Promise<void> {
  await client.v2.createMediaMetadata(remoteMediaId, { alt_text: { text: altText } });
}
