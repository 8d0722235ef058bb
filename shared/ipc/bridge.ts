// The renderer's view of the core: one interface, two transports (Electron preload and
// the browser host's WebSocket), so the UI runs unchanged on both.
import type { Result } from '../result.ts';
import type { Invoke } from './contract.ts';
import type { EventListener, EventName } from './events.ts';

export interface Bridge {
  invoke: Invoke;
  /** Subscribe to a push event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
}

/** What the Electron preload puts on `window`. */
export interface PreloadApi {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Messages of the browser host's socket protocol. */
export interface SocketRequest {
  id: number;
  channel: string;
  input: unknown;
}
export type SocketMessage =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: EventName; payload: unknown };
