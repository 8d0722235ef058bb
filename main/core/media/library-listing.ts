// The media library as the view sees it: a client's assets with where each is used, one
// asset, its stored bytes and thumbnail for serving by id, and deleting one (refused while
// a post uses it; the bytes go once no library row names them).
import { sql, type Kysely, type Selectable } from 'kysely';
import { firstPlatform, platforms, type Platform } from '../../../shared/accounts.ts';
import type { MediaAsset, MediaKind, MediaUse } from '../../../shared/media.ts';
import { fileProblemsOn, networkRules } from '../../../shared/networks/index.ts';
import { plural } from '../../../shared/plural.ts';
import { failure } from '../../../shared/result.ts';
import type { MediaAssetsTable, Schema } from '../db/schema.ts';
import { requireClient, rowsNaming } from './library-imports.ts';
import { mediaFilePath, removeStoredFiles, thumbnailFilePath } from './media-paths.ts';

type AssetRow = Selectable<MediaAssetsTable>;

/** Statuses of posts that may still go out: their media cannot be deleted. */
const livePostStatuses = ['draft', 'scheduled', 'publishing', 'failed', 'needs_review', 'missed'];

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function assetRow(db: Kysely<Schema>, id: string): Promise<AssetRow> {
  const row = await db
    .selectFrom('media_assets')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw failure('NOT_FOUND', `No media has the id ${id}.`);
  return row;
}

/**
 * What would be refused about a file on its own (type, size, length), by the rules of the
 * networks it can go to: the client's accounts' networks that take its kind (the first
 * network while the client has none, as the composer counts for it), or, where none of
 * them does (a PDF for a client on X and Bluesky), every network that takes it.
 */
function problemsOf(
  asset: Pick<MediaAsset, 'kind' | 'mime' | 'bytes' | 'durationMs' | 'name'>,
  networks: readonly Platform[],
): string[] {
  const takes = (p: Platform) => networkRules[p].media.kinds[asset.kind] !== undefined;
  const own = (networks.length === 0 ? [firstPlatform] : networks).filter(takes);
  const problems = new Set<string>();
  if (asset.kind === 'video' && asset.durationMs === null) {
    problems.add(`${asset.name}: its length could not be read; re-export it as MP4.`);
  }
  for (const platform of own.length > 0 ? own : platforms.filter(takes)) {
    for (const problem of fileProblemsOn(networkRules[platform], asset)) problems.add(problem);
  }
  return [...problems];
}

function toAsset(row: AssetRow, uses: MediaUse[], networks: readonly Platform[]): MediaAsset {
  const asset = {
    id: row.id,
    clientId: row.client_id ?? '',
    sha256: row.sha256,
    kind: row.kind,
    mime: row.mime,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    durationMs: row.duration_ms,
    name: row.original_name,
    hasThumbnail: row.thumbnail_path !== null,
    createdAt: row.created_at,
    uses,
  };
  return { ...asset, problems: problemsOf(asset, networks) };
}

export function createLibraryListing(db: Kysely<Schema>, dataDir: string) {
  async function usesOf(ids: string[]): Promise<Map<string, MediaUse[]>> {
    const uses = new Map<string, MediaUse[]>();
    if (ids.length === 0) return uses;
    const rows = await db
      .selectFrom('post_part_media as pm')
      .innerJoin('post_parts as pp', 'pp.id', 'pm.part_id')
      .innerJoin('posts as p', 'p.seq', 'pp.post_seq')
      .select(['pm.media_id', 'p.id as post_id', 'p.status', 'p.scheduled_at', 'pp.text'])
      .where('pm.media_id', 'in', ids)
      .orderBy('p.scheduled_at')
      .execute();
    for (const row of rows) {
      const list = uses.get(row.media_id) ?? [];
      if (list.some((u) => u.postId === row.post_id)) continue;
      list.push({
        postId: row.post_id,
        status: row.status,
        scheduledAt: row.scheduled_at,
        firstLine: (row.text.split('\n')[0] ?? '').slice(0, 80),
      });
      uses.set(row.media_id, list);
    }
    return uses;
  }

  const getRow = (id: string) => assetRow(db, id);

  /** The networks a client's accounts are on, in the usual order. */
  async function networksOf(clientId: string | null): Promise<Platform[]> {
    if (clientId === null) return [];
    const rows = await db
      .selectFrom('social_accounts')
      .select('platform')
      .distinct()
      .where('client_id', '=', clientId)
      .execute();
    return platforms.filter((p) => rows.some((r) => r.platform === p));
  }

  return {
    /** A client's media, newest first, optionally by part of the name and by kind. */
    async list(query: {
      clientId: string;
      search?: string | undefined;
      kind?: MediaKind | undefined;
    }) {
      await requireClient(db, query.clientId);
      let select = db
        .selectFrom('media_assets')
        .selectAll()
        .where('client_id', '=', query.clientId);
      if (query.kind !== undefined) select = select.where('kind', '=', query.kind);
      if (query.search !== undefined && query.search !== '') {
        select = select.where(
          sql<boolean>`original_name LIKE ${likePattern(query.search)} ESCAPE '\\'`,
        );
      }
      const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
      const uses = await usesOf(rows.map((r) => r.id));
      const networks = await networksOf(query.clientId);
      return rows.map((r) => toAsset(r, uses.get(r.id) ?? [], networks));
    },

    async get(id: string): Promise<MediaAsset> {
      const row = await getRow(id);
      const uses = (await usesOf([id])).get(id) ?? [];
      return toAsset(row, uses, await networksOf(row.client_id));
    },

    /**
     * Deletes an asset from its client's library. Refused while a post uses it (a post
     * that may still go out needs the file; a published one keeps what it went out with).
     * The bytes go only when no other library row names them.
     */
    async remove(id: string): Promise<{ id: string }> {
      const row = await getRow(id);
      const uses = (await usesOf([id])).get(id) ?? [];
      if (uses.length > 0) {
        const live = uses.filter((u) => livePostStatuses.includes(u.status));
        const first = uses[0];
        throw failure(
          'CONFLICT',
          live.length > 0
            ? `${row.original_name} is used by ${plural(live.length, 'post')} that may still go out (${live[0]?.status ?? ''}: "${live[0]?.firstLine ?? ''}"). Cancel them or remove the media from them first.`
            : `${row.original_name} is part of ${plural(uses.length, 'post')} already sent or cancelled ("${first?.firstLine ?? ''}"), which keep the media they were made with.`,
          { details: { uses } },
        );
      }
      await db.deleteFrom('media_assets').where('id', '=', id).execute();
      if ((await rowsNaming(db, row.sha256)) === 0) removeStoredFiles(dataDir, row.sha256);
      return { id };
    },

    /** The stored bytes of an asset, for serving by id (never by path). */
    async fileOf(id: string): Promise<{ file: string; mime: string; bytes: number }> {
      const row = await getRow(id);
      return { file: mediaFilePath(dataDir, row.sha256), mime: row.mime, bytes: row.bytes };
    },

    /** The thumbnail of an asset, or null (video, PDF: no frame extractor or renderer here). */
    async thumbnailOf(id: string): Promise<string | null> {
      const row = await getRow(id);
      return row.thumbnail_path === null ? null : thumbnailFilePath(dataDir, row.sha256);
    },
  };
}
