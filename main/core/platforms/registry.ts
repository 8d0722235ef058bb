// [Note: network registry] Network name → its PlatformModule: the only list of networks
// in the core. Adding a network is its folder, one line here, its fake and its guide.
import type { Kysely } from 'kysely';
import type { Platform } from '../../../shared/accounts.ts';
import { failure } from '../../../shared/result.ts';
import type { Schema } from '../db/schema.ts';
import type { EventBus } from '../events.ts';
import type { Cipher, Clock, Logger } from '../ports.ts';
import type { AccountsService } from '../services/accounts.ts';
import type { MediaRelay } from '../relay/media-relay.ts';
import type { CredentialStore } from '../vault/credential-store.ts';
import type { RefreshGate } from '../vault/refresh-gate.ts';
import { createBlueskyPlatform } from './bluesky/platform.ts';
import { createFacebookPlatform } from './facebook/platform.ts';
import { createInstagramPlatform } from './instagram/platform.ts';
import { createLinkedInPlatform } from './linkedin/platform.ts';
import { createMastodonPlatform } from './mastodon/platform.ts';
import type { PlatformModule } from './port.ts';
import { createThreadsPlatform } from './threads/platform.ts';
import { createXPlatform, type XPlatformDeps } from './x/platform.ts';

/** What every network's module is built from. */
export interface PlatformDeps {
  db: Kysely<Schema>;
  credentials: CredentialStore;
  /** Refreshes of an account's tokens one at a time across processes (vault/refresh-gate.ts). */
  refreshGate: RefreshGate;
  /** Seals secrets that are not an account's tokens (a Mastodon app's client secret). */
  cipher: Cipher;
  accounts: Pick<AccountsService, 'find' | 'markNeedsReauth'>;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  /** Waits between processing checks (media, video jobs); tests pass one that moves a fake clock. */
  sleep: (ms: number) => Promise<void>;
  /**
   * The user's bucket for networks that take media only from a public URL (Instagram,
   * Threads): put a file for a presigned URL, release it once the network fetched it.
   */
  relay: MediaRelay;
}

export interface Platforms {
  /** The module of a network; throws for one this version cannot publish to. */
  get(platform: Platform): PlatformModule;
  all(): PlatformModule[];
  close(): void;
}

export function createPlatforms(deps: PlatformDeps & XPlatformDeps): Platforms {
  const modules = new Map<Platform, PlatformModule>(
    [
      createXPlatform(deps),
      createMastodonPlatform(deps),
      createBlueskyPlatform(deps),
      createLinkedInPlatform(deps),
      createThreadsPlatform(deps),
      createFacebookPlatform(deps),
      createInstagramPlatform(deps),
    ].map((m) => [m.platform, m]),
  );
  return {
    get(platform) {
      const module = modules.get(platform);
      if (module === undefined) {
        throw failure('VALIDATION', `Starling cannot publish to ${platform} yet.`);
      }
      return module;
    },
    all: () => [...modules.values()],
    close() {
      for (const module of modules.values()) module.close?.();
    },
  };
}

export const realSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });
