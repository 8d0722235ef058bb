// What one post target will send: each thread part's text for that account (a
// per-account variant overrides the part's text, and mentions the network does not link
// are their names, see [Note: mentions in text]) and its media, as the network's `check`
// and `send` see them.
import type { Kysely, Selectable } from 'kysely';
import type { Platform } from '../../../shared/accounts.ts';
import { textFor } from '../../../shared/networks/index.ts';
import type { PostTargetsTable, PostsTable, Schema, SocialAccountsTable } from '../db/schema.ts';
import { postSeqOf } from '../db/post-numbers.ts';
import { remoteUrlOf } from '../db/remote-urls.ts';
import { mediaFilePath } from '../media/media-paths.ts';
import type { PlannedPart, PlatformAccount } from '../platforms/port.ts';

export interface TargetContext {
  /** With its link whole ([Note: links by prefix] in migration 0043). */
  target: Selectable<PostTargetsTable> & { remote_url: string | null };
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
    .select(remoteUrlOf('post_targets').as('remote_url'))
    .where('id', '=', targetId)
    .executeTakeFirst();
  if (target === undefined) return undefined;
  const post = await db
    .selectFrom('posts')
    .selectAll()
    .where('seq', '=', target.post_seq)
    .executeTakeFirstOrThrow();
  const account = await db
    .selectFrom('social_accounts')
    .selectAll()
    .where('seq', '=', target.account_seq)
    .executeTakeFirstOrThrow();
  return { target, post, account };
}

export async function loadParts(
  db: Kysely<Schema>,
  dataDir: string,
  postId: string,
  account: { id: string; platform: Platform },
): Promise<PlannedPart[]> {
  const accountId = account.id;
  const parts = await db
    .selectFrom('post_parts as p')
    .leftJoin('post_part_variants as v', (join) =>
      join.onRef('v.part_id', '=', 'p.id').on('v.account_id', '=', accountId),
    )
    .select(['p.id', 'p.position', 'p.text', 'v.text as variantText'])
    .where('p.post_seq', '=', postSeqOf(postId))
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
      'm.width',
      'm.height',
      'm.duration_ms',
    ])
    .where('p.post_seq', '=', postSeqOf(postId))
    .orderBy('pm.part_id')
    .orderBy('pm.position')
    .execute();
  return parts.map((part) => ({
    id: part.id,
    position: part.position,
    text: textFor(account.platform, part.variantText ?? part.text),
    media: media
      .filter((m) => m.part_id === part.id)
      .map((m) => ({
        assetId: m.id,
        kind: m.kind,
        mime: m.mime,
        bytes: m.bytes,
        width: m.width,
        height: m.height,
        durationMs: m.duration_ms,
        file: mediaFilePath(dataDir, m.sha256),
        altText: m.alt_text,
      })),
  }));
}

/** The account row as the network's code sees it (settings parsed, never tokens). */
export function platformAccount(row: Selectable<SocialAccountsTable>): PlatformAccount {
  return {
    id: row.id,
    clientId: row.client_id,
    platform: row.platform,
    platformUserId: row.platform_user_id,
    handle: row.handle,
    serviceUrl: row.service_url,
    settings: jsonObject(row.settings),
  };
}

/** A JSON object column (CHECKed as one by the schema); {} if it somehow is not. */
export function jsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
