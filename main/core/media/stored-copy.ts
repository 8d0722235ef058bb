// A plain content-addressed copy of a file the user named (`posts schedule --media`):
// streamed into <data>/media/<sha256> while hashed, with a media_assets row whose kind
// comes from the extension. The media-library issue replaces this with real sniffing,
// dimensions and thumbnails; until then nothing here looks inside the file.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import { failure } from '../../../shared/result.ts';
import type { Schema } from '../db/schema.ts';
import type { Ports } from '../ports.ts';
import { mediaDir, mediaFilePath } from './media-paths.ts';

type Kind = 'image' | 'gif' | 'video';

const byExtension: Record<string, { kind: Kind; mime: string }> = {
  '.jpg': { kind: 'image', mime: 'image/jpeg' },
  '.jpeg': { kind: 'image', mime: 'image/jpeg' },
  '.png': { kind: 'image', mime: 'image/png' },
  '.webp': { kind: 'image', mime: 'image/webp' },
  '.gif': { kind: 'gif', mime: 'image/gif' },
  '.mp4': { kind: 'video', mime: 'video/mp4' },
  '.m4v': { kind: 'video', mime: 'video/mp4' },
  '.mov': { kind: 'video', mime: 'video/quicktime' },
};

/** What an import added, so a caller whose later step failed can take it back. */
export interface ImportedMedia {
  id: string;
  sha256: string;
  kind: Kind;
  /** This import wrote the row (an identical file already in the library reuses its row). */
  createdRow: boolean;
  /** This import wrote the file under media/. */
  createdFile: boolean;
}

function typeOf(file: string): { kind: Kind; mime: string } {
  const known = byExtension[path.extname(file).toLowerCase()];
  if (known === undefined) {
    throw failure(
      'VALIDATION',
      `${file}: unsupported media type. Use an image (.jpg, .png, .webp), a .gif or a video (.mp4, .mov).`,
    );
  }
  return known;
}

async function checkReadable(file: string): Promise<number> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    throw failure('VALIDATION', `${file}: no such file.`);
  }
  if (!stat.isFile()) throw failure('VALIDATION', `${file} is not a file.`);
  if (stat.size === 0) throw failure('VALIDATION', `${file} is empty.`);
  try {
    await fs.promises.access(file, fs.constants.R_OK);
  } catch {
    throw failure('VALIDATION', `${file} cannot be read (permission denied).`);
  }
  return stat.size;
}

export function createStoredCopies(
  db: Kysely<Schema>,
  dataDir: string,
  ports: Pick<Ports, 'clock' | 'newId'>,
) {
  /** Streams the file into the media folder under its SHA-256; returns it and whether it was new. */
  async function copyIn(
    file: string,
  ): Promise<{ sha256: string; bytes: number; created: boolean }> {
    await checkReadable(file);
    fs.mkdirSync(mediaDir(dataDir), { recursive: true });
    const temp = path.join(mediaDir(dataDir), `.incoming-${randomUUID()}`);
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      await pipeline(
        fs.createReadStream(file),
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            hash.update(chunk);
            bytes += chunk.length;
            done(null, chunk);
          },
        }),
        fs.createWriteStream(temp, { flags: 'wx' }),
      );
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw failure('VALIDATION', `${file} cannot be read: ${(error as Error).message}`);
    }
    if (bytes === 0) {
      fs.rmSync(temp, { force: true });
      throw failure('VALIDATION', `${file} is empty.`);
    }
    const sha256 = hash.digest('hex');
    const target = mediaFilePath(dataDir, sha256);
    if (fs.existsSync(target)) {
      fs.rmSync(temp, { force: true });
      return { sha256, bytes, created: false };
    }
    fs.renameSync(temp, target);
    return { sha256, bytes, created: true };
  }

  return {
    /** Copies a file into the client's library, reusing an identical asset already there. */
    async importFile(file: string, clientId: string): Promise<ImportedMedia> {
      const { kind, mime } = typeOf(file);
      const copy = await copyIn(file);
      const existing = await db
        .selectFrom('media_assets')
        .select(['id', 'kind'])
        .where('client_id', '=', clientId)
        .where('sha256', '=', copy.sha256)
        .executeTakeFirst();
      if (existing !== undefined) {
        return {
          id: existing.id,
          sha256: copy.sha256,
          kind: existing.kind,
          createdRow: false,
          createdFile: copy.created,
        };
      }
      const id = ports.newId();
      await db
        .insertInto('media_assets')
        .values({
          id,
          client_id: clientId,
          sha256: copy.sha256,
          kind,
          mime,
          bytes: copy.bytes,
          width: null,
          height: null,
          duration_ms: null,
          original_name: path.basename(file).slice(0, 255),
          thumbnail_path: null,
          created_at: ports.clock.now(),
        })
        .execute();
      return { id, sha256: copy.sha256, kind, createdRow: true, createdFile: copy.created };
    },

    /**
     * Takes back what `importFile` added when the step it was for failed: the rows it
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
      for (const item of imports.filter((i) => i.createdFile)) {
        const named = await db
          .selectFrom('media_assets')
          .select('id')
          .where('sha256', '=', item.sha256)
          .executeTakeFirst();
        if (named === undefined) fs.rmSync(mediaFilePath(dataDir, item.sha256), { force: true });
      }
    },
  };
}

export type StoredCopies = ReturnType<typeof createStoredCopies>;
