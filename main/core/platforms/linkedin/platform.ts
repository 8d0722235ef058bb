// LinkedIn as one PlatformModule: sign-in with the user's own LinkedIn app, company pages
// as accounts of their own, publishing posts with their thread as comments, page metrics
// and revocation, every call routed by [Note: LinkedIn routing].
import type { PlatformModule } from '../port.ts';
import type { PlatformDeps } from '../registry.ts';
import { createLinkedInApi } from './api.ts';
import { createLinkedInApps } from './app.ts';
import { createLinkedInConnect } from './connect.ts';
import { createMediaUploads } from './media.ts';
import { createLinkedInMentions } from './mentions.ts';
import { createLinkedInMetrics } from './metrics.ts';
import { createLinkedInPages } from './pages.ts';
import { createLinkedInProbe } from './probe.ts';
import { createLinkedInPublish } from './publish.ts';
import { revokeLinkedInTokens } from './revoke.ts';
import { linkedinRoute } from './route.ts';
import { createSessions } from './session.ts';
import { linkedinPostingLimits, linkedinQuotaHolder } from './limits.ts';

/** `env` holds the origin override and the app (read at each use, so tests may set them late). */
export function createLinkedInPlatform(
  deps: PlatformDeps,
  env: NodeJS.ProcessEnv = process.env,
): PlatformModule {
  const route = () => linkedinRoute(env);
  const api = createLinkedInApi(route);
  const apps = createLinkedInApps({ db: deps.db, cipher: deps.cipher, clock: deps.clock, env });
  const openSession = createSessions({ ...deps, api, apps });
  const media = createMediaUploads({ api, openSession, clock: deps.clock, sleep: deps.sleep });
  return {
    platform: 'linkedin',
    label: 'LinkedIn',
    postingLimits: linkedinPostingLimits,
    postingQuotaHolder: linkedinQuotaHolder,
    connect: createLinkedInConnect({ api, apps, route, clock: deps.clock, logger: deps.logger }),
    publish: createLinkedInPublish({ api, openSession, media }),
    metrics: createLinkedInMetrics({ api, openSession }),
    pages: createLinkedInPages({ api, openSession, route, logger: deps.logger }),
    mentions: createLinkedInMentions({ api, openSession }),
    app: apps.port,
    revoke: (_account, sealed) => revokeLinkedInTokens({ ...deps, api, apps }, sealed),
    probe: createLinkedInProbe(route),
  };
}
