// Can Graph's host be reached at all? Any HTTP answer counts (even an error); only a
// failure to connect, or no answer in time, does not (scheduler/network-probe.ts).
import { exchange } from '../meta/http.ts';
import { graphHost, type MetaRoute } from '../meta/route.ts';

export function createFacebookProbe(
  route: () => MetaRoute,
  timeoutMs = 5_000,
): () => Promise<boolean> {
  return async () => {
    try {
      await exchange(route(), { method: 'HEAD', url: `https://${graphHost}/`, timeoutMs });
      return true;
    } catch {
      return false;
    }
  };
}
