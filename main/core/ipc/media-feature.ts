// The media feature's handlers and background work (see ../feature.ts): the library's
// list, get, delete and Fit for X, and imports from the desktop app's own file dialog,
// each announced to every window with progress and the saved asset.
import path from 'node:path';
import type { mediaChannels } from '../../../shared/ipc/channels/media.ts';
import { failure } from '../../../shared/result.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';
import { createMediaLibrary } from '../media/library.ts';
import { importAnnounced } from '../media/import-events.ts';

export function createMediaFeature(context: CoreContext): CoreFeature<keyof typeof mediaChannels> {
  const { ports, events } = context;
  const library = createMediaLibrary(context.database.db, context.dataDir, ports);
  return {
    handlers: {
      'media:list': (input) => library.list(input),
      'media:get': (input) => library.get(input.id),
      'media:delete': async ({ id }) => {
        const { clientId } = await library.get(id);
        const removed = await library.remove(id);
        events.emit('media:deleted', { id, clientId });
        return removed;
      },
      'media:fit': async ({ id, aspect }) => {
        const made = await library.fit(id, aspect);
        const asset = await library.get(made.id);
        events.emit('media:saved', { asset });
        return asset;
      },
      'media:pick-and-import': async ({ clientId }) => {
        if (ports.pickMediaFiles === undefined) {
          throw failure(
            'VALIDATION',
            'There is no file dialog here: drop the files on the library or use its upload button.',
          );
        }
        // The paths come from the dialog this process opened, never from the window.
        const files = await ports.pickMediaFiles();
        const assets = [];
        for (const file of files) {
          assets.push(
            await importAnnounced(
              library,
              events,
              ports.newId(),
              clientId,
              path.basename(file),
              (options) => library.importFile(file, clientId, options),
            ),
          );
        }
        return assets;
      },
    },
    start: () => {
      library.sweepIncoming(ports.clock.now());
    },
  };
}
