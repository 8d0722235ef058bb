// The renderer's view of the core: one interface, two transports (Electron preload and
// the browser host's WebSocket), so the UI runs unchanged on both.
import type { Result } from '../result.ts';
import type { Channel, ChannelInput, ChannelOutput } from './contract.ts';
import type { EventName, Events } from './events.ts';

export interface Bridge {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** Subscribe to a push event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
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
