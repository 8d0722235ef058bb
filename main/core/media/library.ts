// The media library: imports files into the content-addressed store (one file per SHA-256
// however many clients hold it), records them per client with their sniffed type, size,
// length and thumbnail, lists them with where they are used, and deletes them safely.
// [Note: media store] An import copies into a temporary file, checks it, writes the row,
// and only then renames the bytes into place; any refusal removes the temporary file and
// a thumbnail no row names, so a bad file leaves nothing behind.
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { sql, type Kysely, type Selectable } from 'kysely';
import {
  fileProblems,
  type AspectPreset,
  importMaxBytes,
  type MediaAsset,
  type MediaKind,
  type MediaUse,
} from '../../../shared/media.ts';
import { plural } from '../../../shared/plural.ts';
import { failure } from '../../../shared/result.ts';
import type { MediaAssetsTable, Schema } from '../db/schema.ts';
import type { Ports } from '../ports.ts';
import { copyHandleInto, copyInto, incomingPrefix } from './copy-in.ts';
import { fitImage } from './fit-for-x.ts';
import { mediaDir, mediaFilePath, thumbnailFilePath, thumbnailSuffix } from './media-paths.ts';
import { probeMedia } from './probe.ts';

/** What an import added, so a caller whose later step failed can take it back. */
export interface ImportedMedia {
  id: string;
  sha256: string;
  kind: MediaKind;
  /** This import wrote the row (an identical file already in the library reuses its row). */
  createdRow: boolean;
  /** This import wrote the file under media/. */
  createdFile: boolean;
}

export interface ImportOptions {
  /** The name shown in the library, when not the file's own. */
  name?: string;
  /** Bytes copied so far and the total when known; called every megabyte or so. */
  onProgress?: (bytesDone: number, bytesTotal: number | null) => void;
  /** Aborting stops the copy and removes what was copied (CANCELLED); nothing is recorded. */
  signal?: AbortSignal | undefined;
}

export interface StreamImport extends ImportOptions {
  clientId: string;
  /** The name the user's file had; shown in the library, never used as a path. */
  name: string;
  /** The announced length (Content-Length); a stream that ends short is refused. */
  expectedBytes: number | null;
}

type AssetRow = Selectable<MediaAssetsTable>;

/** Statuses of posts that may still go out: their media cannot be deleted. */
const livePostStatuses = ['draft', 'scheduled', 'publishing', 'failed', 'needs_review', 'missed'];

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function createMediaLibrary(
  db: Kysely<Schema>,
  dataDir: string,
  ports: Pick<Ports, 'clock' | 'newId'>,
) {
  const folder = mediaDir(dataDir);

  async function requireClient(clientId: string): Promise<void> {
    const row = await db
      .selectFrom('clients')
      .select('id')
      .where('id', '=', clientId)
      .executeTakeFirst();
    if (row === undefined) throw failure('NOT_FOUND', `No client has the id ${clientId}.`);
  }

  async function rowsNaming(sha256: string): Promise<number> {
    const row = await db
      .selectFrom('media_assets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sha256', '=', sha256)
      .executeTakeFirstOrThrow();
    return row.n;
  }

  /** Checks, records and stores bytes already copied to `temp`; removes `temp` either way. */
  async function record(
    temp: string,
    copied: { sha256: string; bytes: number },
    clientId: string,
    name: string,
  ): Promise<ImportedMedia> {
    const blob = mediaFilePath(dataDir, copied.sha256);
    const thumb = thumbnailFilePath(dataDir, copied.sha256);
    let createdThumb = false;
    try {
      const facts = await probeMedia(temp, name);
      if (facts.thumbnail !== null && !fs.existsSync(thumb)) {
        const tempThumb = `${thumb}${incomingPrefix}${ports.newId()}`;
        fs.writeFileSync(tempThumb, facts.thumbnail);
        fs.renameSync(tempThumb, thumb);
        createdThumb = true;
      }
      const existing = await db
        .selectFrom('media_assets')
        .select(['id', 'kind'])
        .where('client_id', '=', clientId)
        .where('sha256', '=', copied.sha256)
        .executeTakeFirst();
      const createdFile = !fs.existsSync(blob);
      // Renamed even when present: identical bytes, and it repairs a blob a concurrent
      // delete removed between its check and ours.
      fs.renameSync(temp, blob);
      if (existing !== undefined) {
        return {
          id: existing.id,
          sha256: copied.sha256,
          kind: existing.kind,
          createdRow: false,
          createdFile,
        };
      }
      const id = ports.newId();
      await db
        .insertInto('media_assets')
        .values({
          id,
          client_id: clientId,
          sha256: copied.sha256,
          kind: facts.kind,
          mime: facts.mime,
          bytes: copied.bytes,
          width: facts.width,
          height: facts.height,
          duration_ms: facts.durationMs,
          original_name: name.slice(0, 255),
          thumbnail_path: facts.thumbnail === null ? null : `${copied.sha256}${thumbnailSuffix}`,
          created_at: ports.clock.now(),
        })
        // The same file imported twice at once: the second finds the first's row.
        .onConflict((oc) => oc.columns(['client_id', 'sha256']).doNothing())
        .executeTakeFirst();
      const winner = await db
        .selectFrom('media_assets')
        .select(['id', 'kind'])
        .where('client_id', '=', clientId)
        .where('sha256', '=', copied.sha256)
        .executeTakeFirstOrThrow();
      const createdRow = winner.id === id;
      return { id: winner.id, sha256: copied.sha256, kind: winner.kind, createdRow, createdFile };
    } catch (error) {
      if ((await rowsNaming(copied.sha256)) === 0) {
        if (createdThumb) fs.rmSync(thumb, { force: true });
        if (!fs.existsSync(temp)) fs.rmSync(blob, { force: true });
      }
      throw error;
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }

  async function usesOf(ids: string[]): Promise<Map<string, MediaUse[]>> {
    const uses = new Map<string, MediaUse[]>();
    if (ids.length === 0) return uses;
    const rows = await db
      .selectFrom('post_part_media as pm')
      .innerJoin('post_parts as pp', 'pp.id', 'pm.part_id')
      .innerJoin('posts as p', 'p.id', 'pp.post_id')
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

  function toAsset(row: AssetRow, uses: MediaUse[]): MediaAsset {
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
    return { ...asset, problems: fileProblems(asset) };
  }

  async function getRow(id: string): Promise<AssetRow> {
    const row = await db
      .selectFrom('media_assets')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) throw failure('NOT_FOUND', `No media has the id ${id}.`);
    return row;
  }

  const library = {
    /**
     * Imports a file the user named (CLI) or picked (the desktop app's dialog) into the
     * client's library, reusing an identical asset already there.
     */
    async importFile(
      file: string,
      clientId: string,
      options: ImportOptions = {},
    ): Promise<ImportedMedia> {
      await requireClient(clientId);
      const name = options.name ?? path.basename(file);
      let handle: fs.promises.FileHandle;
      try {
        handle = await fs.promises.open(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw failure(
          'VALIDATION',
          code === 'ENOENT'
            ? `${file}: no such file.`
            : code === 'EACCES' || code === 'EPERM'
              ? `${file} cannot be read (permission denied).`
              : code === 'EISDIR'
                ? `${file} is a folder, not a file.`
                : `${file} cannot be opened (${code ?? 'unknown error'}).`,
        );
      }
      try {
        // Checked on the opened handle, so the file cannot be swapped between check and read.
        const stat = await handle.stat();
        if (!stat.isFile()) throw failure('VALIDATION', `${file} is not a regular file.`);
        if (stat.size === 0) throw failure('VALIDATION', `${file} is empty. Nothing was imported.`);
        const total = stat.size;
        const copied = await copyHandleInto(folder, handle, {
          name,
          maxBytes: importMaxBytes,
          onProgress: (done) => options.onProgress?.(done, total),
          signal: options.signal,
        });
        return await record(copied.temp, copied, clientId, name);
      } finally {
        await handle.close();
      }
    },

    /** Imports uploaded bytes (the browser host, drops and pastes) with the same checks. */
    async importStream(source: Readable, options: StreamImport): Promise<ImportedMedia> {
      await requireClient(options.clientId);
      const copied = await copyInto(folder, source, {
        name: options.name,
        maxBytes: Math.min(importMaxBytes, options.expectedBytes ?? importMaxBytes),
        onProgress: (done) => options.onProgress?.(done, options.expectedBytes),
        signal: options.signal,
      });
      if (options.expectedBytes !== null && copied.bytes !== options.expectedBytes) {
        fs.rmSync(copied.temp, { force: true });
        throw failure(
          'VALIDATION',
          `${options.name}: the upload stopped after ${String(copied.bytes)} of ${String(options.expectedBytes)} bytes. Nothing was imported; try again.`,
        );
      }
      return record(copied.temp, copied, options.clientId, options.name);
    },

    /**
     * Takes back what an import added when the step it was for failed: the rows it
     * created (unless a post uses them by now) and the files no remaining row names.
     */
    async discard(imports: ImportedMedia[]): Promise<void> {
      for (const item of imports.filter((i) => i.createdRow)) {
        const used = await db
          .selectFrom('post_part_media')
          .select('media_id')
          .where('media_id', '=', item.id)
          .executeTakeFirst();
        if (used === undefined) {
          await db.deleteFrom('media_assets').where('id', '=', item.id).execute();
        }
      }
      for (const item of imports.filter((i) => i.createdRow || i.createdFile)) {
        if ((await rowsNaming(item.sha256)) === 0) removeStored(item.sha256);
      }
    },

    /** A client's media, newest first, optionally by part of the name and by kind. */
    async list(query: {
      clientId: string;
      search?: string | undefined;
      kind?: MediaKind | undefined;
    }) {
      await requireClient(query.clientId);
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
      return rows.map((r) => toAsset(r, uses.get(r.id) ?? []));
    },

    async get(id: string): Promise<MediaAsset> {
      const row = await getRow(id);
      return toAsset(row, (await usesOf([id])).get(id) ?? []);
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
      if ((await rowsNaming(row.sha256)) === 0) removeStored(row.sha256);
      return { id };
    },

    /** Fit for X (fit-for-x.ts): a cropped, downscaled copy of an image, as a new asset. */
    async fit(id: string, aspect: AspectPreset): Promise<ImportedMedia> {
      const row = await getRow(id);
      if (row.kind !== 'image' || row.width === null || row.height === null) {
        throw failure(
          'VALIDATION',
          `Fit for X works on JPEG, PNG and WebP images; ${row.original_name} is ${row.kind === 'gif' ? 'a GIF' : 'a video'}.`,
        );
      }
      const temp = path.join(folder, `${incomingPrefix}${ports.newId()}`);
      try {
        const fitted = await fitImage(
          {
            file: mediaFilePath(dataDir, row.sha256),
            mime: row.mime,
            name: row.original_name,
            bytes: row.bytes,
            width: row.width,
            height: row.height,
          },
          aspect,
          temp,
        );
        return await library.importFile(fitted.file, row.client_id ?? '', { name: fitted.name });
      } finally {
        fs.rmSync(temp, { force: true });
      }
    },

    /** The stored bytes of an asset, for serving by id (never by path). */
    async fileOf(id: string): Promise<{ file: string; mime: string; bytes: number }> {
      const row = await getRow(id);
      return { file: mediaFilePath(dataDir, row.sha256), mime: row.mime, bytes: row.bytes };
    },

    /** The thumbnail of an asset, or null (video: no frame extractor here). */
    async thumbnailOf(id: string): Promise<string | null> {
      const row = await getRow(id);
      return row.thumbnail_path === null ? null : thumbnailFilePath(dataDir, row.sha256);
    },

    /**
     * Removes temporary files a crash left behind (imports never resume). Only old ones:
     * another process (the CLI) may be importing into the same folder right now.
     */
    sweepIncoming(now: number): void {
      let names: string[];
      try {
        names = fs.readdirSync(folder);
      } catch {
        return;
      }
      for (const name of names) {
        if (!name.includes(incomingPrefix)) continue;
        const file = path.join(folder, name);
        try {
          if (now - fs.statSync(file).mtimeMs > 24 * 60 * 60_000) fs.rmSync(file, { force: true });
        } catch {
          // Gone already: another sweep or the import finished.
        }
      }
    },
  };

  function removeStored(sha256: string): void {
    fs.rmSync(mediaFilePath(dataDir, sha256), { force: true });
    fs.rmSync(thumbnailFilePath(dataDir, sha256), { force: true });
  }

  return library;
}

export type MediaLibrary = ReturnType<typeof createMediaLibrary>;
