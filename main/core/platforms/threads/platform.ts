// Threads as one PlatformModule: Threads' own login with the user's Threads app (finished
// by pasting the address the browser lands on), posts and their threads as replies through
// containers (media handed over through the user's media relay), insights, limits; every
// call routed by [Note: Threads routing].
import type { PlatformModule } from '../port.ts';
import type { PlatformDeps } from '../registry.ts';
import { createThreadsApi } from './api.ts';
import { createThreadsApps } from './app.ts';
import { createThreadsConnect } from './connect.ts';
import { threadsPostingLimits } from './limits.ts';
import { createThreadsMetrics } from './metrics.ts';
import { createThreadsPublish } from './publish.ts';
import { threadsPostingQuota } from './quota.ts';
import { threadsRoute } from './route.ts';
import { createSessions } from './session.ts';

/** `env` holds the origin override and the app (read at each use, so tests may set them late). */
export function createThreadsPlatform(
  deps: PlatformDeps,
  env: NodeJS.ProcessEnv = process.env,
): PlatformModule {
  const route = () => threadsRoute(env);
  const api = createThreadsApi(route);
  const apps = createThreadsApps({ db: deps.db, cipher: deps.cipher, clock: deps.clock, env });
  const openSession = createSessions({ ...deps, api });
  return {
    platform: 'threads',
    label: 'Threads',
    postingLimits: threadsPostingLimits,
    postingQuota: async (account) => threadsPostingQuota(api, await openSession(account)),
    connect: createThreadsConnect({ api, apps, route, clock: deps.clock }),
    publish: createThreadsPublish({
      api,
      openSession,
      relay: deps.relay,
      clock: deps.clock,
      sleep: deps.sleep,
    }),
    metrics: createThreadsMetrics({ api, openSession }),
    app: apps.port,
    // Threads offers apps no way to revoke a token; the user removes Starling under
    // Threads → Settings → Account → Website permissions.
    revoke: () => Promise.resolve('done'),
  };
}
