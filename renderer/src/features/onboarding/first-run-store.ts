// Whether any post was ever scheduled, for the first-run checklist: asked of the core
// (posts:list, one post per status that only scheduling reaches) on start and whenever a
// post is saved, until the checklist is done.
import { create } from 'zustand';
import { getBridge } from '../../bridge/bridge.ts';
import { scheduledStatuses } from './first-run-steps.ts';

interface FirstRunState {
  /** null until the first answer. */
  scheduled: boolean | null;
  load: () => Promise<void>;
}

// Loads overlap (start, post events); only the newest may write.
let loadSeq = 0;

export const useFirstRun = create<FirstRunState>()((set) => ({
  scheduled: null,
  async load() {
    const seq = ++loadSeq;
    const bridge = getBridge();
    const answers = await Promise.all(
      scheduledStatuses.map((status) => bridge.invoke('posts:list', { status, limit: 1 })),
    );
    if (seq !== loadSeq) return;
    // A refused read leaves the step as it was rather than ticking or unticking it.
    if (answers.some((a) => !a.ok)) return;
    set({ scheduled: answers.some((a) => a.ok && a.value.length > 0) });
  },
}));
