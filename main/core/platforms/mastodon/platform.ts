// Mastodon as one PlatformModule: a browser sign-in per instance, publishing with
// Idempotency-Keys, metrics and revocation, every call made as one account's session.
import type { PlatformModule } from '../port.ts';
import type { PlatformDeps } from '../registry.ts';
import { beginMastodonSignin } from './connect.ts';
import { mastodonRequestTimeoutMs } from './http.ts';
import { createMediaUploads } from './media.ts';
import { createMastodonMetrics } from './metrics.ts';
import { createMastodonPublish } from './publish.ts';
import { revokeMastodonToken } from './revoke.ts';
import { createSessions } from './session.ts';
import { mastodonPostingLimits } from './limits.ts';

export function createMastodonPlatform(
  deps: PlatformDeps,
  tuning: { requestTimeoutMs?: number } = {},
): PlatformModule {
  const openSession = createSessions(deps, tuning.requestTimeoutMs ?? mastodonRequestTimeoutMs);
  const media = createMediaUploads({ openSession, clock: deps.clock, sleep: deps.sleep });
  return {
    platform: 'mastodon',
    label: 'Mastodon',
    postingLimits: mastodonPostingLimits,
    connect: { kind: 'loopback', begin: (input) => beginMastodonSignin(deps, input) },
    publish: createMastodonPublish({ openSession, media }),
    metrics: createMastodonMetrics(openSession),
    revoke: (_account, sealed) => revokeMastodonToken(deps, sealed),
  };
}
