// A typed in-process emitter for push events; hosts forward them to their renderers.
import type { EventName, Events } from '../../shared/ipc/events.ts';

type Listener = (event: EventName, payload: Events[EventName]) => void;

export function createEventBus() {
  const listeners = new Set<Listener>();
  return {
    emit<E extends EventName>(event: E, payload: Events[E]): void {
      for (const listener of listeners) listener(event, payload);
    },
    /** Receive every event; returns the unsubscribe function. */
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type EventBus = ReturnType<typeof createEventBus>;
