// The post being written: client, accounts, thread parts (text, per-account overrides,
// media with alt text) and the chosen wall time, autosaved as a draft about a second after
// the last change and at once when the window loses focus or is hidden, so closing or a
// crash loses at most that second. The open draft's id survives a reload (localStorage).
import { create } from 'zustand';
import {
  emptyPart,
  mergeWithNext,
  moveItem,
  removePart,
  splitPart,
  type ComposePart,
  type Fits,
} from '../../../../../shared/compose.ts';
import { titleFromFileName, type MediaAsset } from '../../../../../shared/media.ts';
import type { NetworkOptions, PostDetail } from '../../../../../shared/posts.ts';
import { getBridge } from '../../../bridge/bridge.ts';

/** A part with a stable key for React (parts move, merge and split). */
export interface EditorPart extends ComposePart {
  key: number;
}

export type SaveState = 'empty' | 'unsaved' | 'saving' | 'saved' | 'error';

interface EditorState {
  draftId: string | null;
  clientId: string;
  accountIds: string[];
  parts: EditorPart[];
  date: string;
  time: string;
  saveState: SaveState;
  saveError: string | null;
  /** [Note: draft base] The draft's updatedAt as last read or saved here; null: replace. */
  baseUpdatedAt: number | null;
  /** The last save was refused: the draft changed elsewhere (draft-conflict.tsx). */
  conflict: boolean;
  /** Media of the client's library by id: kinds and sizes for the checks, names for labels. */
  media: Record<string, MediaAsset>;
  /**
   * [Note: quiet until touched] Keys of the parts the person has edited, and whether they
   * tried to schedule: a part's problems show only then (or once it has content), so an
   * empty composer does not open with a red "The post is empty".
   */
  touched: number[];
  attempted: boolean;
  /**
   * Per account, its network's options for this post (Mastodon's visibility and content
   * warning), kept with the draft and sent when scheduling.
   */
  networkOptions: Record<string, NetworkOptions>;
  setClient: (clientId: string) => void;
  toggleAccount: (accountId: string, on: boolean) => void;
  updatePart: (key: number, patch: Partial<ComposePart>) => void;
  setVariant: (key: number, accountId: string, text: string | null) => void;
  addPart: () => void;
  /** `fits` says where "split" may cut: every network the part's text goes to. */
  partAction: (
    key: number,
    action: 'up' | 'down' | 'merge' | 'split' | 'remove',
    fits?: Fits,
  ) => void;
  addMedia: (key: number, asset: MediaAsset) => void;
  setAltText: (key: number, mediaId: string, altText: string) => void;
  removeMedia: (key: number, mediaId: string) => void;
  setWhen: (date: string, time: string) => void;
  setNetworkOptions: (accountId: string, patch: NetworkOptions) => void;
  knowMedia: (assets: readonly MediaAsset[]) => void;
  /** Scheduling was tried: every problem shows from now on, until the next post. */
  attempt: () => void;
  /** Saves now if anything changed since the last save. */
  flush: () => Promise<void>;
  /**
   * Saves, then says whether the post may be replaced by another: not while its last save
   * failed, or its text would be lost (the error it shows says why).
   */
  leave: () => Promise<boolean>;
  /** Forgets accounts that no longer exist (removed here, in another window or the CLI). */
  keepAccounts: (known: ReadonlySet<string>) => void;
  open: (post: PostDetail) => void;
  /** A fresh, empty post (after scheduling, or "New post"). */
  reset: () => void;
}

let nextKey = 1;
const keyed = (part: ComposePart): EditorPart => ({ ...part, key: nextKey++ });
const draftKey = 'starling.composer.draft';
const idleMs = 1000;

export function rememberedDraftId(): string | null {
  try {
    return window.localStorage.getItem(draftKey);
  } catch {
    return null;
  }
}

function remember(id: string | null) {
  try {
    if (id === null) window.localStorage.removeItem(draftKey);
    else window.localStorage.setItem(draftKey, id);
  } catch {
    // Storage off: the draft is still saved and listed, just not reopened by itself.
  }
}

/** No text and no media: not worth a draft yet (opening a free slot only picks accounts). */
const isBlank = (s: Pick<EditorState, 'parts'>) =>
  s.parts.every((p) => p.text.trim() === '' && p.media.length === 0);

let timer: ReturnType<typeof setTimeout> | undefined;
/** Bumped on every change; a save that finishes after a newer change leaves it unsaved. */
let revision = 0;
let saving: Promise<void> | null = null;
/** Bumped whenever the editor starts on another post: a save for the one before is not its. */
let session = 0;

export const useEditor = create<EditorState>()((set, get) => {
  /** Applies a change and schedules the autosave. */
  const change = (patch: Partial<EditorState> | ((s: EditorState) => Partial<EditorState>)) => {
    set(patch);
    revision += 1;
    set({ saveState: isBlank(get()) && get().draftId === null ? 'empty' : 'unsaved' });
    clearTimeout(timer);
    timer = setTimeout(() => void get().flush(), idleMs);
  };
  const mapPart = (key: number, f: (p: EditorPart) => EditorPart) => {
    change((s) => ({
      parts: s.parts.map((p) => (p.key === key ? f(p) : p)),
      touched: s.touched.includes(key) ? s.touched : [...s.touched, key],
    }));
  };

  async function save(): Promise<void> {
    const state = get();
    if ((state.saveState !== 'unsaved' && state.saveState !== 'error') || state.clientId === '') {
      return;
    }
    const at = revision;
    const mine = session;
    set({ saveState: 'saving' });
    const result = await getBridge().invoke('drafts:save', {
      ...(state.draftId === null ? {} : { id: state.draftId }),
      clientId: state.clientId,
      accountIds: state.accountIds,
      parts: state.parts.map((p) => ({ text: p.text, variants: p.variants, media: p.media })),
      localTime: state.date !== '' && state.time !== '' ? `${state.date}T${state.time}` : null,
      networkOptions: Object.fromEntries(
        Object.entries(state.networkOptions).filter(([id]) => state.accountIds.includes(id)),
      ),
      ...(state.draftId !== null &&
        state.baseUpdatedAt !== null && { baseUpdatedAt: state.baseUpdatedAt }),
    });
    // The editor moved on to another post meanwhile: this answer is the old post's.
    if (session !== mine) return;
    if (!result.ok) {
      const conflict = result.error.details?.['draftChanged'] === true;
      set({ saveState: 'error', saveError: result.error.message, conflict });
      return;
    }
    remember(result.value.id);
    set({
      draftId: result.value.id,
      baseUpdatedAt: result.value.updatedAt,
      conflict: false,
      saveError: null,
      saveState: revision === at ? 'saved' : 'unsaved',
    });
  }

  return {
    draftId: null,
    clientId: '',
    accountIds: [],
    parts: [keyed(emptyPart())],
    date: '',
    time: '',
    saveState: 'empty',
    saveError: null,
    baseUpdatedAt: null,
    conflict: false,
    media: {},
    touched: [],
    attempted: false,
    networkOptions: {},

    setClient(clientId) {
      if (clientId === get().clientId) return;
      // A draft stays with its client: switching starts a new post (the old one stays saved).
      const wasDraft = get().draftId !== null;
      // Its last save failed: switching would lose its text, so the editor stays on it.
      if (get().saveState === 'error') return;
      if (wasDraft) void get().flush();
      set({ clientId, accountIds: [], media: {}, networkOptions: {} });
      if (wasDraft) {
        session += 1;
        set({
          draftId: null,
          parts: [keyed(emptyPart())],
          date: '',
          time: '',
          saveState: 'empty',
          baseUpdatedAt: null,
          touched: [],
          attempted: false,
        });
        remember(null);
      }
    },
    toggleAccount(accountId, on) {
      change((s) => ({
        accountIds: on
          ? [...s.accountIds.filter((a) => a !== accountId), accountId]
          : s.accountIds.filter((a) => a !== accountId),
      }));
    },
    updatePart(key, patch) {
      mapPart(key, (p) => ({ ...p, ...patch }));
    },
    setVariant(key, accountId, text) {
      mapPart(key, (p) => {
        const others = Object.entries(p.variants).filter(([a]) => a !== accountId);
        const variants = Object.fromEntries(
          text === null ? others : [...others, [accountId, text]],
        );
        return { ...p, variants };
      });
    },
    addPart() {
      change((s) => ({ parts: [...s.parts, keyed(emptyPart())] }));
    },
    partAction(key, action, fits) {
      const { parts } = get();
      const index = parts.findIndex((p) => p.key === key);
      if (index < 0) return;
      // Parts that did not change keep their key (and so their focus and DOM).
      const rekey = (made: ComposePart[]) =>
        made.map((p) => ('key' in p ? (p as EditorPart) : keyed(p)));
      switch (action) {
        case 'up':
          change({ parts: moveItem(parts, index, index - 1) });
          return;
        case 'down':
          change({ parts: moveItem(parts, index, index + 1) });
          return;
        case 'merge':
          change({ parts: rekey(mergeWithNext(parts, index)) });
          return;
        case 'split':
          change({ parts: rekey(splitPart(parts, index, fits)) });
          return;
        case 'remove':
          change({ parts: rekey(removePart(parts, index)) });
          return;
      }
    },
    addMedia(key, asset) {
      set((s) => ({ media: { ...s.media, [asset.id]: asset } }));
      mapPart(key, (p) =>
        p.media.some((m) => m.mediaId === asset.id)
          ? p
          : {
              ...p,
              media: [
                ...p.media,
                {
                  mediaId: asset.id,
                  // A document's field is its title: start from its file name.
                  altText: asset.kind === 'document' ? titleFromFileName(asset.name) : '',
                },
              ],
            },
      );
    },
    setAltText(key, mediaId, altText) {
      mapPart(key, (p) => ({
        ...p,
        media: p.media.map((m) => (m.mediaId === mediaId ? { ...m, altText } : m)),
      }));
    },
    removeMedia(key, mediaId) {
      mapPart(key, (p) => ({ ...p, media: p.media.filter((m) => m.mediaId !== mediaId) }));
    },
    setWhen(date, time) {
      change({ date, time });
    },
    setNetworkOptions(accountId, patch) {
      change((s) => ({
        networkOptions: {
          ...s.networkOptions,
          [accountId]: { ...s.networkOptions[accountId], ...patch },
        },
      }));
    },
    knowMedia(assets) {
      set((s) => ({ media: { ...s.media, ...Object.fromEntries(assets.map((a) => [a.id, a])) } }));
    },
    attempt() {
      set({ attempted: true });
    },

    async flush() {
      clearTimeout(timer);
      // One save at a time; a change during it is saved right after.
      while (saving !== null) await saving;
      saving = save();
      try {
        await saving;
      } finally {
        saving = null;
      }
    },

    async leave() {
      await get().flush();
      return get().saveState !== 'error';
    },

    keepAccounts(known) {
      const { accountIds, parts, networkOptions } = get();
      // An unticked account's own text and options are kept too (a save writes them), so
      // those name accounts that may be gone as well.
      const named = [
        ...accountIds,
        ...Object.keys(networkOptions),
        ...parts.flatMap((p) => Object.keys(p.variants)),
      ];
      if (named.every((id) => known.has(id))) return;
      change((s) => ({
        accountIds: s.accountIds.filter((id) => known.has(id)),
        networkOptions: Object.fromEntries(
          Object.entries(s.networkOptions).filter(([id]) => known.has(id)),
        ),
        parts: parts.map((p) => ({
          ...p,
          variants: Object.fromEntries(Object.entries(p.variants).filter(([id]) => known.has(id))),
        })),
      }));
    },

    open(post) {
      clearTimeout(timer);
      session += 1;
      const [date = '', time = ''] = (post.localTime ?? '').split('T');
      set({
        draftId: post.status === 'draft' ? post.id : null,
        clientId: post.clientId,
        accountIds: post.targets.map((t) => t.accountId),
        parts: post.parts.map((p) =>
          keyed({
            text: p.text,
            variants: p.variants,
            media: p.media.map((m) => ({ mediaId: m.mediaId, altText: m.altText })),
          }),
        ),
        date,
        time,
        saveState: 'saved',
        saveError: null,
        baseUpdatedAt: post.updatedAt,
        conflict: false,
        touched: [],
        attempted: false,
        networkOptions: Object.fromEntries(
          post.targets
            .filter((t) => Object.keys(t.options).length > 0)
            .map((t) => [t.accountId, t.options]),
        ),
      });
      if (post.status === 'draft') remember(post.id);
    },

    reset() {
      clearTimeout(timer);
      session += 1;
      remember(null);
      set({
        draftId: null,
        accountIds: [],
        parts: [keyed(emptyPart())],
        date: '',
        time: '',
        saveState: 'empty',
        saveError: null,
        baseUpdatedAt: null,
        conflict: false,
        touched: [],
        attempted: false,
        networkOptions: {},
      });
    },
  };
});
