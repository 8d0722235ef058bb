// What one post target will send to X: each thread part's text for that account (a
// per-account variant overrides the part's text) and its media, checked against X's
// limits before any request is made.
import fs from 'node:fs';
import type { Kysely, Selectable } from 'kysely';
import { countXText, xMaxWeightedLength } from '../../../../shared/x-text.ts';
import type { PostTargetsTable, PostsTable, Schema, SocialAccountsTable } from '../../db/schema.ts';
import { mediaFilePath } from '../../media/media-paths.ts';
import type { MediaKind } from './media-upload.ts';

export interface PlannedMedia {
  assetId: string;
  kind: MediaKind;
  mime: string;
  bytes: number;
  durationMs: number | null;
  file: string;
  altText: string;
}

export interface PlannedPart {
  id: string;
  position: number;
  text: string;
  media: PlannedMedia[];
}

export interface TargetContext {
  target: Selectable<PostTargetsTable>;
  post: Selectable<PostsTable>;
  account: Selectable<SocialAccountsTable>;
}

export async function loadTarget(
  db: Kysely<Schema>,
  targetId: string,
): Promise<TargetContext | undefined> {
  const target = await db
    .selectFrom('post_targets')
    .selectAll()
    .where('id', '=', targetId)
    .executeTakeFirst();
  if (target === undefined) return undefined;
  const post = await db
    .selectFrom('posts')
    .selectAll()
    .where('id', '=', target.post_id)
    .executeTakeFirstOrThrow();
  const account = await db
    .selectFrom('social_accounts')
    .selectAll()
    .where('id', '=', target.account_id)
    .executeTakeFirstOrThrow();
  return { target, post, account };
}

export async function loadParts(
  db: Kysely<Schema>,
  dataDir: string,
  postId: string,
  accountId: string,
): Promise<PlannedPart[]> {
  const parts = await db
    .selectFrom('post_parts as p')
    .leftJoin('post_part_variants as v', (join) =>
      join.onRef('v.part_id', '=', 'p.id').on('v.account_id', '=', accountId),
    )
    .select(['p.id', 'p.position', 'p.text', 'v.text as variantText'])
    .where('p.post_id', '=', postId)
    .orderBy('p.position')
    .execute();
  const media = await db
    .selectFrom('post_part_media as pm')
    .innerJoin('post_parts as p', 'p.id', 'pm.part_id')
    .innerJoin('media_assets as m', 'm.id', 'pm.media_id')
    .select([
      'pm.part_id',
      'pm.alt_text',
      'm.id',
      'm.sha256',
      'm.kind',
      'm.mime',
      'm.bytes',
      'm.duration_ms',
    ])
    .where('p.post_id', '=', postId)
    .orderBy('pm.part_id')
    .orderBy('pm.position')
    .execute();
  return parts.map((part) => ({
    id: part.id,
    position: part.position,
    text: part.variantText ?? part.text,
    media: media
      .filter((m) => m.part_id === part.id)
      .map((m) => ({
        assetId: m.id,
        kind: m.kind,
        mime: m.mime,
        bytes: m.bytes,
        durationMs: m.duration_ms,
        file: mediaFilePath(dataDir, m.sha256),
        altText: m.alt_text,
      })),
  }));
}

const mb = 1024 * 1024;
const maxBytes: Record<MediaKind, number> = { image: 5 * mb, gif: 15 * mb, video: 512 * mb };

/**
 * The first reason X would refuse this thread, in words for the user, or null when
 * every part fits. Checked before anything is sent, so a bad part 3 never leaves parts
 * 1 and 2 posted on their own.
 */
export function validateParts(parts: PlannedPart[]): string | null {
  if (parts.length === 0) return 'The post has no text or media to publish.';
  for (const [index, part] of parts.entries()) {
    const name = parts.length > 1 ? `Part ${index + 1}` : 'The post';
    if (part.text.trim() === '' && part.media.length === 0) {
      return `${name} is empty: add text or media.`;
    }
    if (part.text.trim() !== '') {
      const count = countXText(part.text);
      if (count.weightedLength > xMaxWeightedLength) {
        return `${name} is ${count.weightedLength} characters long; X allows ${xMaxWeightedLength}.`;
      }
      if (!count.valid) return `${name} has text X does not accept.`;
    }
    const problem = mediaProblem(part.media);
    if (problem !== null) return `${name}: ${problem}`;
  }
  return null;
}

function mediaProblem(media: PlannedMedia[]): string | null {
  const images = media.filter((m) => m.kind === 'image').length;
  const others = media.length - images;
  if (images > 4) return 'X allows at most 4 images in one post.';
  if (others > 1 || (others === 1 && images > 0)) {
    return 'X allows either up to 4 images, or one GIF, or one video in a post.';
  }
  for (const m of media) {
    if (m.bytes > maxBytes[m.kind]) {
      return `a ${m.kind} of ${(m.bytes / mb).toFixed(1)} MB is over X's limit of ${maxBytes[m.kind] / mb} MB.`;
    }
    if (
      m.kind === 'video' &&
      m.durationMs !== null &&
      (m.durationMs < 500 || m.durationMs > 140_000)
    ) {
      return 'X accepts videos from 0.5 to 140 seconds long.';
    }
    if (m.altText.length > 1000) return 'alt text is longer than 1000 characters.';
    if (!fs.existsSync(m.file)) return 'a media file is missing from the media library.';
  }
  return null;
}
