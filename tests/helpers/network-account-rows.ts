// Account rows of any network, inserted directly (no sign-in, no tokens): enough for
// anything that schedules, imports or exports without publishing.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Platform } from '../../shared/accounts.ts';
import type { Schema } from '../../main/core/db/schema.ts';

let counter = 0;

export interface NetworkAccountSpec {
  platform: Platform;
  /** Without the @: `bakery`, `bakery.bsky.social`, `bakery@mastodon.social`. */
  handle: string;
  /** Default: bsky.social for Bluesky, the handle's instance for Mastodon, null for X. */
  serviceUrl?: string | null;
  settings?: Record<string, unknown>;
  /** The account's id on the network; default: a made-up one of the network's shape. */
  platformUserId?: string;
  status?: 'active' | 'needs_reauth' | 'disconnected';
}

function defaultService(platform: Platform, handle: string): string | null {
  if (platform === 'bluesky') return 'https://bsky.social';
  if (platform === 'mastodon') return `https://${handle.split('@')[1] ?? 'mastodon.social'}`;
  return null;
}

export async function makeNetworkAccount(
  db: Kysely<Schema>,
  clientId: string,
  spec: NetworkAccountSpec,
): Promise<string> {
  counter += 1;
  const id = uuidv7();
  const now = Date.UTC(2026, 10, 24, 9, 0);
  const userIds: Record<Platform, string> = {
    x: String(7_000_000 + counter),
    bluesky: `did:plc:test${String(counter).padStart(20, '0')}`,
    mastodon: `${String(counter)}@${spec.handle.split('@')[1] ?? 'mastodon.social'}`,
    linkedin: `urn:li:person:test${String(counter)}`,
    threads: String(27_000_000_000 + counter),
    facebook: String(110_000_000_000 + counter),
    instagram: String(17_840_000_000_000 + counter),
  };
  await db
    .insertInto('social_accounts')
    .values({
      id,
      client_id: clientId,
      platform: spec.platform,
      platform_user_id: spec.platformUserId ?? userIds[spec.platform],
      handle: spec.handle,
      avatar_url: null,
      service_url:
        spec.serviceUrl === undefined
          ? defaultService(spec.platform, spec.handle)
          : spec.serviceUrl,
      settings: JSON.stringify(spec.settings ?? {}),
      ...(spec.status !== undefined && { status: spec.status }),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
