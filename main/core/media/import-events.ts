// Runs one import while pushing its progress (`media:import-progressed`) and, once stored,
// the asset (`media:saved`), so every window sees a long import move and finish.
import type { MediaAsset } from '../../../shared/media.ts';
import type { EventBus } from '../events.ts';
import type { ImportedMedia, ImportOptions, MediaLibrary } from './library.ts';

export async function importAnnounced(
  library: MediaLibrary,
  events: EventBus,
  importId: string,
  clientId: string,
  name: string,
  run: (options: ImportOptions) => Promise<ImportedMedia>,
): Promise<MediaAsset> {
  const imported = await run({
    onProgress: (bytesDone, bytesTotal) => {
      events.emit('media:import-progressed', { importId, clientId, name, bytesDone, bytesTotal });
    },
  });
  const asset = await library.get(imported.id);
  events.emit('media:saved', { asset });
  return asset;
}
