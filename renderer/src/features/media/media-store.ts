// The library view's state: the chosen client's media with the search and kind filter,
// uploads in flight with their progress, and the actions (import, fit, delete). Refetched
// on open and on `media:saved` / `media:deleted` from any window or the CLI's imports.
import { create } from 'zustand';
import type { AspectPreset, MediaAsset, MediaKind } from '../../../../shared/media.ts';
import type { Result } from '../../../../shared/result.ts';
import { getBridge } from '../../bridge/bridge.ts';
import { uploadMedia } from './media-transport.ts';

export interface Upload {
  id: string;
  name: string;
  sent: number;
  total: number;
  error: string | null;
}

interface MediaState {
  clientId: string;
  search: string;
  kind: MediaKind | '';
  assets: MediaAsset[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadError: string | null;
  uploads: Upload[];
  setFilter: (filter: Partial<Pick<MediaState, 'clientId' | 'search' | 'kind'>>) => void;
  load: () => Promise<void>;
  importFiles: (files: readonly File[]) => Promise<void>;
  dismissUpload: (id: string) => void;
  fit: (id: string, aspect: AspectPreset) => Promise<Result<MediaAsset>>;
  remove: (id: string) => Promise<Result<{ id: string }>>;
}

let loadSeq = 0;
let uploadSeq = 0;

export const useMedia = create<MediaState>()((set, get) => {
  const patchUpload = (id: string, patch: Partial<Upload>) => {
    set({ uploads: get().uploads.map((u) => (u.id === id ? { ...u, ...patch } : u)) });
  };
  return {
    clientId: '',
    search: '',
    kind: '',
    assets: [],
    status: 'idle',
    loadError: null,
    uploads: [],

    setFilter(filter) {
      set(filter);
      void get().load();
    },

    async load() {
      const { clientId, search, kind } = get();
      if (clientId === '') return;
      const seq = ++loadSeq;
      if (get().status !== 'ready') set({ status: 'loading' });
      const result = await getBridge().invoke('media:list', {
        clientId,
        ...(search.trim() !== '' && { search: search.trim() }),
        ...(kind !== '' && { kind }),
      });
      if (seq !== loadSeq) return;
      if (result.ok) set({ assets: result.value, status: 'ready', loadError: null });
      else set({ status: 'error', loadError: result.error.message });
    },

    async importFiles(files) {
      const { clientId } = get();
      if (clientId === '') return;
      const started = files.map((file) => ({
        file,
        upload: {
          id: `upload-${String(Date.now())}-${String(++uploadSeq)}`,
          name: file.name,
          sent: 0,
          total: file.size,
          error: null,
        },
      }));
      set({ uploads: [...get().uploads, ...started.map((s) => s.upload)] });
      // One at a time: a 1 GB video should not starve the thumbnails of small images.
      for (const { file, upload } of started) {
        const result = await uploadMedia(file, clientId, upload.id, (sent, total) => {
          patchUpload(upload.id, { sent, total });
        });
        if (result.ok || result.error.code === 'CANCELLED') {
          set({ uploads: get().uploads.filter((u) => u.id !== upload.id) });
        } else {
          patchUpload(upload.id, { error: result.error.message });
        }
      }
      await get().load();
    },

    dismissUpload(id) {
      set({ uploads: get().uploads.filter((u) => u.id !== id) });
    },

    async fit(id, aspect) {
      const result = await getBridge().invoke('media:fit', { id, aspect });
      void get().load();
      return result;
    },

    async remove(id) {
      const result = await getBridge().invoke('media:delete', { id });
      void get().load();
      return result;
    },
  };
});
