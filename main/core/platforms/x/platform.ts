// X as one PlatformModule: sign-in with the user's X app, publishing, metrics and
// revocation over one set of XClients.
import type { XRoute } from './x-agent.ts';
import type { PlatformModule } from '../port.ts';
import type { PlatformDeps } from '../registry.ts';
import { createXConnect } from './connect.ts';
import { createXProbe } from './probe.ts';
import { createXMetrics } from './metrics-fetch.ts';
import { createXPublish } from './publish.ts';
import { revokeXTokens } from './revoke.ts';
import type { XClients } from './x-clients.ts';
import { xPostingLimits } from './limits.ts';

/** What X needs besides every network's deps: its clients, its route, the saved app. */
export interface XPlatformDeps {
  xClients: XClients;
  xRoute: XRoute;
  /** The Client ID kept in Settings → X, or null. */
  savedXClientId: () => string | null;
}

export function createXPlatform(deps: PlatformDeps & XPlatformDeps): PlatformModule {
  return {
    platform: 'x',
    label: 'X',
    postingLimits: xPostingLimits,
    connect: createXConnect({
      xClients: deps.xClients,
      route: deps.xRoute,
      clock: deps.clock,
      logger: deps.logger,
      savedClientId: deps.savedXClientId,
    }),
    publish: createXPublish({
      db: deps.db,
      xClients: deps.xClients,
      upload: { now: () => deps.clock.now(), sleep: deps.sleep },
    }),
    metrics: createXMetrics(deps.xClients),
    revoke: (_account, sealed) =>
      revokeXTokens(deps.xClients, sealed, deps.logger, () => deps.clock.now()),
    probe: createXProbe(deps.xRoute),
  };
}
