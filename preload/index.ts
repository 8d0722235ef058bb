// [Note: preload] The renderer's only door to the core: a frozen `window.starling` with
// invoke/on, restricted to the contract's channel and event names. ipcRenderer and Node
// APIs never reach the page. Sandboxed, so it is bundled as one CommonJS file.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { PreloadApi } from '../shared/ipc/bridge.ts';
import { isEventName } from '../shared/ipc/events.ts';
import type { Result } from '../shared/result.ts';
import { pushEventChannel, type PushMessage } from './push-channel.ts';

// The contract's channel names, inlined at build time by vite.electron.config.ts: the
// contract module also holds every zod schema, which the preload has no use for.
declare const __STARLING_CHANNELS__: readonly string[];
const channels: ReadonlySet<unknown> = new Set(__STARLING_CHANNELS__);

const failed = (code: 'VALIDATION' | 'INTERNAL', message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(pushEventChannel, (_event: IpcRendererEvent, message: PushMessage) => {
  for (const listener of listeners.get(message.event) ?? []) {
    try {
      listener(message.payload);
    } catch (error) {
      console.error(`Listener for ${message.event} failed`, error);
    }
  }
});

const api: PreloadApi = Object.freeze({
  async invoke(channel: string, input: unknown): Promise<unknown> {
    if (!channels.has(channel)) {
      return failed('VALIDATION', `Unknown channel: ${JSON.stringify(channel)}.`);
    }
    try {
      return (await ipcRenderer.invoke(channel, input)) as unknown;
    } catch (error) {
      // e.g. an input that cannot be structured-cloned; the main process never throws.
      return failed('INTERNAL', `The call could not reach Starling: ${String(error)}`);
    }
  },
  on(event: string, listener: unknown): () => void {
    if (!isEventName(event)) throw new TypeError(`Unknown event: ${JSON.stringify(event)}.`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    // Wrapped, so subscribing the same function twice gives two independent subscriptions.
    const entry: Listener = (payload) => {
      (listener as Listener)(payload);
    };
    let set = listeners.get(event);
    if (set === undefined) listeners.set(event, (set = new Set()));
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  },
});

contextBridge.exposeInMainWorld('starling', api);
