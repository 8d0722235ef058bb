// Can LinkedIn's API host be reached at all? Any HTTP answer counts (even 404); only a
// failure to connect, or no answer in time, does not. Without it the scheduler asked only
// X before calling itself offline (scheduler/network-probe.ts), so a LinkedIn user who
// cannot reach X had every post held after LinkedIn's first passing failure.
import { exchange } from './http.ts';
import { apiHost, type LinkedInRoute } from './route.ts';

export function createLinkedInProbe(
  route: () => LinkedInRoute,
  timeoutMs = 5_000,
): () => Promise<boolean> {
  return async () => {
    try {
      await exchange(route(), { method: 'HEAD', url: `https://${apiHost}/v2/`, timeoutMs });
      return true;
    } catch {
      return false;
    }
  };
}
