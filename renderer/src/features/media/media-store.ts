// The library view's state: the chosen client's media with the search and kind filter,
// and the actions (import through the view's upload queue, fit, delete). Refetched on
// open and on `media:saved` / `media:deleted` from any window or the CLI's imports.
import { create } from 'zustand';
import type { AspectPreset, MediaAsset, MediaKind } from '../../../../shared/media.ts';
import type { Result } from '../../../../shared/result.ts';
import { getBridge } from '../../bridge/bridge.ts';
import { uploadTransport } from './media-transport.ts';
import { createUploadQueue } from './upload-queue.ts';

/** The view's imports: one queue for the app's life, so they go on while another view is open. */
export const libraryUploads = createUploadQueue(uploadTransport);

interface MediaState {
  clientId: string;
  search: string;
  kind: MediaKind | '';
  assets: MediaAsset[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadError: string | null;
  setFilter: (filter: Partial<Pick<MediaState, 'clientId' | 'search' | 'kind'>>) => void;
  load: () => Promise<void>;
  importFiles: (files: readonly File[]) => Promise<void>;
  fit: (id: string, aspect: AspectPreset) => Promise<Result<MediaAsset>>;
  remove: (id: string) => Promise<Result<{ id: string }>>;
}

let loadSeq = 0;

export const useMedia = create<MediaState>()((set, get) => ({
  clientId: '',
  search: '',
  kind: '',
  assets: [],
  status: 'idle',
  loadError: null,

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
    await libraryUploads.getState().upload(files, clientId);
    await get().load();
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
}));
