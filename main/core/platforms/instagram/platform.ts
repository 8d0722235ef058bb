// Instagram as one PlatformModule: professional accounts linked to a Facebook Page, added
// by connecting Facebook (meta's connect makes them) and called with their Page's token;
// posts are single images, carousels and Reels made from containers that fetch their files
// through the user's media relay; media insights and follower counts come back for the
// analytics sync; Instagram's own publishing quota is kept.
import { failure } from '../../../../shared/result.ts';
import { createGraphApi } from '../meta/graph.ts';
import { metaRoute } from '../meta/route.ts';
import { createMetaSessions } from '../meta/session.ts';
import { createUsageWatch } from '../meta/usage.ts';
import type { PlatformModule } from '../port.ts';
import type { PlatformDeps } from '../registry.ts';
import { usageNotes } from '../meta/usage-notes.ts';
import { createOpenGraph, usageScopes } from './graph.ts';
import { createInstagramMedia } from './media.ts';
import { createInstagramMetrics } from './metrics.ts';
import { createInstagramPublish } from './publish.ts';
import { instagramPostingLimits, postingQuota } from './quota.ts';

/** `env` holds the origin override (read at each call, so tests may set it late). */
export function createInstagramPlatform(
  deps: PlatformDeps,
  env: NodeJS.ProcessEnv = process.env,
): PlatformModule {
  const now = () => deps.clock.now();
  const usage = createUsageWatch(now);
  const api = createGraphApi(
    () => metaRoute(env),
    (headers) => {
      usage.note(headers);
    },
  );
  const sessions = createMetaSessions({
    ...deps,
    usage,
    label: 'Instagram',
    reconnectHint: 'Clients → Connect Facebook',
  });
  const openGraph = createOpenGraph(api, sessions);
  const media = createInstagramMedia({
    openGraph,
    relay: deps.relay,
    clock: deps.clock,
    logger: deps.logger,
    sleep: deps.sleep,
  });
  return {
    platform: 'instagram',
    label: 'Instagram',
    postingLimits: instagramPostingLimits,
    postingQuota: async (account) => postingQuota(await openGraph(account), account.platformUserId),
    rateLimits: (account) =>
      usageNotes(usage, usageScopes(account), (scope) =>
        scope === account.platformUserId ? 'This Instagram account' : 'Its Facebook Page',
      ),
    connect: {
      kind: 'loopback',
      begin: () =>
        Promise.reject(
          failure(
            'VALIDATION',
            'Instagram accounts are added by connecting Facebook: each Instagram professional ' +
              'account linked to a Page you pick becomes an account.',
          ),
        ),
    },
    publish: createInstagramPublish({ openGraph, media, now, logger: deps.logger }),
    metrics: createInstagramMetrics({ openGraph, now }),
    // The token is the Page's, which the Facebook account revokes with the user's grant.
    revoke: () => Promise.resolve('done'),
  };
}
