// Bluesky as one PlatformModule: sign-in with an app password, publishing, metrics and
// sign-out over the account sessions kept in the vault (sessions.ts). @atproto/api takes
// about 1.5 s to load, which every CLI command and the daemon's start would pay, so the
// parts that need it (implementation.ts) are loaded on first use; the checks, record keys,
// links and error classification here are plain code.
import type { PlatformModule, PublishPort, RemoteRef } from '../port.ts';
import type { PlatformDeps } from '../registry.ts';
import type { BlueskyImplementation } from './implementation.ts';
import { blueskyPostingLimits, checkBlueskyThread } from './limits.ts';
import { createBlueskyMetrics } from './metrics.ts';
import { classifyBlueskyError } from './outcomes.ts';
import type { BlueskySessions } from './sessions.ts';
import { createTidMaker } from './tid.ts';

export const blueskyRequestTimeoutMs = 30_000;

/** A post's public link: https://bsky.app/profile/<handle>/post/<record key>. */
export function postUrl(handle: string, ref: RemoteRef): string {
  const rkey = ref.id.slice(ref.id.lastIndexOf('/') + 1);
  return `https://bsky.app/profile/${encodeURIComponent(handle)}/post/${encodeURIComponent(rkey)}`;
}

export function createBlueskyPlatform(
  deps: PlatformDeps,
  options: { timeoutMs?: number } = {},
): PlatformModule {
  const timeoutMs = options.timeoutMs ?? blueskyRequestTimeoutMs;
  let loading: Promise<BlueskyImplementation> | undefined;
  const load = () =>
    (loading ??= import('./implementation.ts').then((m) =>
      m.createBlueskyImplementation(deps, timeoutMs),
    ));
  const sessions: BlueskySessions = {
    agentFor: async (accountId) => (await load()).sessions.agentFor(accountId),
  };
  const newKey = createTidMaker(() => deps.clock.now());

  const publish: PublishPort = {
    check: (parts) => checkBlueskyThread(parts),
    newKey,
    prepareMedia: async (context, onUploaded) =>
      (await load()).sending.prepareMedia(context, onUploaded),
    // Nothing is cached between attempts: the next prepareMedia uploads everything again.
    forgetMedia: () => Promise.resolve(),
    send: async (context, media) => (await load()).sending.send(context, media),
    find: async (context, since, exclude) => (await load()).sending.find(context, since, exclude),
    remove: async (account, ref) => (await load()).sending.remove(account, ref),
    classify: classifyBlueskyError,
    url: (account, ref) => postUrl(account.handle, ref),
  };

  return {
    platform: 'bluesky',
    label: 'Bluesky',
    postingLimits: blueskyPostingLimits,
    connect: { kind: 'password', signIn: async (input) => (await load()).signIn(input) },
    publish,
    metrics: createBlueskyMetrics(sessions),
    revoke: async (_account, sealed) => {
      try {
        return await (await load()).revoke(sealed);
      } catch (error) {
        // The library itself would not load: nothing reached the PDS, so try again later.
        deps.logger.warn('could not sign the Bluesky session out', { error: String(error) });
        return 'retry';
      }
    },
  };
}
