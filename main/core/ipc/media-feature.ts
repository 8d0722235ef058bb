// The media feature's handlers and background work (see ../feature.ts): the library's
// list, get, delete and Fit for X, and imports from the desktop app's own file dialog,
// each announced to every window with progress and the saved asset.
import fs from 'node:fs';
import path from 'node:path';
import type { MediaAsset } from '../../../shared/media.ts';
import type { mediaChannels } from '../../../shared/ipc/channels/media.ts';
import { failure } from '../../../shared/result.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';
import { createMediaLibrary } from '../media/library.ts';

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
      'media:pick-and-import': async ({ clientId, operation }) => {
        if (ports.pickMediaFiles === undefined) {
          throw failure(
            'VALIDATION',
            'There is no file dialog here: drop the files on the library or use its upload button.',
          );
        }
        // The paths come from the dialog this process opened, never from the window.
        const files = await ports.pickMediaFiles();
        const sizes = files.map((file) => {
          try {
            return fs.statSync(file).size;
          } catch {
            return 0;
          }
        });
        const total = sizes.reduce((a, b) => a + b, 0);
        const assets: MediaAsset[] = [];
        // One operation over every picked file, in bytes; a cancel removes the file being
        // copied and keeps the ones already in the library (each was announced).
        return context.operations.run(
          {
            id: operation,
            kind: 'media-import',
            unit: 'bytes',
            cancelledMessage: 'The import was cancelled; the files imported before it are kept.',
          },
          async (op) => {
            let before = 0;
            for (const [index, file] of files.entries()) {
              const name = path.basename(file);
              op.report(`copying ${name}`, before, total);
              const made = await library.importFile(file, clientId, {
                signal: op.signal,
                onProgress: (done) => {
                  op.report(`copying ${name}`, before + done, total);
                },
              });
              before += sizes[index] ?? 0;
              const asset = await library.get(made.id);
              events.emit('media:saved', { asset });
              assets.push(asset);
            }
            return assets;
          },
        );
      },
    },
    start: () => {
      library.sweepIncoming(ports.clock.now());
    },
  };
}
