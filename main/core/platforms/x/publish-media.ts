// A part's media as X media ids for one account: an earlier upload of the same asset is
// reused while X still accepts it, anything else is uploaded (with its alt text) first.
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import type { AccountCall } from './account-call.ts';
import { setAltText, uploadMedia, type UploadOptions } from './media-upload.ts';
import type { PlannedMedia } from '../port.ts';

/** An upload this close to expiry is not reused: the post may go out minutes later. */
export const mediaReuseMarginMs = 15 * 60_000;

export interface MediaDeps {
  db: Kysely<Schema>;
  call: AccountCall;
  accountId: string;
  upload: UploadOptions;
  onUploaded: (detail: {
    assetId: string;
    remoteMediaId: string;
    expiresAt: number;
  }) => Promise<void>;
}

/** The X media ids for `media`, in order. X errors are thrown for the caller to classify. */
export async function ensurePartMedia(deps: MediaDeps, media: PlannedMedia[]): Promise<string[]> {
  const { db, accountId } = deps;
  const ids: string[] = [];
  for (const item of media) {
    const now = deps.upload.now();
    const cached = await db
      .selectFrom('x_media_uploads')
      .selectAll()
      .where('media_id', '=', item.assetId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    // X cannot take alt text back off a media id: dropping it needs a fresh upload.
    const reusable =
      cached !== undefined &&
      cached.expires_at - mediaReuseMarginMs > now &&
      (item.altText !== '' || cached.alt_text === '');
    let remoteMediaId: string;
    let altOnX: string;
    if (reusable) {
      remoteMediaId = cached.remote_media_id;
      altOnX = cached.alt_text;
    } else {
      const uploaded = await deps.call((client) => uploadMedia(client, item, deps.upload));
      remoteMediaId = uploaded.remoteMediaId;
      altOnX = '';
      await db
        .insertInto('x_media_uploads')
        .values({
          media_id: item.assetId,
          account_id: accountId,
          remote_media_id: remoteMediaId,
          alt_text: '',
          uploaded_at: now,
          expires_at: uploaded.expiresAt,
        })
        .onConflict((oc) =>
          oc.columns(['media_id', 'account_id']).doUpdateSet({
            remote_media_id: remoteMediaId,
            alt_text: '',
            uploaded_at: now,
            expires_at: uploaded.expiresAt,
          }),
        )
        .execute();
      await deps.onUploaded({
        assetId: item.assetId,
        remoteMediaId,
        expiresAt: uploaded.expiresAt,
      });
    }
    if (item.altText !== '' && altOnX !== item.altText) {
      await deps.call((client) => setAltText(client, remoteMediaId, item.altText));
      await db
        .updateTable('x_media_uploads')
        .set({ alt_text: item.altText })
        .where('media_id', '=', item.assetId)
        .where('account_id', '=', accountId)
        .execute();
    }
    ids.push(remoteMediaId);
  }
  return ids;
}

/** Forgets this account's uploads of these assets, after X refused their ids. */
export async function forgetUploads(
  db: Kysely<Schema>,
  accountId: string,
  media: PlannedMedia[],
): Promise<void> {
  if (media.length === 0) return;
  await db
    .deleteFrom('x_media_uploads')
    .where('account_id', '=', accountId)
    .where(
      'media_id',
      'in',
      media.map((m) => m.assetId),
    )
    .execute();
}
