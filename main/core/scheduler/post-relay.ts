// Passes on the post events committed while publishing: to the engine's listeners at
// once (the daemon's log lines), and as `post:saved` with the post's new summary,
// coalesced per post so the several events of one commit push one summary, and read
// together for every post that changed while the read before ran.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../ports.ts';
import { findSummaries } from '../services/posts-read.ts';
import type { SchedulerEvent } from './missed-policy.ts';

/** Summaries read at once: more would hold the thread that serves the UI too long. */
const summariesPerRead = 100;

export function createPostRelay(deps: { db: Kysely<Schema>; events: EventBus; logger: Logger }) {
  const listeners = new Set<(event: SchedulerEvent) => void>();
  const dirtyPosts = new Set<string>();
  let flushing = false;
  /** Set while the relay pushes its own post:saved, which needs no new check. */
  let relaying = false;

  function relay(event: SchedulerEvent) {
    for (const listener of listeners) listener(event);
    dirtyPosts.add(event.postId);
    if (flushing) return;
    flushing = true;
    queueMicrotask(() => void flush());
  }

  // While one read of summaries runs, the posts that change meanwhile wait for the next,
  // which reads them all at once: a burst publishing hundreds of posts a second pushes
  // each post once per read, not once per commit.
  async function flush() {
    while (dirtyPosts.size > 0) {
      const ids = [...dirtyPosts].slice(0, summariesPerRead);
      for (const id of ids) dirtyPosts.delete(id);
      try {
        const posts = await findSummaries(deps.db, ids);
        relaying = true;
        try {
          for (const post of posts) deps.events.emit('post:saved', { post });
        } finally {
          relaying = false;
        }
      } catch (error) {
        deps.logger.warn('scheduler: could not push a post summary', { error: String(error) });
      }
    }
    flushing = false;
  }

  return {
    relay,
    /** Whether a post:saved being handled now is the relay's own. */
    relaying: () => relaying,
    onPostEvent: (listener: (event: SchedulerEvent) => void): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
