// What a post may hang on, checked before anything is written: the client's own accounts
// (connected), its media in combinations X accepts, its campaign.
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../../shared/ipc/contract.ts';
import { checkPartMedia } from '../../../shared/media.ts';
import { postLimits } from '../../../shared/posts.ts';
import { failure } from '../../../shared/result.ts';
import type { Schema } from '../db/schema.ts';

type Parts = ParsedInput<'posts:schedule'>['parts'];

export async function checkAccounts(
  db: Kysely<Schema>,
  clientId: string,
  accountIds: string[],
): Promise<void> {
  const rows = await db
    .selectFrom('social_accounts')
    .select(['id', 'client_id', 'handle', 'status'])
    .where('id', 'in', accountIds)
    .execute();
  for (const [index, id] of accountIds.entries()) {
    const row = rows.find((r) => r.id === id);
    const path = ['accountIds', index];
    if (row === undefined) {
      throw failure('NOT_FOUND', `No account has the id ${id}.`, {
        details: { issues: [{ path, message: 'Unknown account.' }] },
      });
    }
    if (row.client_id !== clientId) {
      throw failure('VALIDATION', `@${row.handle} belongs to another client.`, {
        details: { issues: [{ path, message: 'This account belongs to another client.' }] },
      });
    }
    if (row.status === 'disconnected') {
      throw failure('VALIDATION', `@${row.handle} is disconnected: reconnect it first.`, {
        details: { issues: [{ path, message: 'This account is disconnected.' }] },
      });
    }
  }
}

export async function checkMedia(db: Kysely<Schema>, clientId: string, parts: Parts) {
  const ids = [...new Set(parts.flatMap((p) => (p.media ?? []).map((m) => m.mediaId)))];
  if (ids.length === 0) return;
  const rows = await db
    .selectFrom('media_assets')
    .select(['id', 'client_id', 'kind', 'mime', 'bytes', 'duration_ms', 'original_name'])
    .where('id', 'in', ids)
    .execute();
  const kinds = new Map(rows.map((r) => [r.id, r]));
  for (const [index, part] of parts.entries()) {
    const name = `Part ${String(index + 1)}`;
    const media = part.media ?? [];
    if (new Set(media.map((m) => m.mediaId)).size !== media.length) {
      throw failure('VALIDATION', `${name} has the same media twice.`);
    }
    const found = media.map((m, position) => {
      const row = kinds.get(m.mediaId);
      if (row === undefined) {
        throw failure('NOT_FOUND', `${name}: no media has the id ${m.mediaId}.`, {
          details: {
            issues: [{ path: ['parts', index, 'media', position], message: 'Unknown media.' }],
          },
        });
      }
      if (row.client_id !== null && row.client_id !== clientId) {
        throw failure('VALIDATION', `${name}: media ${m.mediaId} is in another client's library.`);
      }
      return row.kind;
    });
    const images = found.filter((k) => k === 'image').length;
    const others = found.length - images;
    if (images > postLimits.imagesMax) {
      throw failure('VALIDATION', `${name}: X allows at most 4 images in one post.`);
    }
    if (others > 1 || (others === 1 && images > 0)) {
      throw failure(
        'VALIDATION',
        `${name}: X allows either up to 4 images, or one GIF, or one video in a post.`,
      );
    }
    // X's per-file limits (size, type, video length), by the same rules the renderer shows.
    const { errors } = checkPartMedia(
      media.map((m) => {
        const row = kinds.get(m.mediaId);
        return {
          kind: row?.kind ?? 'image',
          mime: row?.mime ?? '',
          bytes: row?.bytes ?? 0,
          durationMs: row?.duration_ms ?? null,
          name: row?.original_name ?? m.mediaId,
          altText: m.altText,
        };
      }),
      name,
    );
    if (errors.length > 0) throw failure('VALIDATION', errors.join(' '));
  }
}

export async function checkCampaign(db: Kysely<Schema>, clientId: string, campaignId: string) {
  const row = await db
    .selectFrom('campaigns')
    .select(['client_id'])
    .where('id', '=', campaignId)
    .executeTakeFirst();
  if (row === undefined) throw failure('NOT_FOUND', `No campaign has the id ${campaignId}.`);
  if (row.client_id !== clientId) {
    throw failure('VALIDATION', 'This campaign belongs to another client.');
  }
}
