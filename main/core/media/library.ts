// The media library: imports files into the content-addressed store (one file per SHA-256
// however many clients hold it; library-imports.ts), records them per client with their
// sniffed type, size, length and thumbnail, lists them with where they are used and
// deletes them safely (library-listing.ts), and fits images for X.
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { AspectPreset } from '../../../shared/media.ts';
import { failure } from '../../../shared/result.ts';
import type { Schema } from '../db/schema.ts';
import type { Ports } from '../ports.ts';
import { incomingPrefix } from './copy-in.ts';
import { fitImage } from './fit-for-x.ts';
import { createLibraryImports, type ImportedMedia } from './library-imports.ts';
import { assetRow, createLibraryListing } from './library-listing.ts';
import { mediaDir, mediaFilePath } from './media-paths.ts';

export type { ImportedMedia, ImportOptions, StreamImport } from './library-imports.ts';

export function createMediaLibrary(
  db: Kysely<Schema>,
  dataDir: string,
  ports: Pick<Ports, 'clock' | 'newId'>,
) {
  const folder = mediaDir(dataDir);
  const imports = createLibraryImports(db, dataDir, ports);
  return {
    ...imports,
    ...createLibraryListing(db, dataDir),

    /** Fit for X (fit-for-x.ts): a cropped, downscaled copy of an image, as a new asset. */
    async fit(id: string, aspect: AspectPreset): Promise<ImportedMedia> {
      const row = await assetRow(db, id);
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
        return await imports.importFile(fitted.file, row.client_id ?? '', { name: fitted.name });
      } finally {
        fs.rmSync(temp, { force: true });
      }
    },
  };
}

export type MediaLibrary = ReturnType<typeof createMediaLibrary>;
