// A post's media on LinkedIn, uploaded as the post's author: images and GIFs through the
// Images API and PDFs through the Documents API (initializeUpload, PUT the bytes to the
// signed URL), a video through the Videos API (initializeUpload with its size, PUT each
// byte range LinkedIn names, finalizeUpload with the parts' etags in order); then each is
// polled until AVAILABLE, with the core's sleep and a deadline. Uploads are remembered per
// part for the process's life, so a retried post attaches the same media.
import fs from 'node:fs/promises';
import { failure } from '../../../../shared/result.ts';
import type { Clock } from '../../ports.ts';
import type { PartContext, PlannedMedia, PlatformAccount, UploadNote } from '../port.ts';
import { encodeUrn, type LinkedInApi } from './api.ts';
import { header, jsonOf } from '../http-exchange.ts';
import type { OpenSession, Session } from './session.ts';

/** One uploaded file as a post names it. */
export interface Uploaded {
  urn: string;
  kind: PlannedMedia['kind'];
  mime: string;
  altText: string;
}

const keepUploadsMs = 12 * 60 * 60_000;
const firstPollMs = 1_000;
const maxPollMs = 5_000;
/** An upload may take as long as the file needs at a slow 100 kB/s, and at least 60 s. */
const uploadTimeoutMs = (bytes: number) => 60_000 + Math.ceil(bytes / 100);

/** A PDF goes through the Documents API; everything else but video through the Images API. */
export const isDocument = (media: Pick<PlannedMedia, 'mime'>) => media.mime === 'application/pdf';

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
const valueOf = (body: unknown) => record(record(body).value);

export interface MediaDeps {
  api: LinkedInApi;
  openSession: OpenSession;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
}

export function createMediaUploads(deps: MediaDeps) {
  const { api } = deps;
  const uploads = new Map<
    string,
    Uploaded & { accountId: string; assetId: string; until: number }
  >();
  const keyOf = (context: PartContext, media: PlannedMedia) =>
    `${context.targetId}\u0000${context.part.id}\u0000${media.assetId}`;

  /** Polls the asset until LinkedIn has processed it. */
  async function available(session: Session, collection: string, urn: string, limitMs: number) {
    const deadline = deps.clock.now() + limitMs;
    let wait = firstPollMs;
    for (;;) {
      const asset = record(
        jsonOf(
          await session.call((token) => api.rest(token, 'GET', `/${collection}/${encodeUrn(urn)}`)),
        ),
      );
      if (asset.status === 'AVAILABLE') return;
      if (asset.status === 'PROCESSING_FAILED') {
        const why =
          typeof asset.processingFailureReason === 'string'
            ? asset.processingFailureReason
            : 'no reason given';
        throw failure('PLATFORM_REJECTED', `LinkedIn could not process the file (${why}).`);
      }
      if (deps.clock.now() >= deadline) {
        throw failure('OFFLINE', 'LinkedIn is still processing the media; trying again later.');
      }
      await deps.sleep(wait);
      wait = Math.min(maxPollMs, Math.round(wait * 1.5));
    }
  }

  async function readFile(media: PlannedMedia): Promise<Buffer> {
    try {
      return await fs.readFile(media.file);
    } catch {
      throw failure('VALIDATION', 'A media file is missing from the media library.');
    }
  }

  /** An image, GIF or document: one PUT of the whole file. */
  async function single(session: Session, media: PlannedMedia): Promise<string> {
    const document = isDocument(media);
    const collection = document ? 'documents' : 'images';
    const field = document ? 'document' : 'image';
    const bytes = await readFile(media);
    const started = valueOf(
      jsonOf(
        await session.call((token) =>
          api.rest(token, 'POST', `/${collection}?action=initializeUpload`, {
            initializeUploadRequest: { owner: session.author },
          }),
        ),
      ),
    );
    const urn = started[field];
    const url = started.uploadUrl;
    if (typeof urn !== 'string' || typeof url !== 'string') {
      throw failure('PLATFORM_REJECTED', 'LinkedIn did not say where to upload the file.');
    }
    await session.call((token) => api.upload(token, url, bytes, uploadTimeoutMs(bytes.length)));
    await available(session, collection, urn, 10 * 60_000);
    return urn;
  }

  /** A video: its byte ranges one by one, then finalizeUpload with their etags in order. */
  async function video(session: Session, media: PlannedMedia): Promise<string> {
    const handle = await fs.open(media.file).catch(() => {
      throw failure('VALIDATION', 'A media file is missing from the media library.');
    });
    try {
      const { size } = await handle.stat();
      const started = valueOf(
        jsonOf(
          await session.call((token) =>
            api.rest(token, 'POST', '/videos?action=initializeUpload', {
              initializeUploadRequest: {
                owner: session.author,
                fileSizeBytes: size,
                uploadCaptions: false,
                uploadThumbnail: false,
              },
            }),
          ),
        ),
      );
      const urn = started.video;
      const parts = Array.isArray(started.uploadInstructions) ? started.uploadInstructions : [];
      if (typeof urn !== 'string' || parts.length === 0) {
        throw failure('PLATFORM_REJECTED', 'LinkedIn did not say where to upload the video.');
      }
      const etags: string[] = [];
      for (const part of parts.map(record)) {
        const { uploadUrl, firstByte, lastByte } = part;
        if (
          typeof uploadUrl !== 'string' ||
          typeof firstByte !== 'number' ||
          typeof lastByte !== 'number'
        ) {
          throw failure('PLATFORM_REJECTED', 'LinkedIn named a video part Starling cannot read.');
        }
        const bytes = Buffer.alloc(lastByte - firstByte + 1);
        await handle.read(bytes, 0, bytes.length, firstByte);
        const answer = await session.call((token) =>
          api.upload(token, uploadUrl, bytes, uploadTimeoutMs(bytes.length)),
        );
        etags.push(header(answer.headers, 'etag'));
      }
      await session.call((token) =>
        api.rest(token, 'POST', '/videos?action=finalizeUpload', {
          finalizeUploadRequest: {
            video: urn,
            uploadToken: typeof started.uploadToken === 'string' ? started.uploadToken : '',
            uploadedPartIds: etags,
          },
        }),
      );
      await available(session, 'videos', urn, 30 * 60_000);
      return urn;
    } finally {
      await handle.close();
    }
  }

  return {
    /** The part's media as uploaded, uploading what has no usable upload yet. */
    async prepare(
      context: PartContext,
      onUploaded: (note: UploadNote) => Promise<void>,
    ): Promise<Uploaded[]> {
      if (context.part.media.length === 0) return [];
      const session = await deps.openSession(context.account);
      const out: Uploaded[] = [];
      for (const media of context.part.media) {
        const key = keyOf(context, media);
        const known = uploads.get(key);
        if (known !== undefined && deps.clock.now() < known.until) {
          out.push({ urn: known.urn, kind: media.kind, mime: media.mime, altText: media.altText });
          continue;
        }
        const urn =
          media.kind === 'video' ? await video(session, media) : await single(session, media);
        const until = deps.clock.now() + keepUploadsMs;
        uploads.set(key, {
          urn,
          kind: media.kind,
          mime: media.mime,
          altText: media.altText,
          accountId: context.account.id,
          assetId: media.assetId,
          until,
        });
        await onUploaded({ assetId: media.assetId, remoteMediaId: urn, expiresAt: until });
        out.push({ urn, kind: media.kind, mime: media.mime, altText: media.altText });
      }
      return out;
    },

    /** Forgets the account's uploads of these files (LinkedIn no longer has them). */
    forget(account: PlatformAccount, media: PlannedMedia[]): void {
      const assets = new Set(media.map((m) => m.assetId));
      for (const [key, upload] of uploads) {
        if (upload.accountId === account.id && assets.has(upload.assetId)) uploads.delete(key);
      }
    },
  };
}

export type MediaUploads = ReturnType<typeof createMediaUploads>;
