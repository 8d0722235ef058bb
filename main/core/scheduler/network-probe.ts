// The default NetworkStatus, network-free: online when any network with a fixed host
// (PlatformModule.probe) answers at all. Networks on servers the user names (a Mastodon
// instance, a PDS) have no probe; with no probe at all the engine assumes it is online
// and lets each call's own failure decide.
import type { NetworkStatus } from '../ports.ts';

export function createNetworkProbe(probes: (() => Promise<boolean>)[]): NetworkStatus {
  return {
    isOnline: async () => {
      if (probes.length === 0) return true;
      const answers = probes.map((probe) =>
        probe().then((reached) => (reached ? Promise.resolve(true) : Promise.reject(new Error()))),
      );
      return Promise.any(answers).catch(() => false);
    },
  };
}
