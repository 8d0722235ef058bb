// A typed in-process emitter for push events; hosts forward them to their renderers.
import type { EventListener, EventName, Events } from '../../shared/ipc/events.ts';

/**
 * A listener for every event. Its two parameters are one tuple union, so checking `event`
 * (`if (event === 'post:saved')`, a `switch`) narrows `payload` to that event's type.
 */
export type AnyEventListener = (
  ...args: { [E in EventName]: [event: E, payload: Events[E]] }[EventName]
) => void;

export function createEventBus() {
  const listeners = new Set<AnyEventListener>();
  const subscribe = (listener: AnyEventListener): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    emit<E extends EventName>(event: E, payload: Events[E]): void {
      const args = [event, payload] as Parameters<AnyEventListener>;
      for (const listener of listeners) listener(...args);
    },
    /** Receive one event, typed as the renderer's bridge receives it; returns the unsubscribe function. */
    on<E extends EventName>(event: E, listener: EventListener<E>): () => void {
      return subscribe((...[name, payload]) => {
        if (name === event) listener(payload as Events[E]);
      });
    },
    /** Receive every event (the hosts forward them all); returns the unsubscribe function. */
    subscribe,
  };
}

export type EventBus = ReturnType<typeof createEventBus>;
