// Getting files into the media library: a file named or picked, or uploaded bytes, copied
// into the content-addressed store, probed, recorded for the client (an identical file
// already there reuses its row), and taken back again when the step it was for failed.
// [Note: media store] An import copies into a temporary file, checks it, writes the row,
// and only then renames the bytes into place; any refusal removes the temporary file and
// a thumbnail no row names, so a bad file leaves nothing behind.
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { importMaxBytes, type MediaKind } from '../../../shared/media.ts';
import { failure } from '../../../shared/result.ts';
import type { Schema } from '../db/schema.ts';
import type { Ports } from '../ports.ts';
import { copyHandleInto, copyInto, incomingPrefix } from './copy-in.ts';
import {
  mediaDir,
  mediaFilePath,
  removeStoredFiles,
  thumbnailFilePath,
  thumbnailSuffix,
} from './media-paths.ts';
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

export async function requireClient(db: Kysely<Schema>, clientId: string): Promise<void> {
  const row = await db
    .selectFrom('clients')
    .select('id')
    .where('id', '=', clientId)
    .executeTakeFirst();
  if (row === undefined) throw failure('NOT_FOUND', `No client has the id ${clientId}.`);
}

/** How many library rows (of any client) name these bytes; at 0 the files may go. */
export async function rowsNaming(db: Kysely<Schema>, sha256: string): Promise<number> {
  const row = await db
    .selectFrom('media_assets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sha256', '=', sha256)
    .executeTakeFirstOrThrow();
  return row.n;
}

export function createLibraryImports(
  db: Kysely<Schema>,
  dataDir: string,
  ports: Pick<Ports, 'clock' | 'newId'>,
) {
  const folder = mediaDir(dataDir);

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
      if ((await rowsNaming(db, copied.sha256)) === 0) {
        if (createdThumb) fs.rmSync(thumb, { force: true });
        if (!fs.existsSync(temp)) fs.rmSync(blob, { force: true });
      }
      throw error;
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }

  return {
    /**
     * Imports a file the user named (CLI) or picked (the desktop app's dialog) into the
     * client's library, reusing an identical asset already there.
     */
    async importFile(
      file: string,
      clientId: string,
      options: ImportOptions = {},
    ): Promise<ImportedMedia> {
      await requireClient(db, clientId);
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
      await requireClient(db, options.clientId);
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
        if ((await rowsNaming(db, item.sha256)) === 0) removeStoredFiles(dataDir, item.sha256);
      }
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
}
