// Files on their way into a client's library: one at a time (a 1 GB video should not
// starve the thumbnails of small images), each with its bytes sent, Cancel, and when
// refused the core's message until dismissed. The media view keeps one queue for the
// app's life, so its imports go on while another view is open; each composer part has
// its own (upload-queue-hook.ts). How bytes move is injected: media-transport.ts.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MediaAsset } from '../../../../shared/media.ts';
import type { Result } from '../../../../shared/result.ts';

export interface Upload {
  /** Also the core's operation id for the import, which is how Cancel reaches it. */
  id: string;
  name: string;
  sent: number;
  total: number;
  /** Why the core refused it (what is wrong and what to do); null while it goes. */
  error: string | null;
}

/** Moves one file into a client's library, and stops one by its id (it then answers CANCELLED). */
export interface UploadTransport {
  send(
    file: File,
    clientId: string,
    id: string,
    onProgress: (sent: number, total: number) => void,
  ): Promise<Result<MediaAsset>>;
  cancel(id: string): void;
}

export interface UploadQueueState {
  uploads: Upload[];
  /**
   * Queues files for a client's library; `onUploaded` gets each asset as it lands.
   * Resolves once every one of them has landed, failed or been cancelled.
   */
  upload: (
    files: readonly File[],
    clientId: string,
    onUploaded?: (asset: MediaAsset) => void,
  ) => Promise<void>;
  /** In flight: the transport stops it. Waiting: it never starts. */
  cancel: (id: string) => void;
  /** Takes a refused upload's message away. */
  dismiss: (id: string) => void;
}

export type UploadQueue = StoreApi<UploadQueueState>;

export function createUploadQueue(transport: UploadTransport): UploadQueue {
  const started = new Set<string>();
  return createStore<UploadQueueState>()((set, get) => {
    const patch = (id: string, p: Partial<Upload>) => {
      set({ uploads: get().uploads.map((u) => (u.id === id ? { ...u, ...p } : u)) });
    };
    const drop = (id: string) => {
      started.delete(id);
      set({ uploads: get().uploads.filter((u) => u.id !== id) });
    };
    const queued = (id: string) => get().uploads.some((u) => u.id === id);
    return {
      uploads: [],
      async upload(files, clientId, onUploaded) {
        const batch = files.map((file) => ({
          file,
          upload: {
            id: crypto.randomUUID(),
            name: file.name,
            sent: 0,
            total: file.size,
            error: null,
          },
        }));
        set({ uploads: [...get().uploads, ...batch.map((b) => b.upload)] });
        for (const { file, upload } of batch) {
          // Cancelled while it waited.
          if (!queued(upload.id)) continue;
          started.add(upload.id);
          const result = await transport.send(file, clientId, upload.id, (sent, total) => {
            patch(upload.id, { sent, total });
          });
          if (result.ok) {
            onUploaded?.(result.value);
            drop(upload.id);
          } else if (result.error.code === 'CANCELLED') {
            drop(upload.id);
          } else {
            started.delete(upload.id);
            patch(upload.id, { error: result.error.message });
          }
        }
      },
      cancel(id) {
        if (started.has(id)) transport.cancel(id);
        else drop(id);
      },
      dismiss: drop,
    };
  });
}
