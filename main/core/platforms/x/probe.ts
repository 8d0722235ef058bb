// Can X's API origin be reached at all? Any HTTP answer counts as reached (even 404);
// only a failure to connect, or no answer in time, is not. The scheduler asks every
// network with a fixed host (scheduler/network-probe.ts) before it calls itself offline.
import { https } from '../../adapters/node-http.ts';
import type { XRoute } from './x-agent.ts';

export function createXProbe(route: XRoute, timeoutMs = 5_000): () => Promise<boolean> {
  return () =>
    new Promise((resolve) => {
      // The route's agent dials the local stand-in when STARLING_X_API_ORIGIN is set.
      const request = https.request(
        {
          host: 'api.x.com',
          path: '/2/openapi.json',
          method: 'HEAD',
          agent: route.agent,
          timeout: timeoutMs,
        },
        (response) => {
          response.resume();
          resolve(true);
        },
      );
      request.on('timeout', () => {
        request.destroy();
        resolve(false);
      });
      request.on('error', () => {
        resolve(false);
      });
      request.end();
    });
}
