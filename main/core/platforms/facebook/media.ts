// A post's photos on a Page, uploaded before the post as unpublished photos
// (POST /{page-id}/photos with the bytes as `source`, published=false, alt text as
// alt_text_custom), so the post attaches them all at once (attached_media): several photos
// become one post. Uploads are remembered per part for the process's life, so a retried
// post attaches the same photos. A video is not uploaded here: its upload is the post
// (publish.ts).
import fs from 'node:fs/promises';
import { failure } from '../../../../shared/result.ts';
import type { Clock } from '../../ports.ts';
import type { PartContext, PlannedMedia, PlatformAccount, UploadNote } from '../port.ts';
import type { GraphApi } from '../meta/graph.ts';
import type { MetaSessions } from '../meta/session.ts';

/** What a part's post attaches: photo ids, or the one video to upload with it. */
export interface FacebookMedia {
  photoIds: string[];
  video: PlannedMedia | null;
}

/** Meta keeps an unpublished photo for attaching for about a day; stay well inside it. */
const keepUploadsMs = 12 * 60 * 60_000;
/** An upload may take as long as the file needs at a slow 100 kB/s, and at least 60 s. */
export const uploadTimeoutMs = (bytes: number) => 60_000 + Math.ceil(bytes / 100);

export async function readMedia(media: PlannedMedia): Promise<Buffer> {
  try {
    return await fs.readFile(media.file);
  } catch {
    throw failure('VALIDATION', 'A media file is missing from the media library.');
  }
}

/** A file as one multipart `source` field, with its type and a neutral name. */
export function sourceField(form: FormData, media: PlannedMedia, bytes: Buffer): void {
  const extension = media.mime.split('/')[1] ?? 'bin';
  form.set('source', new Blob([bytes], { type: media.mime }), `upload.${extension}`);
}

export function createPhotoUploads(deps: {
  graph: GraphApi;
  sessions: MetaSessions;
  clock: Clock;
}) {
  const uploads = new Map<
    string,
    { id: string; accountId: string; assetId: string; until: number }
  >();
  const keyOf = (context: PartContext, media: PlannedMedia) =>
    `${context.targetId}\u0000${context.part.id}\u0000${media.assetId}`;

  return {
    async prepare(
      context: PartContext,
      onUploaded: (note: UploadNote) => Promise<void>,
    ): Promise<FacebookMedia> {
      const video = context.part.media.find((m) => m.kind === 'video') ?? null;
      if (video !== null || context.part.media.length === 0) return { photoIds: [], video };
      const session = await deps.sessions.page(context.account);
      const pageId = session.credentials.pageId;
      const photoIds: string[] = [];
      for (const media of context.part.media) {
        const key = keyOf(context, media);
        const known = uploads.get(key);
        if (known !== undefined && deps.clock.now() < known.until) {
          photoIds.push(known.id);
          continue;
        }
        const bytes = await readMedia(media);
        const form = new FormData();
        sourceField(form, media, bytes);
        form.set('published', 'false');
        if (media.altText !== '') form.set('alt_text_custom', media.altText);
        const answer = await session.call(
          (token) =>
            deps.graph.postMultipart(token, `/${pageId}/photos`, form, {
              timeoutMs: uploadTimeoutMs(bytes.length),
            }),
          [pageId],
        );
        const id = typeof answer.id === 'string' ? answer.id : '';
        if (id === '')
          throw failure('PLATFORM_REJECTED', 'Facebook did not name the uploaded photo.');
        const until = deps.clock.now() + keepUploadsMs;
        uploads.set(key, { id, accountId: context.account.id, assetId: media.assetId, until });
        await onUploaded({ assetId: media.assetId, remoteMediaId: id, expiresAt: until });
        photoIds.push(id);
      }
      return { photoIds, video: null };
    },

    /** Forgets the account's uploads of these files (Facebook no longer has them). */
    forget(account: PlatformAccount, media: PlannedMedia[]): void {
      const assets = new Set(media.map((m) => m.assetId));
      for (const [key, upload] of uploads) {
        if (upload.accountId === account.id && assets.has(upload.assetId)) uploads.delete(key);
      }
    },
  };
}

export type PhotoUploads = ReturnType<typeof createPhotoUploads>;
