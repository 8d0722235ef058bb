// Passes on the post events committed while publishing: to the engine's listeners at
// once (the daemon's log lines), and as `post:saved` with the post's new summary,
// coalesced per post so the several events of one commit push one summary.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../ports.ts';
import { findSummaries } from '../services/posts-read.ts';
import type { SchedulerEvent } from './missed-policy.ts';

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
    queueMicrotask(() => {
      flushing = false;
      const ids = [...dirtyPosts];
      dirtyPosts.clear();
      void Promise.all(
        ids.map(async (id) => {
          const [post] = await findSummaries(deps.db, [id]);
          if (post === undefined) return;
          relaying = true;
          try {
            deps.events.emit('post:saved', { post });
          } finally {
            relaying = false;
          }
        }),
      ).catch((error: unknown) => {
        deps.logger.warn('scheduler: could not push a post summary', { error: String(error) });
      });
    });
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
