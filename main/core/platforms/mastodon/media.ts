// A part's media on a Mastodon instance: each file uploaded with POST /api/v2/media (alt
// text as `description`, a centred focus point), then, while the instance answers 202 and
// still processes it (video, GIF), polled with our own sleep and a deadline: masto's own
// polling sleeps one real second per check and cannot be timed by the core's clock.
// Uploads are remembered per part for the process's life, so a retried status attaches
// the same media instead of uploading again (and spending the instance's upload quota).
import fs from 'node:fs/promises';
import { MastoHttpError, type mastodon } from 'masto';
import { failure } from '../../../../shared/result.ts';
import type { Clock } from '../../ports.ts';
import type { PartContext, PlannedMedia, PlatformAccount, UploadNote } from '../port.ts';
import type { OpenSession, Session } from './session.ts';

/** Mastodon removes media not attached to a status after about a day. */
const unattachedLifeMs = 20 * 60 * 60_000;
const processingTimeoutMs = 10 * 60_000;
const firstPollMs = 1_000;
const maxPollMs = 5_000;
/** An upload may take as long as the file needs at a slow 100 kB/s, and at least 60 s. */
const uploadTimeoutMs = (bytes: number) => 60_000 + Math.ceil(bytes / 100);

interface Upload {
  accountId: string;
  assetId: string;
  altText: string;
  remoteId: string;
  expiresAt: number;
}

export interface MediaDeps {
  openSession: OpenSession;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
}

async function readFile(media: PlannedMedia): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return new Uint8Array(await fs.readFile(media.file));
  } catch {
    throw failure('VALIDATION', 'A media file is missing from the media library.');
  }
}

export function createMediaUploads(deps: MediaDeps) {
  const uploads = new Map<string, Upload>();
  const keyOf = (context: PartContext, media: PlannedMedia) =>
    `${context.targetId}\u0000${context.part.id}\u0000${media.assetId}`;

  /** Polls GET /api/v1/media/:id until the file is processed (its url is set). */
  async function processed(session: Session, attachment: mastodon.v1.MediaAttachment) {
    const deadline = deps.clock.now() + processingTimeoutMs;
    let wait = firstPollMs;
    let current = attachment;
    while (current.url == null) {
      if (deps.clock.now() >= deadline) {
        throw failure('OFFLINE', 'The instance is still processing the media; trying again later.');
      }
      await deps.sleep(wait);
      wait = Math.min(maxPollMs, Math.round(wait * 1.5));
      try {
        current = await session.call((m) => m.v1.media.$select(attachment.id).fetch());
      } catch (error) {
        // Mastodon may not find an upload for a moment after accepting it.
        if (!(error instanceof MastoHttpError && error.statusCode === 404)) throw error;
      }
    }
  }

  async function upload(session: Session, media: PlannedMedia): Promise<string> {
    const bytes = await readFile(media);
    const attachment = await session.call(
      (m) =>
        m.v2.media.create({
          file: new Blob([bytes], { type: media.mime }),
          ...(media.altText.trim() !== '' && { description: media.altText }),
          focus: '0.0,0.0',
          skipPolling: true,
        }),
      { timeoutMs: uploadTimeoutMs(bytes.length) },
    );
    await processed(session, attachment);
    return attachment.id;
  }

  return {
    /** The part's media ids, uploading what has no usable upload yet. */
    async prepare(
      context: PartContext,
      onUploaded: (note: UploadNote) => Promise<void>,
    ): Promise<string[]> {
      if (context.part.media.length === 0) return [];
      const session = await deps.openSession(context.account);
      const ids: string[] = [];
      for (const media of context.part.media) {
        const key = keyOf(context, media);
        const known = uploads.get(key);
        if (
          known !== undefined &&
          known.altText === media.altText &&
          deps.clock.now() < known.expiresAt
        ) {
          ids.push(known.remoteId);
          continue;
        }
        const remoteId = await upload(session, media);
        const expiresAt = deps.clock.now() + unattachedLifeMs;
        uploads.set(key, {
          accountId: context.account.id,
          assetId: media.assetId,
          altText: media.altText,
          remoteId,
          expiresAt,
        });
        await onUploaded({ assetId: media.assetId, remoteMediaId: remoteId, expiresAt });
        ids.push(remoteId);
      }
      return ids;
    },

    /** After the instance refused the ids (spent or expired): upload again next time. */
    forget(account: PlatformAccount, media: PlannedMedia[]): Promise<void> {
      const assets = new Set(media.map((m) => m.assetId));
      for (const [key, upload] of uploads) {
        if (upload.accountId === account.id && assets.has(upload.assetId)) uploads.delete(key);
      }
      return Promise.resolve();
    },

    /** Once a status carries them, the uploads cannot be attached again. */
    attached(context: PartContext): void {
      for (const media of context.part.media) uploads.delete(keyOf(context, media));
    },
  };
}

export type MediaUploads = ReturnType<typeof createMediaUploads>;
