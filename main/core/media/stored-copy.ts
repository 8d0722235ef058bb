// The media store as the rest of the core knew it before the library: `posts schedule
// --media` and create-core.ts build it here. It is the media library itself, so files
// named on the command line are sniffed, checked and thumbnailed like any other import.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { Ports } from '../ports.ts';
import { createMediaLibrary, type MediaLibrary } from './library.ts';

export type { ImportedMedia } from './library.ts';

export function createStoredCopies(
  db: Kysely<Schema>,
  dataDir: string,
  ports: Pick<Ports, 'clock' | 'newId'>,
): MediaLibrary {
  return createMediaLibrary(db, dataDir, ports);
}

export type StoredCopies = MediaLibrary;
