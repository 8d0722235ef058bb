// The real Timers port. unref'd: a pending check never keeps a process alive by itself.
import type { Timers } from '../ports.ts';

export const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms).unref(),
  clear: (handle) => {
    clearTimeout(handle as NodeJS.Timeout);
  },
};
