// Facebook Pages as one PlatformModule: Facebook Login with the user's own Meta app, the
// Pages they grant (and the Instagram accounts linked to them) as accounts of their own,
// Page posts with photos, a video, link previews and the thread as comments, post
// insights and followers, every call routed by [Note: Meta routing] and paced by Meta's
// usage headers ([Note: Meta usage]).
import type { PlatformModule } from '../port.ts';
import type { PlatformDeps } from '../registry.ts';
import { createGraphApi } from '../meta/graph.ts';
import { metaRoute } from '../meta/route.ts';
import { createMetaSessions } from '../meta/session.ts';
import { usageNotes } from '../meta/usage-notes.ts';
import { createUsageWatch } from '../meta/usage.ts';
import { createMetaApps } from './app.ts';
import { createFacebookConnect } from './connect.ts';
import { createPhotoUploads } from './media.ts';
import { createFacebookMetrics } from './metrics.ts';
import { createFacebookPages } from './pages.ts';
import { createFacebookProbe } from './probe.ts';
import { createFacebookPublish } from './publish.ts';
import { revokeFacebookGrant } from './revoke.ts';

/** `env` holds the origin override and the app (read at each use, so tests may set them late). */
export function createFacebookPlatform(
  deps: PlatformDeps,
  env: NodeJS.ProcessEnv = process.env,
): PlatformModule {
  const route = () => metaRoute(env);
  const usage = createUsageWatch(() => deps.clock.now());
  const graph = createGraphApi(route, (headers) => {
    usage.note(headers);
  });
  const apps = createMetaApps({ db: deps.db, cipher: deps.cipher, clock: deps.clock, env });
  const sessions = createMetaSessions({
    ...deps,
    usage,
    label: 'Facebook',
    reconnectHint: 'Clients → Connect Facebook',
  });
  const photos = createPhotoUploads({ graph, sessions, clock: deps.clock });
  return {
    platform: 'facebook',
    label: 'Facebook',
    connect: createFacebookConnect({ graph, apps, route, clock: deps.clock, logger: deps.logger }),
    publish: createFacebookPublish({ graph, sessions, photos }),
    metrics: createFacebookMetrics({ graph, sessions }),
    rateLimits: (account) =>
      usageNotes(
        usage,
        account.settings.kind === 'page' ? [account.platformUserId] : [],
        () => 'This Page',
      ),
    pages: createFacebookPages({ graph, sessions, route, logger: deps.logger }),
    app: apps.port,
    revoke: (_account, sealed) => revokeFacebookGrant({ ...deps, graph }, sealed),
    probe: createFacebookProbe(route),
  };
}
