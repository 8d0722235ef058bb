// X as one PlatformModule: publishing, metrics and revocation over one set of XClients.
import type { PlatformModule } from '../port.ts';
import type { PlatformDeps } from '../registry.ts';
import { createXMetrics } from './metrics-fetch.ts';
import { createXPublish } from './publish.ts';
import { revokeXTokens } from './revoke.ts';
import type { XClients } from './x-clients.ts';

export function createXPlatform(deps: PlatformDeps & { xClients: XClients }): PlatformModule {
  return {
    platform: 'x',
    label: 'X',
    publish: createXPublish({
      db: deps.db,
      xClients: deps.xClients,
      upload: { now: () => deps.clock.now(), sleep: deps.sleep },
    }),
    metrics: createXMetrics(deps.xClients),
    revoke: (_account, sealed) => revokeXTokens(deps.xClients, sealed, deps.logger),
  };
}
