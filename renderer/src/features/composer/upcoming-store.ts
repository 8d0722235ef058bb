// The composer's "Upcoming" list: posts from now on, plus failed and missed ones (their
// time has passed, but they still want a decision). Refetched on open, after each change
// and on `post:saved` from the core (the scheduler or another window).
import { create } from 'zustand';
import type { PostSummary } from '../../../../shared/posts.ts';
import type { Result } from '../../../../shared/result.ts';
import { getBridge } from '../../bridge/bridge.ts';

interface UpcomingState {
  posts: PostSummary[];
  status: 'loading' | 'ready' | 'error';
  loadError: string | null;
  load: () => Promise<void>;
  cancel: (id: string) => Promise<Result<PostSummary>>;
  retry: (id: string) => Promise<Result<PostSummary>>;
}

/** Cancelled posts leave the list; everything else still needs to happen or be decided. */
const hidden = new Set<PostSummary['status']>(['cancelled', 'published']);
const listLimit = 200;

const byTime = (a: PostSummary, b: PostSummary) =>
  (a.scheduledAt ?? Number.MAX_SAFE_INTEGER) - (b.scheduledAt ?? Number.MAX_SAFE_INTEGER);

// Loads overlap (open, events, actions); only the newest may write.
let loadSeq = 0;

export const useUpcoming = create<UpcomingState>()((set, get) => ({
  posts: [],
  status: 'loading',
  loadError: null,

  async load() {
    const seq = ++loadSeq;
    const bridge = getBridge();
    const results = await Promise.all([
      bridge.invoke('posts:list', { from: Date.now(), limit: listLimit }),
      bridge.invoke('posts:list', { status: 'failed', limit: listLimit }),
      bridge.invoke('posts:list', { status: 'missed', limit: listLimit }),
    ]);
    if (seq !== loadSeq) return;
    for (const result of results) {
      if (result.ok) continue;
      if (get().status !== 'ready') set({ status: 'error', loadError: result.error.message });
      return;
    }
    const seen = new Map<string, PostSummary>();
    for (const result of results) {
      if (!result.ok) continue;
      for (const post of result.value) {
        if (!hidden.has(post.status)) seen.set(post.id, post);
      }
    }
    set({ posts: [...seen.values()].sort(byTime), status: 'ready', loadError: null });
  },

  async cancel(id) {
    const result = await getBridge().invoke('posts:cancel', { id });
    void get().load();
    return result;
  },

  async retry(id) {
    const result = await getBridge().invoke('posts:retry', { id });
    void get().load();
    return result;
  },
}));
