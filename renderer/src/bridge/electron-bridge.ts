// Electron transport: wraps the preload's `window.starling`. The preload already restricts
// calls to the contract's names; this adds the types and the never-throw promise.
import type { Bridge, PreloadApi } from '../../../shared/ipc/bridge.ts';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/ipc/contract.ts';
import type { EventName, Events } from '../../../shared/ipc/events.ts';
import type { Result } from '../../../shared/result.ts';
import { isResult, offline, transportFailure } from './results.ts';

export function createElectronBridge(api: PreloadApi): Bridge {
  return {
    async invoke<C extends Channel>(
      channel: C,
      input: ChannelInput<C>,
    ): Promise<Result<ChannelOutput<C>>> {
      try {
        const result = await api.invoke(channel, input);
        if (isResult(result)) return result as Result<ChannelOutput<C>>;
        return transportFailure('INTERNAL', 'Starling sent a reply this window cannot read.');
      } catch {
        return offline('This window lost its connection to Starling. Restart the app.');
      }
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      return api.on(event, (payload) => {
        listener(payload as Events[E]);
      });
    },
  };
}
