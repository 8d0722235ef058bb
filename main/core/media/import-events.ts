// Runs one import as an operation (progress in bytes, cancellable until the bytes are in:
// a cancel removes the partial file) and, once stored, announces the asset (`media:saved`),
// so every window sees a long import move and finish.
import type { MediaAsset } from '../../../shared/media.ts';
import type { EventBus } from '../events.ts';
import type { Operations } from '../progress/operations.ts';
import type { ImportedMedia, ImportOptions, MediaLibrary } from './library.ts';

export async function importAnnounced(
  library: MediaLibrary,
  deps: { events: EventBus; operations: Operations },
  importId: string,
  name: string,
  run: (options: ImportOptions) => Promise<ImportedMedia>,
): Promise<MediaAsset> {
  const imported = await deps.operations.run(
    {
      id: importId,
      kind: 'media-import',
      unit: 'bytes',
      cancelledMessage: `The import of ${name} was cancelled; nothing was kept.`,
    },
    (op) =>
      run({
        signal: op.signal,
        onProgress: (bytesDone, bytesTotal) => {
          op.report('copying', bytesDone, bytesTotal);
          // Checked and stored from here on: quick, and no longer cancelled halfway.
          if (bytesTotal !== null && bytesDone >= bytesTotal) op.setCancellable(false);
        },
      }),
  );
  const asset = await library.get(imported.id);
  deps.events.emit('media:saved', { asset });
  return asset;
}
